package canon

// The fast path of Marshal: a reflection encoder that writes canonical JSON directly.
//
// Its one job is to produce exactly the bytes marshalSlow (json.Marshal, then
// Canonicalize) produces, because the journal hashes them. It is therefore a port of
// encoding/json's encoder (go1.26, encode.go) with three differences that follow from
// the round trip through Canonicalize:
//
//   - object members are written sorted by key bytes (struct fields are sorted once, when
//     the type's plan is built; map keys on every call);
//   - strings are written without HTML escaping, and an invalid UTF-8 byte becomes a
//     literal U+FFFD rather than the escape \ufffd, because json.Marshal writes \ufffd,
//     the decoder turns it into the rune, and AppendString writes the rune as is;
//   - the output of MarshalJSON methods (json.RawMessage included) goes through
//     Canonicalize, as it would inside the slow path's decode.
//
// Whenever the port cannot be sure of producing the slow path's bytes (an error of any
// kind, map keys that are invalid UTF-8 or collide, very deep nesting that may be a
// cycle), it returns errFallback and Marshal runs marshalSlow instead, which also gives
// the caller encoding/json's own error for values that cannot be encoded.

import (
	"encoding"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// errFallback tells Marshal to produce the value with marshalSlow. It never reaches a
// caller.
var errFallback = errors.New("canonical json: fast path declined")

const (
	// maxFastDepth bounds the nesting the fast path follows (pointers, interfaces and
	// containers). Deeper values are rare and may be cycles; encoding/json detects cycles
	// after 1000 pointer levels, so leaving them to marshalSlow gives its error.
	maxFastDepth = 500
	// maxEmbeddedDepth keeps embedded JSON (MarshalJSON output) well under the decoder's
	// limit of 10000 nested values, which the slow path applies to the whole document.
	maxEmbeddedDepth = 9000
)

type encodeState struct {
	buf   []byte
	depth int
}

var encodeStatePool = sync.Pool{New: func() any { return &encodeState{buf: make([]byte, 0, 512)} }}

// marshalFast encodes v, or returns errFallback. It recovers from panics (a reflect
// misuse this port shares with encoding/json, or a panicking method) so that Marshal
// can hand the value to the slow path.
func marshalFast(v any) (out []byte, err error) {
	e := encodeStatePool.Get().(*encodeState)
	e.buf = e.buf[:0]
	e.depth = 0
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, errFallback
		}
		// Keep the pool from pinning the buffer of one unusually large value.
		if cap(e.buf) <= 64<<10 {
			encodeStatePool.Put(e)
		}
	}()
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return []byte("null"), nil
	}
	if err := typeEncoder(rv.Type())(e, rv, false); err != nil {
		return nil, err
	}
	out = make([]byte, len(e.buf))
	copy(out, e.buf)
	return out, nil
}

// encoderFunc appends the canonical JSON of v. quoted is encoding/json's ",string" tag
// option, passed down the same way.
type encoderFunc func(e *encodeState, v reflect.Value, quoted bool) error

var encoderCache sync.Map // map[reflect.Type]encoderFunc

// typeEncoder returns the cached plan for t. Like encoding/json, it stores an indirect
// function first so that recursive types find it while their plan is being built.
func typeEncoder(t reflect.Type) encoderFunc {
	if fi, ok := encoderCache.Load(t); ok {
		return fi.(encoderFunc)
	}
	indirect := sync.OnceValue(func() encoderFunc { return newTypeEncoder(t, true) })
	fi, loaded := encoderCache.LoadOrStore(t, encoderFunc(func(e *encodeState, v reflect.Value, quoted bool) error {
		return indirect()(e, v, quoted)
	}))
	if loaded {
		return fi.(encoderFunc)
	}
	f := indirect()
	encoderCache.Store(t, f)
	return f
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	numberType        = reflect.TypeFor[json.Number]()
)

