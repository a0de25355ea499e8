package canon

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/quick"
	"time"
)

// equivalent checks that Marshal(v) is marshalSlow(v), bytes and error text, and that
// the fast path, when it does not decline, agrees too. It reports whether the fast path
// produced the value, so that tests can insist the agreement is not merely the
// fallback agreeing with itself.
func equivalent(t testing.TB, v any) (fast bool) {
	t.Helper()
	want, wantErr := marshalSlow(v)
	got, gotErr := Marshal(v)
	if (wantErr == nil) != (gotErr == nil) || !bytes.Equal(got, want) {
		t.Fatalf("Marshal(%#v)\n got  %s (%v)\n want %s (%v)", v, got, gotErr, want, wantErr)
	}
	if wantErr != nil && gotErr.Error() != wantErr.Error() {
		t.Fatalf("Marshal(%#v) error\n got  %v\n want %v", v, gotErr, wantErr)
	}
	f, fastErr := marshalFast(v)
	if fastErr != nil && !errors.Is(fastErr, errFallback) {
		t.Fatalf("marshalFast(%#v) returned %v, not errFallback", v, fastErr)
	}
	if fastErr == nil && (wantErr != nil || !bytes.Equal(f, want)) {
		t.Fatalf("marshalFast(%#v)\n got  %s\n want %s (%v)", v, f, want, wantErr)
	}
	return fastErr == nil
}

// mustBeFast is equivalent, and fails when the fast path declined.
func mustBeFast(t testing.TB, v any) {
	t.Helper()
	if !equivalent(t, v) {
		t.Fatalf("fast path declined %#v", v)
	}
}

type zeroer struct{ N int }

// IsZero disagrees with reflect on purpose: N == 1 counts as zero.
func (z zeroer) IsZero() bool { return z.N == 1 }

type ptrZeroer struct{ N int }

func (z *ptrZeroer) IsZero() bool { return z.N == 2 }

type textKey struct{ A, B string }

func (k textKey) MarshalText() ([]byte, error) { return []byte(k.A + "/" + k.B), nil }

type intText int

func (i intText) MarshalText() ([]byte, error) { return []byte("n" + strconv.Itoa(int(i))), nil }

type strText string

// MarshalText is ignored for map keys of string kind, as in encoding/json.
func (s strText) MarshalText() ([]byte, error) { return []byte("T" + string(s)), nil }

type ptrText struct{ S string }

func (p *ptrText) MarshalText() ([]byte, error) { return []byte("<" + p.S + ">"), nil }

type strMarshaler struct{ S string }

func (m strMarshaler) MarshalJSON() ([]byte, error) { return json.Marshal(m.S) }

type objMarshaler struct{}

func (objMarshaler) MarshalJSON() ([]byte, error) {
	return []byte(" { \"z\" : 1 , \"a\" : [ 1.50 , \"x<y\\u0041\" , -0, 1E400 ] , \"a\" : 2 } "), nil
}

type ptrMarshaler struct{ N int }

func (p *ptrMarshaler) MarshalJSON() ([]byte, error) {
	return []byte(`{"n":` + strconv.Itoa(p.N) + `,"b":"\u2028"}`), nil
}

type rawMarshaler []byte

func (r rawMarshaler) MarshalJSON() ([]byte, error) { return r, nil }

type errMarshaler struct{}

func (errMarshaler) MarshalJSON() ([]byte, error) { return nil, errors.New("no") }

type errText struct{}

func (errText) MarshalText() ([]byte, error) { return nil, errors.New("no text") }

type myInt int
type myString string
type myBytes []byte
type myFloat float32

