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

	"secretariat"
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

// DecodeFigure reads one result figure from a JSON object. It refuses unknown fields, and
// any field that would carry data about a person, with an error that says why: the
// record keeps operations only as aggregate figures. The API and the import use it.
func DecodeFigure(raw []byte) (*secretariat.ResultFigure, error) {
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
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var f secretariat.ResultFigure
	if err := dec.Decode(&f); err != nil {
		return nil, secretariat.Errorf(secretariat.EINVALID, "reading a result figure: %v", err)
	}
	return &f, nil
}

// ImportFigures loads result figures, all or none, from JSON (an array of objects, or
// one object per line) or CSV (a header of figure fields). Each figure is reported with
// ReportFigure, so it is checked against its operation's metrics and stages.
func ImportFigures(ctx context.Context, st *store.Store, r io.Reader, format string) (int, error) {
	var figs []*secretariat.ResultFigure
	var err error
	switch format {
	case "json":
		figs, err = readFiguresJSON(r)
	case "csv":
		figs, err = readFiguresCSV(r)
	default:
		return 0, secretariat.Errorf(secretariat.EINVALID, "figures are read from json or csv, not %q", format)
	}
	if err != nil {
		return 0, err
	}
	err = st.Batch(ctx, func(b *store.Store) error {
		for i, f := range figs {
			if _, err := b.ReportFigure(ctx, *f); err != nil {
				return fmt.Errorf("figure %d (%s): %w", i+1, f.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(figs), nil
}

func readFiguresJSON(r io.Reader) ([]*secretariat.ResultFigure, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, err
	}
	var raws []json.RawMessage
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		if err := json.Unmarshal(t, &raws); err != nil {
			return nil, secretariat.Errorf(secretariat.EINVALID, "the figures are not a JSON array of objects: %v", err)
		}
	} else {
		dec := json.NewDecoder(bytes.NewReader(data))
		for {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err == io.EOF {
				break
			} else if err != nil {
				return nil, secretariat.Errorf(secretariat.EINVALID, "figure %d is not JSON: %v", len(raws)+1, err)
			}
			raws = append(raws, raw)
		}
	}
	figs := make([]*secretariat.ResultFigure, 0, len(raws))
	for i, raw := range raws {
		f, err := DecodeFigure(raw)
		if err != nil {
			return nil, fmt.Errorf("figure %d: %w", i+1, err)
		}
		figs = append(figs, f)
	}
	return figs, nil
}

func readFiguresCSV(r io.Reader) ([]*secretariat.ResultFigure, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, secretariat.Errorf(secretariat.EINVALID, "cannot read the header of the figures: %v", err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
	}
	if err := checkFigureFields(header); err != nil {
		return nil, err
	}
	var figs []*secretariat.ResultFigure
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, secretariat.Errorf(secretariat.EINVALID, "line %d: not valid CSV: %v", pe.StartLine, pe.Err)
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		obj := map[string]any{}
		for i, h := range header {
			v := strings.TrimSpace(rec[i])
			if v == "" {
				continue
			}
			switch h {
			case "value", "year":
				n, err := strconv.ParseFloat(v, 64)
				if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
					return nil, secretariat.Errorf(secretariat.EINVALID, "line %d: %s %q is not a number", line, h, v)
				}
				obj[h] = n
			default:
				obj[h] = v
			}
		}
		raw, err := json.Marshal(obj)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		f, err := DecodeFigure(raw)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		figs = append(figs, f)
	}
	return figs, nil
}