// newTypeEncoder chooses an encoder in encoding/json's order of precedence, including
// its rule that pointer-receiver methods are used only for addressable values.
func newTypeEncoder(t reflect.Type, allowAddr bool) encoderFunc {
	if t.Kind() != reflect.Pointer && allowAddr && reflect.PointerTo(t).Implements(marshalerType) {
		return newCondAddrEncoder(addrMarshalerEncoder, newTypeEncoder(t, false))
	}
	if t.Implements(marshalerType) {
		return marshalerEncoder
	}
	if t.Kind() != reflect.Pointer && allowAddr && reflect.PointerTo(t).Implements(textMarshalerType) {
		return newCondAddrEncoder(addrTextMarshalerEncoder, newTypeEncoder(t, false))
	}
	if t.Implements(textMarshalerType) {
		return textMarshalerEncoder
	}
	switch t.Kind() {
	case reflect.Bool:
		return boolEncoder
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intEncoder
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintEncoder
	case reflect.Float32:
		return float32Encoder
	case reflect.Float64:
		return float64Encoder
	case reflect.String:
		return stringEncoder
	case reflect.Interface:
		return interfaceEncoder
	case reflect.Struct:
		return newStructEncoder(t)
	case reflect.Map:
		return newMapEncoder(t)
	case reflect.Slice:
		return newSliceEncoder(t)
	case reflect.Array:
		return newArrayEncoder(t)
	case reflect.Pointer:
		return newPtrEncoder(t)
	default:
		// Channels, functions, complex numbers: json.Marshal reports the error.
		return fallbackEncoder
	}
}

func fallbackEncoder(*encodeState, reflect.Value, bool) error { return errFallback }

func (e *encodeState) enter() error {
	e.depth++
	if e.depth > maxFastDepth {
		return errFallback
	}
	return nil
}