type tagged struct {
	A  string            `json:"a"`
	B  int               `json:"b,omitempty"`
	C  *int              `json:"c,omitempty"`
	D  []string          `json:"d,omitempty"`
	E  map[string]int    `json:"e,omitempty"`
	F  bool              `json:",omitempty"`
	G  string            `json:"-"`
	H  string            `json:"-,"`
	I  int64             `json:"i,string"`
	J  float64           `json:"j,string,omitempty"`
	K  string            `json:"k,string"`
	L  *bool             `json:"l,string"`
	M  zeroer            `json:"m,omitzero"`
	N  time.Time         `json:"n,omitzero"`
	O  [2]int            `json:"o,omitzero"`
	P  *zeroer           `json:"p,omitzero"`
	Q  ptrZeroer         `json:"q,omitzero"`
	R  json.Number       `json:"r,omitempty"`
	S  json.Number       `json:"s,string"`
	T  any               `json:"t"`
	U  []byte            `json:"u"`
	V  [3]byte           `json:"v"`
	W  uintptr           `json:"w,omitempty"`
	X  float32           `json:"x"`
	Y  int8              `json:",omitempty"`
	Z  isZeroer          `json:"z,omitzero"`
	AB map[int]string    `json:"ab"`
	AC map[textKey]int   `json:"ac,omitempty"`
	AD string            `json:"a&<>"`
	AE string            `json:"имя"`
	AF string            `json:"bad\"tag"`
	AG map[intText]bool  `json:"ag,omitempty"`
	AH map[strText]bool  `json:"ah,omitempty"`
	AI myBytes           `json:"ai,omitempty"`
	AJ []myInt           `json:"aj"`
	AK myString          `json:"ak,string"`
	AL *myFloat          `json:"al,string"`
	AM json.RawMessage   `json:"am,omitempty"`
	AN *json.RawMessage  `json:"an,omitempty"`
	AO struct{ Q int }   `json:"ao,omitzero"`
	AP [0]int            `json:"ap,omitempty"`
	AQ map[uint8]float64 `json:"aq,omitempty"`
	AR **int             `json:"ar,string"`
	AS uint64            `json:"as,omitzero"`
	AT int               `json:"at,string,omitzero"`
	AU []any             `json:"au,omitempty"`

	unexported int
}

type Inner struct {
	X      int    `json:"x"`
	Y      string // untagged
	Shared string `json:"shared"`
	Deep   string `json:"deep"`
}

type inner2 struct {
	Z      int    `json:"z"`
	Shared string `json:"shared"` // ties with Inner.Shared: both dropped
	Y      string `json:"Y"`      // tagged beats Inner's untagged Y at the same depth
}

type deeper struct {
	Deep string `json:"deep"` // one level deeper than Inner.Deep, so hidden by it
}

type Level2 struct {
	deeper
	Own2 string `json:"own2"`
}

type embedInt int

type Outer struct {
	Inner
	*inner2
	Level2
	embedInt
	myInt
	Own   string  `json:"own"`
	Named Inner   `json:"named"`
	Tag   *Inner  `json:"tagged_embed,omitempty"`
	Text  ptrText `json:"text"`
}

type withTaggedEmbed struct {
	Inner `json:"inner"`
	I     int `json:"x"` // no conflict: Inner is a named member here
}

type shadow struct {
	Inner
	X string `json:"x"` // shallower wins over Inner.X
}

type marshalers struct {
	S   strMarshaler   `json:"s"`
	SP  *strMarshaler  `json:"sp"`
	O   objMarshaler   `json:"o"`
	P   ptrMarshaler   `json:"p"`
	PP  *ptrMarshaler  `json:"pp"`
	PS  []ptrMarshaler `json:"ps"`
	T   ptrText        `json:"t"`
	TP  *ptrText       `json:"tp"`
	K   textKey        `json:"k"`
	M   json.Marshaler `json:"m"`
	Raw rawMarshaler   `json:"raw"`
	TM  map[string]ptrMarshaler
}

type node struct {
	Name string `json:"name"`
	Next *node  `json:"next,omitempty"`
	Kids []node `json:"kids,omitempty"`
}

func intPtr(n int) *int { return &n }

