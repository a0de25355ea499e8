package exchange

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"secretariat"
	"secretariat/internal/canon"
	"secretariat/internal/store"
	"secretariat/internal/testkit"
	"secretariat/internal/testkit/testrecord"
)

// The schema has no place for a person an operation identifies: no column of any table
// is named for personal data. The records themselves live in each table's doc column; the
// fields of every kind of record, at every depth, are checked by the domain package's
// TestNoRecordHasAFieldForAPerson.
func TestTheSchemaHasNoFieldForAPerson(t *testing.T) {
	if testkit.OnPostgres() {
		t.Skip("SQLite only: reads the SQLite file's columns; the record's fields are checked for both databases by the domain's test")
	}
	st := testrecord.Empty(t)
	st.Close()
	db, err := sql.Open("sqlite", "file:"+st.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT m.name, c.name FROM sqlite_master m, pragma_table_xinfo(m.name) c WHERE m.type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			t.Fatal(err)
		}
		n++
		if secretariat.IsPersonalDataField(column) {
			t.Errorf("table %s has a column %q", table, column)
		}
	}
	if n < 50 {
		t.Fatalf("only %d columns read: the check did not run over the schema", n)
	}
}

func TestFigureImportRefusesPersonalData(t *testing.T) {
	st := testrecord.Demo(t)
	ctx := context.Background()
	before, _, _ := st.Head(ctx)
	cases := []struct {
		format, body, says string
	}{
		{"csv", "operation,year,metric,value,qualifier,source,surname\nmercenary,2019,people_identified,1,exact,interview-semerikov-2019,Ivanov\n", `"surname" looks like personal data`},
		{"csv", "operation,year,metric,value,qualifier,source,Date of Birth\n", `"Date of Birth" looks like personal data`},
		{"json", `[{"operation":"mercenary","year":2019,"metric":"people_identified","value":1,"qualifier":"exact","source":"interview-semerikov-2019","persons":[{"name":"X"}]}]`, `"persons" looks like personal data`},
		{"json", `{"operation":"mercenary","year":2019,"metric":"people_identified","value":600,"qualifier":"about","source":"interview-semerikov-2019","passport_number":"123"}`, `"passport_number" looks like personal data`},
		{"json", `{"operation":"mercenary","year":2019,"metric":"people_identified","value":1,"qualifier":"exact","source":"interview-semerikov-2019","remarks":"x"}`, `has no field "remarks"`},
		{"csv", "operation,year,metric,value,qualifier,source\nmercenary,2019,people_identified,NaN,exact,interview-semerikov-2019\n", `value "NaN" is not a number`},
	}
	for _, c := range cases {
		_, err := ImportFigures(ctx, st, strings.NewReader(c.body), c.format)
		if secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want %q", c.format, err, c.says)
		}
		if strings.Contains(c.says, "personal data") && !strings.Contains(err.Error(), "aggregate figures") {
			t.Errorf("the refusal does not say why: %v", err)
		}
	}
	if after, _, _ := st.Head(ctx); after != before {
		t.Fatal("a refused import wrote to the record")
	}
	if _, err := DecodeFigure([]byte(`{"id":"x","full_name":"A B"}`)); secretariat.ErrorCode(err) != secretariat.EINVALID {
		t.Fatalf("the decoder the API uses accepted a name: %v", err)
	}
	// Aggregates are welcome, and checked against the operation.
	n, err := ImportFigures(ctx, st, strings.NewReader(`{"id":"illegal-wanted-2019","operation":"illegal","year":2019,"metric":"wanted_detained","value":120,"qualifier":"more_than","source":"tass-947551"}`), "json")
	if err != nil || n != 1 {
		t.Fatalf("a good figure: %d %v", n, err)
	}
	_, err = ImportFigures(ctx, st, strings.NewReader("id,operation,year,metric,value,qualifier,source\nx1,channel,2019,drugs_seized,5,exact,tass-947551\nx2,channel,2019,bullets,5,exact,tass-947551\n"), "csv")
	if err == nil || !strings.Contains(err.Error(), "does not report bullets") {
		t.Fatalf("an unknown metric: %v", err)
	}
	if _, err := store.FindByID[secretariat.ResultFigure](ctx, st, secretariat.Secretariat, "x1"); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatal("the import is not atomic: x1 was loaded")
	}
}

func FuzzDecodeFigure(f *testing.F) {
	f.Add([]byte(`{"operation":"channel","year":2019,"metric":"drugs_seized","value":5,"qualifier":"about","source":"s"}`))
	f.Add([]byte(`{"name":"x"}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fig, err := DecodeFigure(data)
		if err != nil {
			if secretariat.ErrorCode(err) != secretariat.EINVALID {
				t.Fatalf("a refusal without a reason for people: %v", err)
			}
			return
		}
		if fig == nil {
			t.Fatal("no figure and no error")
		}
		checkAcceptedFigure(t, data, fig)
	})
}

// checkAcceptedFigure holds an accepted figure to what the decoder promises: its JSON
// has no duplicate name and no integer a double would round (canon says so
// independently), its value is in bounds, and none of its text is unsafe.
func checkAcceptedFigure(t *testing.T, raw []byte, fig *secretariat.ResultFigure) {
	t.Helper()
	if raw != nil {
		if _, err := canon.Canonicalize(raw); err != nil {
			t.Fatalf("accepted %q, which canon refuses: %v", raw, err)
		}
	}
	if p := secretariat.FigureValueProblem(fig.Value); p != "" {
		t.Fatalf("accepted value %v: %s", fig.Value, p)
	}
	doc, err := json.Marshal(fig)
	if err != nil {
		t.Fatalf("an accepted figure cannot be written as JSON: %v", err)
	}
	if p := jsonTextProblem(doc); p != "" {
		t.Fatalf("accepted text the record refuses: %s in %s", p, doc)
	}
}

// The file readers give each figure with the line it starts on, and only figures the
// decoder accepts.
func FuzzReadFiguresJSON(f *testing.F) {
	f.Add([]byte(`[{"id":"a","operation":"channel","year":2019,"metric":"drugs_seized","value":5,"qualifier":"exact","source":"s"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		figs, err := readFiguresJSON(context.Background(), bytes.NewReader(data))
		checkReadFigures(t, data, figs, err)
	})
}

func FuzzReadFiguresCSV(f *testing.F) {
	f.Add([]byte("id,operation,year,metric,value,qualifier,source\na,channel,2019,drugs_seized,5,exact,s\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		figs, err := readFiguresCSV(context.Background(), bytes.NewReader(data))
		checkReadFigures(t, data, figs, err)
	})
}

func checkReadFigures(t *testing.T, data []byte, figs []lineFigure, err error) {
	t.Helper()
	if err != nil {
		if secretariat.ErrorCode(err) != secretariat.EINVALID {
			t.Fatalf("a refusal without a reason for people: %v", err)
		}
		if !strings.Contains(err.Error(), "line ") && !strings.Contains(err.Error(), "the file") && !strings.Contains(err.Error(), "the figures") {
			t.Fatalf("a refusal that names no line: %v", err)
		}
		return
	}
	lines := bytes.Count(data, []byte{'\n'}) + 1
	for _, f := range figs {
		if f.line < 1 || f.line > lines {
			t.Fatalf("figure %s on line %d of %d", f.fig.ID, f.line, lines)
		}
		checkAcceptedFigure(t, nil, f.fig)
	}
}