func marshalerEncoder(e *encodeState, v reflect.Value, _ bool) error {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	m, ok := reflect.TypeAssert[json.Marshaler](v)
	if !ok {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	b, err := m.MarshalJSON()
	if err != nil {
		return errFallback
	}
	return e.embedJSON(b)
}

func addrMarshalerEncoder(e *encodeState, v reflect.Value, _ bool) error {
	va := v.Addr()
	if va.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	m, _ := reflect.TypeAssert[json.Marshaler](va)
	b, err := m.MarshalJSON()
	if err != nil {
		return errFallback
	}
	return e.embedJSON(b)
}

// embedJSON appends the canonical form of JSON text returned by a MarshalJSON method.
// The slow path compacts it into the document and decodes the whole, which is what
// Canonicalize does to it alone; single tokens that round-trip unchanged skip the decoder.
func (e *encodeState) embedJSON(b []byte) error {
	if isVerbatimToken(b) {
		e.buf = append(e.buf, b...)
		return nil
	}
	if e.depth+len(b) > maxEmbeddedDepth && e.depth+nestingDepth(b) > maxEmbeddedDepth {
		return errFallback
	}
	c, err := Canonicalize(b)
	if err != nil {
		return errFallback
	}
	e.buf = append(e.buf, c...)
	return nil
}

// isVerbatimToken reports whether b is a literal, a number, or a string whose canonical
// form is b itself: no escapes, no control characters, valid UTF-8 without U+2028 and
// U+2029 (which canonical form escapes). Such output (a date, an enum) is the common case
// for MarshalJSON.
func isVerbatimToken(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	switch b[0] {
	case 't':
		return string(b) == "true"
	case 'f':
		return string(b) == "false"
	case 'n':
		return string(b) == "null"
	case '"':
	default:
		return isValidNumber(string(b))
	}
	if len(b) < 2 || b[len(b)-1] != '"' {
		return false
	}
	s := b[1 : len(b)-1]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// nestingDepth returns the deepest nesting of arrays and objects in JSON text b,
// ignoring brackets inside strings. It need only be exact for valid JSON: for anything
// else Canonicalize fails and the slow path reports the error.
func nestingDepth(b []byte) int {
	depth, most := 0, 0
	inString, escaped := false, false
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			most = max(most, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return most
}

func textMarshalerEncoder(e *encodeState, v reflect.Value, _ bool) error {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	m, ok := reflect.TypeAssert[encoding.TextMarshaler](v)
	if !ok {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	b, err := m.MarshalText()
	if err != nil {
		return errFallback
	}
	e.buf = appendCanonString(e.buf, b)
	return nil
}

func addrTextMarshalerEncoder(e *encodeState, v reflect.Value, _ bool) error {
	va := v.Addr()
	if va.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	m, _ := reflect.TypeAssert[encoding.TextMarshaler](va)
	b, err := m.MarshalText()
	if err != nil {
		return errFallback
	}
	e.buf = appendCanonString(e.buf, b)
	return nil
}

// The ",string" option makes json.Marshal write a scalar inside a JSON string; the slow
// path decodes that string and writes it again, and digits, signs, dots, letters need no
// escaping, so the quoted form is the plain form between quotes.
func mayAppendQuote(b []byte, quoted bool) []byte {
	if quoted {
		b = append(b, '"')
	}
	return b
}

func boolEncoder(e *encodeState, v reflect.Value, quoted bool) error {
	e.buf = mayAppendQuote(e.buf, quoted)
	e.buf = strconv.AppendBool(e.buf, v.Bool())
	e.buf = mayAppendQuote(e.buf, quoted)
	return nil
}

func intEncoder(e *encodeState, v reflect.Value, quoted bool) error {
	e.buf = mayAppendQuote(e.buf, quoted)
	e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	e.buf = mayAppendQuote(e.buf, quoted)
	return nil
}

func uintEncoder(e *encodeState, v reflect.Value, quoted bool) error {
	e.buf = mayAppendQuote(e.buf, quoted)
	e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
	e.buf = mayAppendQuote(e.buf, quoted)
	return nil
}

type floatEncoder int // number of bits

// encode formats like ES6 number-to-string, as encoding/json does; the slow path keeps
// the digits as a json.Number, so these are the canonical digits.
func (bits floatEncoder) encode(e *encodeState, v reflect.Value, quoted bool) error {
	f := v.Float()
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return errFallback
	}
	b := mayAppendQuote(e.buf, quoted)
	abs := math.Abs(f)
	format := byte('f')
	// float32 comparisons for float32 values get the cutoffs right.
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, int(bits))
	if format == 'e' {
		// e-09 becomes e-9.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	e.buf = mayAppendQuote(b, quoted)
	return nil
}

var (
	float32Encoder = (floatEncoder(32)).encode
	float64Encoder = (floatEncoder(64)).encode
)

func stringEncoder(e *encodeState, v reflect.Value, quoted bool) error {
	if v.Type() == numberType {
		num := v.String()
		// encoding/json writes the zero Number as 0.
		if num == "" {
			num = "0"
		}
		if !isValidNumber(num) {
			return errFallback
		}
		e.buf = mayAppendQuote(e.buf, quoted)
		e.buf = append(e.buf, num...)
		e.buf = mayAppendQuote(e.buf, quoted)
		return nil
	}
	if quoted {
		// The slow path's string holds encoding/json's quoted form (HTML-escaped),
		// which json.Marshal of the plain string reproduces.
		inner, err := json.Marshal(v.String())
		if err != nil {
			return errFallback
		}
		e.buf = appendCanonString(e.buf, inner)
		return nil
	}
	e.buf = appendCanonString(e.buf, v.String())
	return nil
}

// isValidNumber is encoding/json's check of the JSON number grammar.
func isValidNumber(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '-' {
		s = s[1:]
		if s == "" {
			return false
		}
	}
	switch {
	default:
		return false
	case s[0] == '0':
		s = s[1:]
	case '1' <= s[0] && s[0] <= '9':
		s = s[1:]
		for len(s) > 0 && '0' <= s[0] && s[0] <= '9' {
			s = s[1:]
		}
	}
	if len(s) >= 2 && s[0] == '.' && '0' <= s[1] && s[1] <= '9' {
		s = s[2:]
		for len(s) > 0 && '0' <= s[0] && s[0] <= '9' {
			s = s[1:]
		}
	}
	if len(s) >= 2 && (s[0] == 'e' || s[0] == 'E') {
		s = s[1:]
		if s[0] == '+' || s[0] == '-' {
			s = s[1:]
			if s == "" {
				return false
			}
		}
		for len(s) > 0 && '0' <= s[0] && s[0] <= '9' {
			s = s[1:]
		}
	}
	return s == ""
}

func interfaceEncoder(e *encodeState, v reflect.Value, quoted bool) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	if err := e.enter(); err != nil {
		return err
	}
	elem := v.Elem()
	err := typeEncoder(elem.Type())(e, elem, quoted)
	e.depth--
	return err
}

// appendCanonString writes s as the slow path does after its round trip: like
// AppendString, except that an invalid UTF-8 byte becomes a literal U+FFFD.
func appendCanonString[Bytes []byte | string](dst []byte, s Bytes) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		// A short string conversion stays on the stack, as in encoding/json.
		n := min(len(s)-i, utf8.UTFMax)
		r, size := utf8.DecodeRuneInString(string(s[i : i+n]))
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, "\uFFFD"...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// field is one JSON member of a struct, found by encoding/json's rules.
type field struct {
	name  string
	key   []byte // canonical "name":
	tag   bool
	index []int
	typ   reflect.Type

	omitEmpty bool
	omitZero  bool
	isZero    func(reflect.Value) bool
	quoted    bool

	encoder encoderFunc
}

type structEncoder struct {
	fields []field // sorted by name bytes, the canonical order
}

func newStructEncoder(t reflect.Type) encoderFunc {
	se := &structEncoder{fields: typeFields(t)}
	return se.encode
}

func (se *structEncoder) encode(e *encodeState, v reflect.Value, _ bool) error {
	if err := e.enter(); err != nil {
		return err
	}
	next := byte('{')
fieldLoop:
	for i := range se.fields {
		f := &se.fields[i]
		fv := v
		for _, i := range f.index {
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					continue fieldLoop
				}
				fv = fv.Elem()
			}
			fv = fv.Field(i)
		}
		if f.omitEmpty && isEmptyValue(fv) ||
			f.omitZero && (f.isZero == nil && fv.IsZero() || f.isZero != nil && f.isZero(fv)) {
			continue
		}
		e.buf = append(e.buf, next)
		next = ','
		e.buf = append(e.buf, f.key...)
		if err := f.encoder(e, fv, f.quoted); err != nil {
			return err
		}
	}
	if next == '{' {
		e.buf = append(e.buf, "{}"...)
	} else {
		e.buf = append(e.buf, '}')
	}
	e.depth--
	return nil
}