func TestMarshalMatchesSlowOnHandWrittenValues(t *testing.T) {
	one, no := 1, false
	pone := &one
	f32 := myFloat(2.5)
	raw := json.RawMessage(" [ {\"b\" : 2, \"a\":1 } , \"\\u00e9\" ] ")
	values := []any{
		nil, true, false, 0, -1, int8(-128), uint64(math.MaxUint64), uintptr(7),
		"", "x", myString("y"), json.Number("12.50e+3"), json.Number(""),
		[]int(nil), []int{}, []int{1, 2}, [0]int{}, [2]string{"b", "a"},
		[]byte(nil), []byte{}, []byte("hello\xff"), myBytes("m"), [3]byte{1, 2, 3},
		map[string]any(nil), map[string]any{}, map[string]any{"b": 1, "a": []any{nil, "x"}, "é": map[string]any{"z": 1.5, "y": nil}},
		map[int]string{10: "a", 9: "b", -1: "c"}, map[uint16]bool{3: true},
		map[textKey]int{{"b", "a"}: 1, {"a", "b"}: 2}, map[intText]int{1: 1, 20: 2},
		map[strText]int{"b": 1, "a": 2}, map[myString][]string{"k": nil},
		&one, &pone, (*int)(nil), []*int{nil, &one},
		raw, &raw, json.RawMessage(nil), json.RawMessage(`"plain"`), json.RawMessage(`17`),
		[]json.RawMessage{raw, json.RawMessage(`{"x":{"b":[],"a":{}}}`)},
		map[string]json.RawMessage{"g": json.RawMessage(`{"type":"Point","coordinates":[68.8, 37.1]}`)},
		tagged{},
		tagged{
			A: "a", B: 2, C: intPtr(0), D: []string{"d"}, E: map[string]int{"y": 1, "x": 2}, F: true,
			G: "hidden", H: "dash", I: -5, J: 0.5, K: "k<\"q\">\xff\u2028", L: &no,
			M: zeroer{1}, N: time.Date(2024, 2, 3, 4, 5, 6, 7, time.UTC), O: [2]int{0, 1},
			P: &zeroer{1}, Q: ptrZeroer{2}, R: "1", S: "2.5", T: map[string]any{"b": 1, "a": 2},
			U: []byte{0, 1, 2, 255}, V: [3]byte{9, 8, 7}, W: 3, X: 0.1, Y: -3,
			Z: &ptrZeroer{2}, AB: map[int]string{2: "two", 10: "ten"},
			AC: map[textKey]int{{"a", "b"}: 1}, AD: "html", AE: "Решение", AF: "af",
			AG: map[intText]bool{3: true}, AH: map[strText]bool{"s": true}, AI: myBytes{1},
			AJ: []myInt{1, 2}, AK: "ak", AL: &f32, AM: raw, AN: &raw, AO: struct{ Q int }{1},
			AQ: map[uint8]float64{2: 1e21, 1: 1e-7}, AR: &pone, AS: 1, AT: 0, AU: []any{1.5, "x", nil},
			unexported: 9,
		},
		&tagged{M: zeroer{2}, P: &zeroer{0}, Q: ptrZeroer{3}, Z: (*ptrZeroer)(nil), AS: 0},
		tagged{Z: zeroer{1}},
		tagged{Z: zeroer{5}},
		Outer{},
		Outer{Inner: Inner{X: 1, Y: "y", Shared: "s", Deep: "d"}, inner2: &inner2{Z: 2, Shared: "s2", Y: "Y2"},
			Level2: Level2{deeper: deeper{Deep: "deeper"}, Own2: "o2"}, embedInt: 4, myInt: 5, Own: "own",
			Named: Inner{X: 3}, Tag: &Inner{Y: "t"}, Text: ptrText{"pt"}},
		&Outer{inner2: &inner2{}, Text: ptrText{"addressable"}},
		withTaggedEmbed{Inner: Inner{X: 1}, I: 2},
		shadow{Inner: Inner{X: 1}, X: "shadowed"},
		marshalers{Raw: rawMarshaler("null")},
		marshalers{S: strMarshaler{"plain"}, SP: &strMarshaler{"es<c>aped\n\xff"}, P: ptrMarshaler{1},
			PP: &ptrMarshaler{2}, PS: []ptrMarshaler{{3}, {4}}, T: ptrText{"t"}, TP: &ptrText{"tp"},
			K: textKey{"k", "v"}, M: strMarshaler{"iface"}, Raw: rawMarshaler(" 1.0 "),
			TM: map[string]ptrMarshaler{"b": {5}, "a": {6}}},
		&marshalers{P: ptrMarshaler{7}, T: ptrText{"addr"}, M: &ptrMarshaler{8}, Raw: rawMarshaler(`"\u0041"`)},
		node{Name: "a", Next: &node{Name: "b", Kids: []node{{Name: "c"}}}},
		struct {
			A any `json:"a"`
			B any `json:"b"`
		}{A: &one, B: []any{map[string]any{"y": json.Number("1.0"), "x": myFloat(1)}}},
		struct{ F func() }{}, // unexported-free func field: json.Marshal refuses
	}
	fastCount := 0
	for i, v := range values {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			if equivalent(t, v) {
				fastCount++
			} else {
				t.Logf("slow path: %#v", v)
			}
		})
	}
	// Everything above but the func field is within the fast path's reach.
	if fastCount != len(values)-1 {
		t.Errorf("fast path took %d of %d values", fastCount, len(values))
	}
}

