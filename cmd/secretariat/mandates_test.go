package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"secretariat/internal/testkit"
	"strings"
	"sync"
	"testing"
)

var (
	demoOnce sync.Once
	demoPath string
)

// demoDB returns a database with the demo record, loaded once for all tests; tests must
// not write to it.
func demoDB(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		// On the PostgreSQL run, a database of the run's (empty: demo makes the schema).
		demoPath = filepath.Join(filepath.Dir(binary), "demo.db")
		if testkit.OnPostgres() {
			demoPath = testkit.PostgresDatabase(&keep{TB: t}, nil)
		}
		r := run(t, nil, "demo", "--db", demoPath, "--quiet")
		if r.code != 0 {
			t.Fatalf("loading the demo: %s", r.stderr)
		}
	})
	return demoPath
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name), got)
}

func TestDigestGolden(t *testing.T) {
	db := demoDB(t)
	for _, c := range []struct{ name, lang, date string }{
		{"digest-2019-11-25.txt", "en", "2019-11-25"},
		{"digest-2021-01-05.ru.txt", "ru", "2021-01-05"},
	} {
		r := run(t, nil, "digest", "--db", db, "--as-of", c.date, "--lang", c.lang)
		expect(t, r, 0)
		golden(t, c.name, r.stdout)
	}
	r := run(t, nil, "digest", "--db", db, "--as-of", "2019-11-25", "--json")
	expect(t, r, 0)
	var d struct {
		Parties []struct {
			Party    string
			FallsDue []struct{ ID string } `json:"falls_due"`
			Changed  []struct{ Verb string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil || len(d.Parties) == 0 {
		t.Fatalf("digest --json: %v %s", err, r.stdout)
	}
}

func TestMandateQuestionsOnTheDemo(t *testing.T) {
	db := demoDB(t)
	r := run(t, nil, "mandates", "status", "--session", "csc-2018-11-08", "--as-of", "2019-11-28", "--db", db, "--json")
	expect(t, r, 0)
	var status struct {
		Total        int
		Fulfilled    []struct{ ID string }
		NotFulfilled []struct{ ID string } `json:"not_fulfilled"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &status); err != nil || status.Total != 12 || len(status.Fulfilled) != 12 {
		t.Fatalf("2018 tasks at the 2019 session: %v %+v", err, status)
	}
	r = run(t, nil, "mandates", "status", "--session", "csc-2018-11-08", "--as-of", "2019-10-01", "--db", db, "--json")
	expect(t, r, 0)
	json.Unmarshal([]byte(r.stdout), &status)
	if len(status.Fulfilled) != 0 || len(status.NotFulfilled) != 12 {
		t.Fatalf("as of October 2019 the tasks were already fulfilled: %+v", status)
	}
	r = run(t, nil, "mandates", "priorities", "--chairmanship", "csc-chair-2019", "--db", db, "--json")
	expect(t, r, 0)
	var pr struct {
		Fulfilled  int
		Priorities []struct{ Assessment string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &pr); err != nil || pr.Fulfilled != 6 || len(pr.Priorities) != 6 {
		t.Fatalf("priorities: %v %+v", err, pr)
	}
	r = run(t, nil, "mandates", "overlaps", "--db", db)
	expect(t, r, 0, "t2019-gcts", "t2019-joint-statement-gcts")
	r = run(t, nil, "mandates", "open", "--responsible", "secretariat", "--as-of", "2021-01-05", "--db", db)
	expect(t, r, 0, "t2019-budget", "assigned, overdue")
	r = run(t, nil, "calendar", "--db", db, "--responsible", "cfm")
	expect(t, r, 0, "BEGIN:VCALENDAR", "UID:task-t2018-arms-control@secretariat")
	if strings.Contains(r.stdout, "t2018-p2-crisis-center") {
		t.Fatal("the CFM's calendar has the secretariat's task")
	}
	for _, args := range [][]string{
		{"mandates"}, {"mandates", "status"}, {"mandates", "overlaps", "--threshold", "2"}, {"mandates", "progress"}, {"mandates", "why"},
		{"digest", "--due-within", "-1"}, {"calendar", "extra"},
	} {
		if r := run(t, nil, args...); r.code != 2 {
			t.Errorf("%v: exit %d (%s)", args, r.code, r.stderr)
		}
	}
}

func TestVotesAndImportCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "un.db")
	expect(t, run(t, nil, "init", "--db", db), 0)
	expect(t, run(t, nil, "import", "--format", "rollcall", "../../internal/exchange/testdata/rollcall-small.csv", "--db", db), 0, "loaded 2 roll calls")
	r := run(t, nil, "import", "--format", "rollcall", "../../internal/exchange/testdata/rollcall-bad.csv", "--db", db)
	expect(t, r, 1, "line 3: vote \"maybe\"", "nothing was loaded")
	// Roll calls 1 to 3 have a malformed line each: they are set aside whole, and 4 loads.
	r = run(t, nil, "import", "--format", "rollcall", "../../internal/exchange/testdata/rollcall-bad.csv", "--db", db, "--skip-bad")
	expect(t, r, 0, "loaded 1 roll call and 1 vote", "skipped 3 roll calls whole", "roll call 2 (0 good lines not loaded with it)", "line 9: a second vote of US")
	expect(t, run(t, nil, "import", "--format", "csv", "x.csv", "--db", db), 2)
	expect(t, run(t, nil, "votes", "record", "RU", "--db", db), 0, "unga-rc-")
	expect(t, run(t, nil, "votes", "agreement", "US", "RU", "--db", db), 0, "took the same position")
	expect(t, run(t, nil, "votes", "blocked", "--body", "unga", "--db", db), 0, "2 items not adopted; RU blocked 2; US blocked 1")
	expect(t, run(t, nil, "diff", "draft-gcts", "--db", demoDB(t)), 0, "[-2020-]{+2021+}")
	expect(t, run(t, nil, "verify", "--db", db), 0, "ok:")
}

func TestForewordIsKeptApartFromTheGeneratedText(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fw.db")
	expect(t, run(t, nil, "demo", "--db", db, "--quiet"), 0)
	text := filepath.Join(t.TempDir(), "fw.txt")
	os.WriteFile(text, []byte("A tense year, by the secretariat's own account."), 0o644)
	expect(t, run(t, nil, "foreword", "--year", "2019", "--file", text, "--db", db), 0, "foreword-2019-en")
	r := run(t, nil, "report", "--year", "2019", "--db", db)
	expect(t, r, 0, "## Foreword by the Secretariat\n\n_This text is the Secretariat's own; everything else in the review is generated from the record._\n\n> A tense year, by the secretariat's own account.")
	if strings.Contains(r.stdout, `"foreword"`) || strings.Count(r.stdout, "A tense year") != 1 {
		t.Fatalf("the foreword leaks into the generated sections:\n%s", r.stdout)
	}
	expect(t, run(t, nil, "foreword", "--year", "2019", "--file", text, "--db", db), 1, "already exists")
	expect(t, run(t, nil, "verify", "--db", db), 0, "ok:")
}

// keep is a test whose cleanups are not run: the shared demo record outlives the test that
// first asks for it (the test command drops the run's databases).
type keep struct{ testing.TB }

func (keep) Cleanup(func()) {}