func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

type isZeroer interface {
	IsZero() bool
}

var isZeroerType = reflect.TypeFor[isZeroer]()

// typeFields is encoding/json's typeFields: the same walk of embedded structs, the same
// dominance rules for names that collide, the same omitzero methods. Only the final
// order differs: by name bytes, which is the order canonical JSON writes them in.
func typeFields(t reflect.Type) []field {
	current := []field{}
	next := []field{{typ: t}}
	var count, nextCount map[reflect.Type]int
	visited := map[reflect.Type]bool{}
	var fields []field

	for len(next) > 0 {
		current, next = next, current[:0]
		count, nextCount = nextCount, map[reflect.Type]int{}

		for _, f := range current {
			if visited[f.typ] {
				continue
			}
			visited[f.typ] = true

			for i := 0; i < f.typ.NumField(); i++ {
				sf := f.typ.Field(i)
				if sf.Anonymous {
					t := sf.Type
					if t.Kind() == reflect.Pointer {
						t = t.Elem()
					}
					if !sf.IsExported() && t.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts := parseTag(tag)
				if !isValidTag(name) {
					name = ""
				}
				index := make([]int, len(f.index)+1)
				copy(index, f.index)
				index[len(f.index)] = i

				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}

				quoted := false
				if opts.Contains("string") {
					switch ft.Kind() {
					case reflect.Bool,
						reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
						reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
						reflect.Float32, reflect.Float64,
						reflect.String:
						quoted = true
					}
				}

				if name != "" || !sf.Anonymous || ft.Kind() != reflect.Struct {
					tagged := name != ""
					if name == "" {
						name = sf.Name
					}
					fld := field{
						name:      name,
						tag:       tagged,
						index:     index,
						typ:       ft,
						omitEmpty: opts.Contains("omitempty"),
						omitZero:  opts.Contains("omitzero"),
						quoted:    quoted,
					}
					fld.key = append(appendCanonString(nil, name), ':')
					if fld.omitZero {
						fld.isZero = isZeroFunc(sf.Type)
					}
					fields = append(fields, fld)
					if count[f.typ] > 1 {
						// A second copy lets the dominance pass see the duplicate.
						fields = append(fields, fields[len(fields)-1])
					}
					continue
				}

				nextCount[ft]++
				if nextCount[ft] == 1 {
					next = append(next, field{name: ft.Name(), index: index, typ: ft})
				}
			}
		}
	}

	slices.SortFunc(fields, func(a, b field) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := len(a.index) - len(b.index); c != 0 {
			return c
		}
		if a.tag != b.tag {
			if a.tag {
				return -1
			}
			return +1
		}
		return slices.Compare(a.index, b.index)
	})

	out := fields[:0]
	for advance, i := 0, 0; i < len(fields); i += advance {
		fi := fields[i]
		for advance = 1; i+advance < len(fields); advance++ {
			if fields[i+advance].name != fi.name {
				break
			}
		}
		if advance == 1 {
			out = append(out, fi)
			continue
		}
		if dominant, ok := dominantField(fields[i : i+advance]); ok {
			out = append(out, dominant)
		}
	}
	fields = out
	// Already in name order: strings.Compare is byte order, as sort.Strings uses.
	for i := range fields {
		fields[i].encoder = typeEncoder(typeByIndex(t, fields[i].index))
	}
	return fields
}

