package exchange

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/store"
	"secretariat/internal/testkit"
	"secretariat/internal/testkit/testrecord"
)

// decodePopolo reads an export as the import does: an object of arrays.
func decodePopolo(t *testing.T, b []byte) map[string][]map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc map[string][]map[string]any
	check(t, dec.Decode(&doc))
	return doc
}

// The Popolo export of the demo satisfies the Popolo schemas, object by object, for
// the secretariat and for the public, and the public's holds nothing restricted.
func TestThePopoloExportOfTheDemoSatisfiesTheSchemas(t *testing.T) {
	ctx := context.Background()
	st := testrecord.SharedDemo(t)
	for _, c := range []struct {
		v                secretariat.Viewer
		lang             secretariat.Lang
		motions, present string
		absent           string
	}{
		{secretariat.Secretariat, secretariat.EN, "item:cmd-2019-04-30-1", "secret document", ""},
		{secretariat.Anonymous, secretariat.RU, "item:csc-2019-11-28-1", "Совет коллективной безопасности", "item:cmd-2019-04-30-1"},
	} {
		var buf bytes.Buffer
		sum, err := ExportPopolo(ctx, st, c.v, &buf, c.lang)
		check(t, err)
		doc := decodePopolo(t, buf.Bytes())
		n := 0
		for collection, objects := range doc {
			class := popoloClasses[collection]
			if class == "" {
				t.Fatalf("%v: the document has a collection %q Popolo does not", c.v, collection)
			}
			for i, o := range objects {
				if problems := checkPopolo(class, any(o), "/"+collection); len(problems) > 0 {
					t.Fatalf("%v: /%s/%d breaks the Popolo schema of %s: %v", c.v, collection, i, class, problems)
				}
				n++
			}
		}
		if n != sum.Organizations+sum.Memberships+sum.Events+sum.Motions+sum.VoteEvents || sum.Motions == 0 || sum.Votes == 0 {
			t.Fatalf("%v: %d objects, the summary says %+v", c.v, n, sum)
		}
		text := buf.String()
		if !strings.Contains(text, c.motions) || !strings.Contains(text, c.present) || (c.absent != "" && strings.Contains(text, c.absent)) {
			t.Fatalf("%v: the export holds the wrong records", c.v)
		}
	}
}

// The import reads back what the export writes: the sessions, items, positions (with
// reservations), outcomes and classifications of the demo and of every case the demo
// lacks, into a record that holds the demo's states and bodies.
func TestPopoloImportReadsBackWhatTheExportWrites(t *testing.T) {
	ctx := context.Background()
	src := testrecord.Demo(t)
	variedSession(t, src)
	var buf bytes.Buffer
	_, err := ExportPopolo(ctx, src, secretariat.Secretariat, &buf, secretariat.EN)
	check(t, err)
	dst := skeleton(t, src)
	rep, err := ImportPopolo(ctx, dst, bytes.NewReader(buf.Bytes()), "demo.json", "")
	check(t, err)
	for _, n := range rep.NotTaken {
		if !strings.Contains(n, "its memberships are the record's") {
			t.Fatalf("the import of the record's own export left out: %s", n)
		}
	}
	v := secretariat.Secretariat
	read := func(st *store.Store, kind string, fn func(secretariat.Record) string) []string {
		var out []string
		check(t, eachRecord(ctx, st, v, kindInfo(kind), func(r secretariat.Record) error {
			out = append(out, fn(r))
			return nil
		}))
		return out
	}
	for kind, fn := range map[string]func(secretariat.Record) string{
		"session": func(r secretariat.Record) string {
			s := r.(*secretariat.Session)
			return strings.Join([]string{s.ID, s.Body, s.Date.String(), string(s.Kind), s.Place.EN, s.Title.EN}, "|")
		},
		"item": func(r secretariat.Record) string {
			it := r.(*secretariat.AgendaItem)
			out := ""
			if it.Outcome != nil {
				out = string(it.Outcome.Result)
			}
			return strings.Join([]string{it.ID, it.Session, it.Title.EN, string(it.Kind), out, string(it.Access.Level()), strings.Join(it.Parties, ",")}, "|")
		},
		"position": func(r secretariat.Record) string {
			p := r.(*secretariat.Position)
			return strings.Join([]string{p.ID, string(p.Stance), p.Reservation.EN, string(p.Access.Level())}, "|")
		},
	} {
		want, got := read(src, kind, fn), read(dst, kind, fn)
		if len(want) == 0 || !slices.Equal(want, got) {
			for i := range min(len(want), len(got)) {
				if want[i] != got[i] {
					t.Fatalf("%s read back differs:\nwant %s\ngot  %s", kind, want[i], got[i])
				}
			}
			t.Fatalf("%s: %d exported, %d read back", kind, len(want), len(got))
		}
	}
	// Into an empty record: the organization, bodies, states and memberships come too.
	empty := testrecord.Empty(t)
	rep, err = ImportPopolo(ctx, empty, bytes.NewReader(buf.Bytes()), "demo.json", "")
	check(t, err)
	if rep.StatesAdded != 6 || rep.BodiesAdded == 0 || rep.Positions == 0 {
		t.Fatalf("into an empty record: %+v", rep)
	}
	if r, err := empty.Verify(ctx, nil); err != nil || !r.OK {
		t.Fatalf("verify: %+v %v", r, err)
	}
}

