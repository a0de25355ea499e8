package exchange

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"secretariat"
	"secretariat/internal/canon"
	"secretariat/internal/safetext"
	"secretariat/internal/store"
)

// figureFields are the fields a result figure has, as its JSON names them.
var figureFields = func() []string {
	t := reflect.TypeOf(secretariat.ResultFigure{})
	var out []string
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				walk(f.Type)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name != "" && name != "-" {
				out = append(out, name)
			}
		}
	}
	walk(t)
	slices.Sort(out)
	return out
}()

// checkFigureFields refuses any field a figure does not have, and says why when the field
// would hold personal data.
func checkFigureFields(keys []string) error {
	for _, k := range keys {
		if secretariat.IsPersonalDataField(k) {
			return secretariat.PersonalDataError(k)
		}
	}
	for _, k := range keys {
		if !slices.Contains(figureFields, k) {
			return secretariat.Errorf(secretariat.EINVALID, "a result figure has no field %q; its fields are: %s", k, strings.Join(figureFields, ", "))
		}
	}
	return nil
}

// DecodeFigure reads one result figure from a JSON object. It refuses, with an error
// that says why: anything but one JSON object; a name given twice in an object (the last
// would win without a word); an integer above 2^53, which a double would round; bytes
// that are not UTF-8 and text with control characters or bidirectional overrides; any
// field a figure does not have, and any field that would carry data about a person (the
// record keeps operations only as aggregate figures); and a value that is negative, not
// finite or above secretariat.MaxFigureValue. The API and the import use it.
func DecodeFigure(raw []byte) (*secretariat.ResultFigure, error) {
	// canon refuses what encoding/json would silently change: duplicate names, integers
	// it would round, invalid UTF-8 (which encoding/json turns into U+FFFD).
	if _, err := canon.Canonicalize(raw); err != nil {
		return nil, secretariat.Errorf(secretariat.EINVALID, "a result figure is one JSON object: %v", err)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, secretariat.Errorf(secretariat.EINVALID, "a result figure is a JSON object: %v", err)
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if err := checkFigureFields(keys); err != nil {
		return nil, err
	}
	// Without an escape, a JSON text holds what its bytes show: clean bytes, clean text.
	for _, k := range keys {
		if raw := obj[k]; bytes.IndexByte(raw, '\\') < 0 && safetext.Problem(string(raw)) == "" {
			continue
		}
		if p := jsonTextProblem(obj[k]); p != "" {
			return nil, secretariat.Errorf(secretariat.EINVALID, "%s: %s", k, p)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var f secretariat.ResultFigure
	if err := dec.Decode(&f); err != nil {
		return nil, secretariat.Errorf(secretariat.EINVALID, "reading a result figure: %v", err)
	}
	if p := secretariat.FigureValueProblem(f.Value); p != "" {
		return nil, secretariat.Errorf(secretariat.EINVALID, "value: %s", p)
	}
	return &f, nil
}

// jsonTextProblem finds the first string in a JSON value (a name or a value, at any
// depth) that the record refuses as text, and says what is wrong with it.
func jsonTextProblem(raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return "" // the decoder reports it
	}
	var walk func(v any) string
	walk = func(v any) string {
		switch x := v.(type) {
		case string:
			return safetext.Problem(x)
		case []any:
			for _, it := range x {
				if p := walk(it); p != "" {
					return p
				}
			}
		case map[string]any:
			for k, it := range x {
				if p := safetext.Problem(k); p != "" {
					return p
				}
				if p := walk(it); p != "" {
					return p
				}
			}
		}
		return ""
	}
	return walk(v)
}

// ImportFigures loads result figures, all or none, from JSON (an array of objects, or
// one object per line) or CSV (a header of figure fields). Each figure is reported with
// ReportFigure, so it is checked against its operation's metrics and stages. A file
// larger than MaxFigureFileBytes, a malformed figure (see DecodeFigure), and a file with
// no figure are refused with the line, and nothing is written.
func ImportFigures(ctx context.Context, st *store.Store, r io.Reader, format string) (int, error) {
	var figs []lineFigure
	var err error
	switch format {
	case "json":
		figs, err = readFiguresJSON(ctx, r)
	case "csv":
		figs, err = readFiguresCSV(ctx, r)
	default:
		return 0, secretariat.Errorf(secretariat.EINVALID, "figures are read from json or csv, not %q", format)
	}
	if err != nil {
		return 0, err
	}
	if len(figs) == 0 {
		return 0, secretariat.Errorf(secretariat.EINVALID, "the file holds no figure: an empty import is refused, and nothing was written")
	}
	if err := checkTotals(ctx, st, figs); err != nil {
		return 0, err
	}
	err = st.Batch(ctx, func(b *store.Store) error {
		for i, f := range figs {
			if _, err := b.ReportFigure(ctx, *f.fig); err != nil {
				return fmt.Errorf("line %d: figure %d (%s): %w", f.line, i+1, f.fig.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(figs), nil
}

// checkTotals refuses figures with which an operation's totals, or those of the figures
// of wider scope, could not be computed: a total above secretariat.MaxFigureValue, units
// that differ, a lower bound added to an upper bound. It aggregates the new figures with
// those already in the record, as the operation's page will, so that the import is
// refused rather than the page.
func checkTotals(ctx context.Context, st *store.Store, figs []lineFigure) error {
	byOp := map[string][]secretariat.ResultFigure{}
	var wider []secretariat.ResultFigure
	for _, f := range figs {
		if f.fig.ScopeOf() == secretariat.ScopeOperation {
			byOp[f.fig.Operation] = append(byOp[f.fig.Operation], *f.fig)
		} else {
			wider = append(wider, *f.fig)
		}
	}
	sources := map[string]secretariat.Source{}
	readSources := func(fs []secretariat.ResultFigure) error {
		for _, f := range fs {
			if _, ok := sources[f.Source]; ok {
				continue
			}
			src, err := store.FindByID[secretariat.Source](ctx, st, secretariat.Secretariat, f.Source)
			if err != nil && secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
				return err
			}
			if src != nil {
				sources[f.Source] = *src
			} // a missing source is refused by ReportFigure, with the figure's line
		}
		return nil
	}
	for _, id := range sortedKeys(byOp) {
		op, err := store.FindByID[secretariat.Operation](ctx, st, secretariat.Secretariat, id)
		if secretariat.ErrorCode(err) == secretariat.ENOTFOUND {
			continue // ReportFigure refuses it, with the figure's line
		} else if err != nil {
			return err
		}
		old, _, err := store.FindAll[secretariat.ResultFigure](ctx, st, secretariat.Secretariat, store.Where("operation", id))
		if err != nil {
			return err
		}
		for _, f := range byOp[id] {
			if m, ok := op.Metric(f.Metric); ok && f.Unit == "" {
				f.Unit = m.Unit // as ReportFigure will
			}
			old = append(old, f)
		}
		all := old
		if err := readSources(all); err != nil {
			return err
		}
		if _, err := secretariat.AggregateFigures(op, all, sources); err != nil {
			return fmt.Errorf("with these figures, the totals of operation %s cannot be computed, so nothing was loaded: %w", id, err)
		}
	}
	if len(wider) == 0 {
		return nil
	}
	for _, scope := range []secretariat.FigureScope{secretariat.ScopeOperations, secretariat.ScopeProgramme} {
		old, _, err := store.FindAll[secretariat.ResultFigure](ctx, st, secretariat.Secretariat, store.Where("scope", string(scope)))
		if err != nil {
			return err
		}
		wider = append(wider, old...)
	}
	if err := readSources(wider); err != nil {
		return err
	}
	if _, err := secretariat.AggregateWider(wider, sources); err != nil {
		return fmt.Errorf("with these figures, the totals of the figures of several operations cannot be computed, so nothing was loaded: %w", err)
	}
	return nil
}

// lineFigure is a figure read from a file, with the line it starts on.
type lineFigure struct {
	fig  *secretariat.ResultFigure
	line int
}

// readAllLimited reads all of r, or refuses a file larger than limit whole.
func readAllLimited(ctx context.Context, r io.Reader, limit int64, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(ctxReader{ctx, r}, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, secretariat.Errorf(secretariat.EINVALID, "%s is larger than %s: it is refused whole, and nothing was loaded (split it into smaller files)", what, byteSize(limit))
	}
	return data, nil
}

// ctxReader stops reading when its context is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// lineAt is the 1-based line of the byte at offset in data.
func lineAt(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return 1 + bytes.Count(data[:offset], []byte{'\n'})
}

// readFiguresJSON reads an array of figure objects, or one object after another (JSON
// lines), each with the line it starts on.
func readFiguresJSON(ctx context.Context, r io.Reader) ([]lineFigure, error) {
	data, err := readAllLimited(ctx, r, MaxFigureFileBytes, "the file of figures")
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		at := len(data)
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				at = i
				break
			}
			i += size
		}
		return nil, secretariat.Errorf(secretariat.EINVALID, "line %d: byte 0x%02X is not UTF-8 (is the file in another encoding? save it as UTF-8); nothing was loaded", lineAt(data, int64(at)), data[at])
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	array := false
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '[' {
		array = true
		if _, err := dec.Token(); err != nil {
			return nil, secretariat.Errorf(secretariat.EINVALID, "the figures are not a JSON array of objects: %v", err)
		}
	}
	var figs []lineFigure
	for array && dec.More() || !array {
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err == io.EOF && !array {
			break
		} else if err != nil {
			return nil, secretariat.Errorf(secretariat.EINVALID, "line %d: figure %d is not JSON: %v", lineAt(data, start+skipSpace(data[start:])), len(figs)+1, err)
		}
		line := lineAt(data, start+skipSpace(data[start:]))
		// skip the comma between elements of an array
		f, err := DecodeFigure(raw)
		if err != nil {
			return nil, fmt.Errorf("line %d: figure %d: %w", line, len(figs)+1, err)
		}
		figs = append(figs, lineFigure{f, line})
	}
	if array {
		if _, err := dec.Token(); err != nil {
			return nil, secretariat.Errorf(secretariat.EINVALID, "line %d: the array of figures is not closed: %v", lineAt(data, dec.InputOffset()), err)
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, secretariat.Errorf(secretariat.EINVALID, "line %d: something follows the array of figures", lineAt(data, dec.InputOffset()))
		}
	}
	return figs, nil
}

// skipSpace counts the JSON whitespace and separating comma at the start of b, so that
// a figure's line is the line its object starts on.
func skipSpace(b []byte) int64 {
	n := 0
	for n < len(b) && (b[n] == ' ' || b[n] == '\t' || b[n] == '\r' || b[n] == '\n' || b[n] == ',') {
		n++
	}
	return int64(n)
}

// readFiguresCSV reads figures from a CSV whose header names figure fields, each with
// its line.
func readFiguresCSV(ctx context.Context, r io.Reader) ([]lineFigure, error) {
	cr := csv.NewReader(newCSVGuard(ctx, r, MaxFigureFileBytes, "the file of figures"))
	header, err := cr.Read()
	var pe *csv.ParseError
	switch {
	case err == io.EOF:
		return nil, secretariat.Errorf(secretariat.EINVALID, "the file is empty, so nothing was loaded: a CSV of figures starts with a header of figure fields (%s)", strings.Join(figureFields, ", "))
	case errors.As(err, &pe):
		return nil, secretariat.Errorf(secretariat.EINVALID, "line 1: cannot read the header of the figures: %v", pe.Err)
	case err != nil:
		return nil, err
	}
	for i := range header {
		if p := textProblem("the header", header[i]); p != "" {
			return nil, secretariat.Errorf(secretariat.EINVALID, "line 1: %s", p)
		}
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
	}
	if err := checkFigureFields(header); err != nil {
		return nil, fmt.Errorf("line 1: %w", err)
	}
	var figs []lineFigure
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if errors.As(err, &pe) {
			return nil, secretariat.Errorf(secretariat.EINVALID, "line %d: not valid CSV: %v", pe.StartLine, pe.Err)
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		f, err := figureFromCSV(header, rec)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		figs = append(figs, lineFigure{f, line})
	}
	return figs, nil
}

// figureFromCSV reads one line of a CSV of figures.
func figureFromCSV(header, rec []string) (*secretariat.ResultFigure, error) {
	obj := map[string]any{}
	for i, h := range header {
		if p := textProblem(h, rec[i]); p != "" {
			return nil, secretariat.Errorf(secretariat.EINVALID, "%s", p)
		}
		v := strings.TrimSpace(rec[i])
		if v == "" {
			continue
		}
		switch h {
		case "value", "year":
			n, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
				return nil, secretariat.Errorf(secretariat.EINVALID, "%s %q is not a number", h, v)
			}
			if p := secretariat.FigureValueProblem(n); h == "value" && p != "" {
				return nil, secretariat.Errorf(secretariat.EINVALID, "value %s", p)
			}
			obj[h] = n
		default:
			obj[h] = v
		}
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	return DecodeFigure(raw)
}