// dominantField picks the field that wins among fields sharing a name, or none when two
// at the shallowest depth tie (both tagged or both untagged), as encoding/json does.
func dominantField(fields []field) (field, bool) {
	if len(fields) > 1 && len(fields[0].index) == len(fields[1].index) && fields[0].tag == fields[1].tag {
		return field{}, false
	}
	return fields[0], true
}

// isZeroFunc returns encoding/json's omitzero test for a field of type t that has an
// IsZero method, or nil to use reflect.Value.IsZero.
func isZeroFunc(t reflect.Type) func(reflect.Value) bool {
	switch {
	case t.Kind() == reflect.Interface && t.Implements(isZeroerType):
		return func(v reflect.Value) bool {
			return v.IsNil() ||
				(v.Elem().Kind() == reflect.Pointer && v.Elem().IsNil()) ||
				v.Interface().(isZeroer).IsZero()
		}
	case t.Kind() == reflect.Pointer && t.Implements(isZeroerType):
		return func(v reflect.Value) bool {
			return v.IsNil() || v.Interface().(isZeroer).IsZero()
		}
	case t.Implements(isZeroerType):
		return func(v reflect.Value) bool {
			// Through a pointer the same value method runs without boxing a copy.
			if v.CanAddr() {
				return v.Addr().Interface().(isZeroer).IsZero()
			}
			return v.Interface().(isZeroer).IsZero()
		}
	case reflect.PointerTo(t).Implements(isZeroerType):
		return func(v reflect.Value) bool {
			if !v.CanAddr() {
				v2 := reflect.New(v.Type()).Elem()
				v2.Set(v)
				v = v2
			}
			return v.Addr().Interface().(isZeroer).IsZero()
		}
	}
	return nil
}

func typeByIndex(t reflect.Type, index []int) reflect.Type {
	for _, i := range index {
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		t = t.Field(i).Type
	}
	return t
}

func parseTag(tag string) (string, tagOptions) {
	tag, opt, _ := strings.Cut(tag, ",")
	return tag, tagOptions(opt)
}

type tagOptions string

func (o tagOptions) Contains(optionName string) bool {
	s := string(o)
	for s != "" {
		var name string
		name, s, _ = strings.Cut(s, ",")
		if name == optionName {
			return true
		}
	}
	return false
}

func isValidTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

type mapEncoder struct {
	elemEnc encoderFunc
}

func newMapEncoder(t reflect.Type) encoderFunc {
	switch t.Key().Kind() {
	case reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
	case reflect.Interface:
		// encoding/json may panic on a nil key of such a type; leave it to the slow path.
		return fallbackEncoder
	default:
		if !t.Key().Implements(textMarshalerType) {
			return fallbackEncoder
		}
	}
	me := mapEncoder{typeEncoder(t.Elem())}
	return me.encode
}

type keyedValue struct {
	key string
	v   reflect.Value
}