func TestMarshalFloats(t *testing.T) {
	fs := []float64{0, math.Copysign(0, -1), 1e-7, 1e-6, 9.99e-7, 123.456, 1e21, 1e20, 999999999999999999999,
		0.1, 2.5, -2.5, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 5e-324,
		1, 100, 1e6, 1e-300, 123456789012345678, float64(math.MaxFloat32), 3.4e38, 1.0000000000000002}
	for _, f := range fs {
		mustBeFast(t, f)
		mustBeFast(t, -f)
		// Beyond float32's range the conversion gives Inf, an error both ways.
		equivalent(t, float32(f))
		equivalent(t, struct {
			F float64 `json:"f,string"`
			G float32 `json:"g,string"`
		}{f, float32(f)})
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if equivalent(t, f) {
			t.Fatalf("%v took the fast path", f)
		}
		if _, err := Marshal(f); err == nil {
			t.Fatalf("%v was accepted", f)
		}
		equivalent(t, map[string]float32{"x": float32(f)})
	}
}

func TestMarshalStrings(t *testing.T) {
	var ss []string
	for c := 0; c < 0x80; c++ {
		ss = append(ss, string(rune(c)), "a"+string(rune(c))+"b")
	}
	ss = append(ss, "", "\"", "\\", "<>&", "\u2028", "\u2029", "a\u2028b\u2029c", "\u2027\u202a",
		"\xff", "\xfe\xff", "a\xffb", "\xed\xa0\x80", "\xc0\xaf", "\xe2\x80", "\xf0\x9f\x98", "\ufffd",
		"Решение №5 о «мерах»", "Ёё", "😀", "\x7f", "日本語", "\u00a0", "\uFEFF")
	for _, s := range ss {
		mustBeFast(t, s)
		mustBeFast(t, map[string]string{"k": s})
		mustBeFast(t, struct {
			S string `json:"s,string"`
		}{s})
		mustBeFast(t, strMarshaler{s})
		equivalent(t, map[textKey]bool{{s, "x"}: true, {"x", s}: false})
	}
	// Map keys that are invalid UTF-8 may collide after repair; they take the slow path.
	if equivalent(t, map[string]int{"\xff": 1, "\xfe": 2}) {
		t.Fatal("invalid UTF-8 keys took the fast path")
	}
	mustBeFast(t, map[string]int{"a\u2028": 1, "<": 2, "é": 3, "e": 4, "z": 5, "Z": 6})
}