// popoloVerdicts are the examples and the class the reference validator held each to.
func popoloVerdicts(t testing.TB) map[string]string {
	t.Helper()
	root := filepath.Join(testkit.Shared(), "schemas", "popolo")
	testkit.NeedFile(t, filepath.Join(root, "VALIDATION_RESULTS.txt"), "the Popolo schemas and examples are in ../shared/schemas/popolo")
	f, err := os.Open(filepath.Join(root, "VALIDATION_RESULTS.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.SplitN(sc.Text(), "\t", 3)
		if len(fields) == 3 && !strings.HasPrefix(fields[0], "#") {
			out[filepath.Join(root, fields[0])] = strings.TrimSuffix(strings.TrimPrefix(fields[1], "schema=schemas/"), ".json")
		}
	}
	return out
}

// The Popolo examples import where they carry what the record has (an organization, a
// session, an item), each as the class the reference validator held it to; persons,
// posts, areas, speeches and counts are not taken, and a document with nothing else is
// refused, saying why; the invalid example is refused with its path.
func TestThePopoloExamplesImportWhatTheRecordHas(t *testing.T) {
	ctx := context.Background()
	want := map[string]struct {
		bodies, sessions, items int
		says                    string
	}{
		"organization.json":           {1, 0, 0, "/contact_details: not taken"},
		"embedding-organization.json": {1, 0, 0, "the membership of a person: not taken"},
		"event.json":                  {1, 1, 0, `the organization "parliament-of-canada" is not in the document`},
		"vote_event.json":             {1, 1, 1, "1 votes by voters that are not organizations of the document"},
		"motion.json":                 {0, 0, 0, "/vote_events/0: is string, not object (the Popolo schema of motion)"},
		"person.json":                 {0, 0, 0, "a person: not taken (the record keeps no data about people)"},
		"membership.json":             {0, 0, 0, "the membership of a person: not taken"},
		"vote.json":                   {0, 0, 0, "an object of the Popolo class vote: not taken"},
	}
	verdicts := popoloVerdicts(t)
	if len(verdicts) != 18 {
		t.Fatalf("%d examples", len(verdicts))
	}
	for path, class := range verdicts {
		t.Run(filepath.Base(path), func(t *testing.T) {
			st := testrecord.Empty(t)
			f, err := os.Open(path)
			check(t, err)
			defer f.Close()
			rep, err := ImportPopolo(ctx, st, f, filepath.Base(path), class)
			w, listed := want[filepath.Base(path)]
			if w.sessions+w.bodies == 0 {
				if err == nil {
					t.Fatalf("the import took %+v", rep)
				}
				if n, _, _ := st.Head(ctx); n != 0 {
					t.Fatal("a refused import wrote to the record")
				}
				if listed && !strings.Contains(err.Error(), w.says) {
					t.Fatalf("the import said %v; want %q", err, w.says)
				}
				return
			}
			check(t, err)
			if rep.BodiesAdded != w.bodies || rep.Sessions != w.sessions || rep.Items != w.items || rep.Positions != 0 {
				t.Fatalf("the import took %+v", rep)
			}
			if !strings.Contains(strings.Join(rep.NotTaken, "\n"), w.says) {
				t.Fatalf("the report does not say %q:\n%s", w.says, strings.Join(rep.NotTaken, "\n"))
			}
		})
	}
}

// Bad input is refused whole, with its path and reason, and nothing is written.
func TestPopoloImportRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	st := testrecord.SharedDemo(t)
	before, _, _ := st.Head(ctx)
	var buf bytes.Buffer
	_, err := ExportPopolo(ctx, st, secretariat.Secretariat, &buf, secretariat.EN)
	check(t, err)
	doc := buf.String()
	org := `{"organizations":[{"id":"body:x","name":"X","classification":"body/external"},{"id":"state:ZZ","name":"Zed","classification":"member state"}],`
	for _, c := range []struct{ name, doc, want string }{
		{"empty", "", "the document is empty"},
		{"not JSON", "{", "not a JSON document this importer takes"},
		{"a name twice", `{"id":"a","id":"b","name":"A","classification":"x"}`, `the member name "id" appears twice`},
		{"an integer a double rounds", `{"option":"yes","value":9007199254740993}`, "2^53"},
		{"an escape in a name", `{"organizations":[{"id":"x","name":"X\u001b[2K"}]}`, "/organizations/0/name: ESC (U+001B)"},
		{"a bidirectional override", `{"organizations":[{"id":"x","name":"X` + "\u202e" + `"}]}`, "RIGHT-TO-LEFT OVERRIDE"},
		{"deep nesting", strings.Repeat("[", 100) + strings.Repeat("]", 100), "nested deeper than 64 levels"},
		{"a count of the wrong type", `{"vote_events":[{"counts":[{"option":"yes","value":"five"}]}]}`, "/vote_events/0/counts/0/value: is string, not integer"},
		{"a count without its value", `{"vote_events":[{"counts":[{"option":"yes"}]}]}`, "/vote_events/0/counts/0/value: is required"},
		{"a link that is no URI", `{"organizations":[{"id":"x","name":"X","links":[{"url":"not a uri"}]}]}`, `/organizations/0/links/0/url: "not a uri" is not an absolute URI`},
		{"a date that is none", `{"memberships":[{"start_date":"1970-1"}]}`, `/memberships/0/start_date: "1970-1" does not match`},
		{"an array of the wrong class", `{"motions":{"id":"m"}}`, "/motions: is object, not an array of motion objects"},
		{"not an object", `[1,2]`, "is array, not a Popolo object"},
		{"an object of no class", `{"x":1}`, "the class of the object cannot be told"},
		{"a session already in the record", doc, "is already in the record: importing it again is refused"},
		{"a vote the record refuses", org + `"motions":[{"id":"m1","organization_id":"body:x","date":"2020-01-01T00:00:00Z","text":"T","result":"adopted"}],` +
			`"vote_events":[{"motion_id":"m1","votes":[{"voter_id":"state:ZZ","option":"yes"}]}]}`, "ZZ was not a member of x on 2020-01-01"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ImportPopolo(ctx, st, strings.NewReader(c.doc), "doc.json", "")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("the import said %v; want %q", err, c.want)
			}
			if n, _, _ := st.Head(ctx); n != before {
				t.Fatal("a refused import wrote to the record")
			}
		})
	}
}

// FuzzReadPopolo reads any bytes as a Popolo document, as the import does before it
// writes: it never panics, every refusal names a path or a place, and every note a path.
func FuzzReadPopolo(f *testing.F) {
	// The committed corpus (testdata/fuzz/FuzzReadPopolo) holds this program's export and
	// malformed documents; the Popolo examples are added from beside the repository.
	for path := range popoloVerdicts(f) {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		objects, errs := readPopolo(data, "")
		if len(errs) > 0 {
			return
		}
		rep := &LoadReport{}
		p := &popoloReader{file: "f.json", rep: rep, orgs: map[string]*popoloOrgIn{}, events: map[string]map[string]any{}, eventPaths: map[string]string{}}
		p.read(objects)
		for _, n := range rep.NotTaken {
			if !strings.HasPrefix(n, "f.json: /") {
				t.Fatalf("a note without its path: %q", n)
			}
		}
	})
}