func (me mapEncoder) encode(e *encodeState, v reflect.Value, _ bool) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	if err := e.enter(); err != nil {
		return err
	}
	kvs := make([]keyedValue, 0, v.Len())
	for mi := v.MapRange(); mi.Next(); {
		ks, err := resolveKeyName(mi.Key())
		// Invalid UTF-8 keys turn into U+FFFD in the slow path and may then collide;
		// which value survives depends on encoding/json's order, so let it decide.
		if err != nil || !utf8.ValidString(ks) {
			return errFallback
		}
		kvs = append(kvs, keyedValue{ks, mi.Value()})
	}
	slices.SortFunc(kvs, func(a, b keyedValue) int { return strings.Compare(a.key, b.key) })
	e.buf = append(e.buf, '{')
	for i, kv := range kvs {
		if i > 0 {
			// Text marshalers can give two keys one name; the slow path keeps one of them.
			if kv.key == kvs[i-1].key {
				return errFallback
			}
			e.buf = append(e.buf, ',')
		}
		e.buf = appendCanonString(e.buf, kv.key)
		e.buf = append(e.buf, ':')
		if err := me.elemEnc(e, kv.v, false); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, '}')
	e.depth--
	return nil
}

// resolveKeyName is encoding/json's: string kinds as they are (even with a MarshalText
// method), then text marshalers, then integers.
func resolveKeyName(k reflect.Value) (string, error) {
	if k.Kind() == reflect.String {
		return k.String(), nil
	}
	if tm, ok := reflect.TypeAssert[encoding.TextMarshaler](k); ok {
		if k.Kind() == reflect.Pointer && k.IsNil() {
			return "", nil
		}
		buf, err := tm.MarshalText()
		return string(buf), err
	}
	switch k.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10), nil
	}
	return "", errFallback
}

func encodeByteSlice(e *encodeState, v reflect.Value, _ bool) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	// Base64 needs no escaping, so this is the canonical string too.
	e.buf = append(e.buf, '"')
	e.buf = base64.StdEncoding.AppendEncode(e.buf, v.Bytes())
	e.buf = append(e.buf, '"')
	return nil
}

type sliceEncoder struct {
	arrayEnc encoderFunc
}

func (se sliceEncoder) encode(e *encodeState, v reflect.Value, quoted bool) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	return se.arrayEnc(e, v, quoted)
}

func newSliceEncoder(t reflect.Type) encoderFunc {
	// Byte slices are base64 unless the element type marshals itself; arrays never are.
	if t.Elem().Kind() == reflect.Uint8 {
		p := reflect.PointerTo(t.Elem())
		if !p.Implements(marshalerType) && !p.Implements(textMarshalerType) {
			return encodeByteSlice
		}
	}
	enc := sliceEncoder{newArrayEncoder(t)}
	return enc.encode
}

type arrayEncoder struct {
	elemEnc encoderFunc
}

func (ae arrayEncoder) encode(e *encodeState, v reflect.Value, quoted bool) error {
	if err := e.enter(); err != nil {
		return err
	}
	e.buf = append(e.buf, '[')
	n := v.Len()
	for i := 0; i < n; i++ {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		if err := ae.elemEnc(e, v.Index(i), quoted); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, ']')
	e.depth--
	return nil
}

func newArrayEncoder(t reflect.Type) encoderFunc {
	enc := arrayEncoder{typeEncoder(t.Elem())}
	return enc.encode
}

type ptrEncoder struct {
	elemEnc encoderFunc
}

func (pe ptrEncoder) encode(e *encodeState, v reflect.Value, quoted bool) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	if err := e.enter(); err != nil {
		return err
	}
	err := pe.elemEnc(e, v.Elem(), quoted)
	e.depth--
	return err
}

func newPtrEncoder(t reflect.Type) encoderFunc {
	enc := ptrEncoder{typeEncoder(t.Elem())}
	return enc.encode
}

type condAddrEncoder struct {
	canAddrEnc, elseEnc encoderFunc
}

func (ce condAddrEncoder) encode(e *encodeState, v reflect.Value, quoted bool) error {
	if v.CanAddr() {
		return ce.canAddrEnc(e, v, quoted)
	}
	return ce.elseEnc(e, v, quoted)
}

func newCondAddrEncoder(canAddrEnc, elseEnc encoderFunc) encoderFunc {
	enc := condAddrEncoder{canAddrEnc: canAddrEnc, elseEnc: elseEnc}
	return enc.encode
}