func TestMarshalRawMessage(t *testing.T) {
	type withRaw struct {
		G json.RawMessage `json:"g"`
		O json.RawMessage `json:"o,omitempty"`
	}
	for _, raw := range []string{
		`{"type":"Point","coordinates":[68.8,37.1]}`,
		" {\n  \"z\": [1, 2.50, 1e3],\n  \"a\": {\"y\": null, \"x\": \"<&>\\u2028\"}\n} ",
		`"\ud800"`, `"\u00e9"`, `"x"`, `1E+2`, `-0`, `true`, `null`, `[]`, `{}`, "\"\xff\"",
		`{"a":1,"a":2}`,
	} {
		mustBeFast(t, withRaw{G: json.RawMessage(raw)})
		mustBeFast(t, &withRaw{G: json.RawMessage(raw), O: json.RawMessage(raw)})
	}
	mustBeFast(t, withRaw{})
	// Invalid or empty embedded JSON is refused by json.Marshal; Marshal must agree.
	for _, raw := range []string{"", " ", `{`, `1]`, `{}}`, `{} {}`, `"a`, `nul`, `[1,]`} {
		v := withRaw{G: json.RawMessage(raw)}
		if equivalent(t, v) {
			t.Fatalf("%q took the fast path", raw)
		}
		if _, err := Marshal(v); err == nil {
			t.Fatalf("%q accepted", raw)
		}
	}
}

func TestMarshalErrorsAndPanics(t *testing.T) {
	equivalent(t, errMarshaler{})
	equivalent(t, map[string]errText{"a": {}})
	equivalent(t, map[errText]int{{}: 1})
	equivalent(t, make(chan int))
	equivalent(t, struct{ C complex128 }{1})
	equivalent(t, map[[2]int]int{{1, 2}: 3})
	equivalent(t, json.Number("1.2.3"))
	equivalent(t, rawMarshaler("1]"))
	equivalent(t, marshalers{}) // a nil rawMarshaler returns no JSON at all

	type panicky struct {
		M json.Marshaler `json:"m"`
	}
	// encoding/json calls a value method through a nil pointer here, which panics;
	// Marshal must return an error instead.
	if _, err := Marshal(panicky{M: (*strMarshaler)(nil)}); err == nil || !strings.Contains(err.Error(), "panic") {
		t.Fatalf("got %v, want a panic turned into an error", err)
	}
}

func TestMarshalCycles(t *testing.T) {
	n := &node{Name: "loop"}
	n.Next = n
	if _, err := Marshal(n); err == nil {
		t.Fatal("a cyclic pointer was accepted")
	}
	m := map[string]any{}
	m["m"] = m
	if _, err := Marshal(m); err == nil {
		t.Fatal("a cyclic map was accepted")
	}
	s := []any{nil}
	s[0] = s
	if _, err := Marshal(s); err == nil {
		t.Fatal("a cyclic slice was accepted")
	}
	// Deep but finite values are fine, through either path.
	var deep *node
	for i := 0; i < 2000; i++ {
		deep = &node{Name: strconv.Itoa(i), Next: deep}
	}
	equivalent(t, deep)
	var shallow *node
	for i := 0; i < 50; i++ {
		shallow = &node{Name: strconv.Itoa(i), Next: shallow}
	}
	mustBeFast(t, shallow)
	// Embedded JSON nested deeper than the decoder allows once inside the document.
	deepRaw := json.RawMessage(strings.Repeat("[", 9999) + strings.Repeat("]", 9999))
	equivalent(t, []any{[]any{deepRaw}})
}

func TestCanonicalizeRefusesStrayClosers(t *testing.T) {
	for _, s := range []string{`1]`, `{}}`, `"a"]`, `[1]]`, "{} \n}"} {
		if out, err := Canonicalize([]byte(s)); err == nil {
			t.Errorf("Canonicalize(%q) = %q, want an error", s, out)
		}
	}
	if out, err := Canonicalize([]byte(" {\"a\":1} \r\n\t")); err != nil || string(out) != `{"a":1}` {
		t.Errorf("trailing whitespace: %q, %v", out, err)
	}
}

// Generated values: quick fills exported fields; the named types below generate the
// awkward parts (invalid UTF-8, special floats, arbitrary trees).

type wildString string

func (wildString) Generate(r *rand.Rand, size int) reflect.Value {
	return reflect.ValueOf(wildString(randomString(r)))
}

var stringPool = []string{"", "a", "b", "id", "Решение", "x<y&z", "\"q\"", "\\", "\n\t\r\b\f", "\x00\x1f",
	"\u2028", "\u2029", "\xff", "a\xc3", "\xed\xa0\x80", "😀", "\ufffd", "\x7f", "ÄÖÜ", "1.5"}

func randomString(r *rand.Rand) string {
	switch r.Intn(3) {
	case 0:
		return stringPool[r.Intn(len(stringPool))]
	case 1:
		b := make([]byte, r.Intn(12))
		for i := range b {
			b[i] = byte(r.Intn(256))
		}
		return string(b)
	}
	var sb strings.Builder
	for n := r.Intn(6); n > 0; n-- {
		sb.WriteString(stringPool[r.Intn(len(stringPool))])
	}
	return sb.String()
}

type wildFloat float64

var floatPool = []float64{0, math.Copysign(0, -1), 1e-7, 1e-6, 123.456, 1e21, 1e20, 0.1, 2.5,
	math.MaxFloat64, math.SmallestNonzeroFloat64, -1, 1 << 53, 1e-320}

func (wildFloat) Generate(r *rand.Rand, size int) reflect.Value {
	return reflect.ValueOf(wildFloat(randomFloat(r)))
}

func randomFloat(r *rand.Rand) float64 {
	switch r.Intn(4) {
	case 0:
		return floatPool[r.Intn(len(floatPool))]
	case 1:
		return math.Float64frombits(r.Uint64()) // may be NaN or Inf: an error both ways
	case 2:
		return r.NormFloat64() * math.Pow(10, float64(r.Intn(60)-30))
	}
	return float64(r.Intn(2000) - 1000)
}

// tree is an arbitrary JSON-ish value: what a decoded document or a loosely typed field
// holds, plus RawMessages and Go types json.Marshal accepts inside interfaces.
type tree struct{ V any }

func (tree) Generate(r *rand.Rand, size int) reflect.Value {
	return reflect.ValueOf(tree{randomTree(r, 4)})
}

var rawPool = []string{`{"b":1,"a":[1.50,true]}`, ` [ "x" , { "d" : null, "c" : {} } ] `, `"\u0041\u2028"`,
	`1e5`, `-0.0`, `null`, `{"a":1,"a":2}`, "\"\xff\"", `""`}

func randomTree(r *rand.Rand, depth int) any {
	k := r.Intn(14)
	if depth == 0 {
		k = r.Intn(8)
	}
	switch k {
	case 0:
		return nil
	case 1:
		return r.Intn(2) == 0
	case 2:
		return randomFloat(r)
	case 3:
		return randomString(r)
	case 4:
		return json.Number(strconv.FormatFloat(r.NormFloat64()*1e5, 'g', -1, 64))
	case 5:
		return r.Int63() - r.Int63()
	case 6:
		return json.RawMessage(rawPool[r.Intn(len(rawPool))])
	case 7:
		return []byte(randomString(r))
	case 8, 9:
		m := map[string]any{}
		for n := r.Intn(5); n > 0; n-- {
			m[stringPool[r.Intn(len(stringPool))]] = randomTree(r, depth-1)
		}
		return m
	case 10, 11:
		s := make([]any, r.Intn(5))
		for i := range s {
			s[i] = randomTree(r, depth-1)
		}
		return s
	case 12:
		v := randomTree(r, depth-1)
		return &v
	}
	return map[int]tree{r.Intn(100): {randomTree(r, depth-1)}}
}

type genRecord struct {
	ID       string            `json:"id"`
	Name     wildString        `json:"name,omitempty"`
	Count    int               `json:"count"`
	Ratio    wildFloat         `json:"ratio,omitempty"`
	Small    float32           `json:"small"`
	Tags     []string          `json:"tags,omitempty"`
	Attrs    map[string]string `json:"attrs"`
	Ptr      *int64            `json:"ptr,omitempty"`
	Flag     bool              `json:"flag,string"`
	Bytes    []byte            `json:"bytes,omitempty"`
	Nested   *genNested        `json:"nested,omitzero"`
	Zero     zeroer            `json:"zero,omitzero"`
	Any      tree              `json:"any"`
	Quoted   wildString        `json:"quoted,string,omitempty"`
	ByInt    map[int8]uint16   `json:"by_int,omitempty"`
	Untagged uint32
	GenEmbedded
}

type genNested struct {
	Items []genItem `json:"items"`
	Keys  map[wildString]int
}

type genItem struct {
	A wildString `json:"a"`
	B wildFloat  `json:"b"`
	P *float64   `json:"p"`
	C [2]int8    `json:"c"`
}

type GenEmbedded struct {
	Extra string `json:"extra,omitempty"`
	Count string `json:"count"` // hidden by genRecord.Count
}

func quickConfig() *quick.Config {
	return &quick.Config{MaxCount: 4000, Rand: rand.New(rand.NewSource(1))}
}

func TestMarshalQuick(t *testing.T) {
	var fast, total int
	count := func(v any) bool {
		total++
		if equivalent(t, v) {
			fast++
		}
		return true
	}
	if err := quick.Check(func(r genRecord) bool { return count(r) && count(&r) }, quickConfig()); err != nil {
		t.Fatal(err)
	}
	if err := quick.Check(func(tr tree) bool { return count(tr.V) }, quickConfig()); err != nil {
		t.Fatal(err)
	}
	if err := quick.Check(func(n genNested, it []genItem) bool { return count(n) && count(it) }, quickConfig()); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of %d generated values took the fast path", fast, total)
	// Fallbacks come only from NaN/Inf floats and invalid UTF-8 map keys; most values
	// must be the fast path's own work.
	if fast < total/2 {
		t.Fatalf("only %d of %d values took the fast path", fast, total)
	}
}

func FuzzMarshalEquivalence(f *testing.F) {
	for _, s := range []string{`{"b":1,"a":[true,null,"x"]}`, `"\u0416"`, `[1.5e300, -0, 0.1]`, "\"\xff\""} {
		f.Add([]byte(s))
	}
	type fuzzRecord struct {
		ID      string            `json:"id"`
		N       float64           `json:"n,omitempty"`
		F32     float32           `json:"f32"`
		I       int32             `json:"i,string"`
		Num     json.Number       `json:"num,omitempty"`
		S       []string          `json:"s,omitzero"`
		M       map[string]any    `json:"m"`
		Raw     json.RawMessage   `json:"raw,omitempty"`
		P       *fuzzRecord       `json:"p,omitempty"`
		B       []byte            `json:"b"`
		Any     any               `json:"any"`
		ByInt   map[int]string    `json:"by_int"`
		Quoted  string            `json:"quoted,string"`
		Strings map[string]string `json:"strings"`
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) == nil {
			equivalent(t, v)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var n any
		if dec.Decode(&n) == nil {
			equivalent(t, n)
		}
		var r fuzzRecord
		_ = json.Unmarshal(data, &r) // a partial decode is still a value to encode
		equivalent(t, r)
		equivalent(t, &r)
		// The raw bytes as embedded JSON, as a string and as a map key.
		equivalent(t, fuzzRecord{Raw: data})
		equivalent(t, rawMarshaler(data))
		equivalent(t, string(data))
		equivalent(t, map[string]int{string(data): 1, "k": 2})
		equivalent(t, fuzzRecord{Quoted: string(data), Num: json.Number(data)})
	})
}
