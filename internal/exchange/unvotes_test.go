package exchange

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"secretariat/internal/testkit"
	"secretariat/internal/testkit/testrecord"
	"strings"
	"testing"
	"time"

	"secretariat"
	"secretariat/internal/store"

	"github.com/gowebpki/jcs"
)

// sharedData returns the path of a folder of the shared data; on CI it must be there.
func sharedData(t *testing.T, sub string) string {
	t.Helper()
	return testkit.SharedData(t, sub)
}

type tally struct{ yes, no, abstain int }

// directTallies counts each roll call's votes straight from un_votes.csv, without the
// converter or the importer.
func directTallies(t *testing.T, dir string) (map[string]*tally, int) {
	f, err := os.Open(filepath.Join(dir, "un_votes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	if _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
	out := map[string]*tally{}
	n := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		tl := out[rec[0]]
		if tl == nil {
			tl = &tally{}
			out[rec[0]] = tl
		}
		switch rec[3] {
		case "yes":
			tl.yes++
		case "no":
			tl.no++
		case "abstain":
			tl.abstain++
		default:
			t.Fatalf("unexpected vote %q", rec[3])
		}
	}
	return out, n
}

// The whole UN General Assembly archive, 1946–2019: every roll call's tallies in the
// record equal those counted from the source file.
func TestUNArchiveImportTalliesMatch(t *testing.T) {
	dir := sharedData(t, "unvotes")
	want, votes := directTallies(t, dir)
	var buf bytes.Buffer
	conv, err := ConvertUNVotes(context.Background(), dir, "UNGA", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if conv.RollCalls != len(want) || conv.Votes != votes {
		t.Fatalf("converted %d roll calls and %d votes; the source has %d and %d", conv.RollCalls, conv.Votes, len(want), votes)
	}
	if testkit.OnPostgres() {
		// Every statement of an import crosses the network to PostgreSQL: the whole archive
		// takes minutes there (bench/unimport measures it). The PostgreSQL run imports the
		// roll calls of 1946–1960, every one checked the same way.
		buf, want, votes = firstYears(t, &buf, want, "1961-01-01")
	}
	st := testrecord.Empty(t)
	ctx := context.Background()
	t0 := time.Now()
	sum, err := ImportRollCalls(ctx, st, &buf, ImportOptions{Name: "unvotes"})
	t.Logf("imported in %s", time.Since(t0).Round(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if sum.RollCalls != len(want) || sum.Votes != votes {
		t.Fatalf("loaded %d roll calls and %d votes; the file has %d and %d", sum.RollCalls, sum.Votes, len(want), votes)
	}
	t.Logf("loaded %d roll calls, %d votes, %d states", sum.RollCalls, sum.Votes, sum.States)
	items, total, err := store.FindAll[secretariat.AgendaItem](ctx, st, secretariat.Secretariat, store.Where("body", "unga"))
	if err != nil {
		t.Fatal(err)
	}
	if total != len(want) {
		t.Fatalf("%d items in the record, %d roll calls in the source", total, len(want))
	}
	for _, it := range items {
		rcid := strings.TrimPrefix(it.ID, "unga-rc-")
		w := want[rcid]
		got := it.Outcome.Tally
		if w == nil || got.Joins != w.yes || got.Objects != w.no || got.Abstains != w.abstain {
			t.Fatalf("roll call %s: record %d/%d/%d, source %+v", rcid, got.Joins, got.Objects, got.Abstains, w)
		}
		if adopted := it.Outcome.Result.IsAdopted(); adopted != (w.yes > w.no) {
			t.Fatalf("roll call %s: %s with %d yes and %d no", rcid, it.Outcome.Result, w.yes, w.no)
		}
	}
	if !testkit.OnPostgres() { // the Federal Republic votes from 1973 on
		frg, err := store.FindByID[secretariat.MemberState](ctx, st, secretariat.Secretariat, "federal-republic-of-germany")
		if err != nil || frg.Code != "" {
			t.Fatalf("a state without a code is not kept by its name: %+v %v", frg, err)
		}
	}
	// The chain recomputes with the Python script that uses nothing of secretariat. It
	// reads the SQLite file in a process of its own, so it runs while the checks below
	// run here: the test's time is the longer of the two, not their sum.
	var script func() (string, error)
	if !testkit.OnPostgres() { // the Python script reads a SQLite file
		py := testkit.NeedTool(t, "python3", "python3")
		cmd := exec.Command(py, filepath.Join("..", "..", "examples", "verify-chain.py"), st.Path())
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		t0 := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		script = func() (string, error) {
			err := cmd.Wait()
			t.Logf("verify-chain.py in %s", time.Since(t0).Round(time.Millisecond))
			return strings.TrimSpace(out.String()), err
		}
		defer cmd.Process.Kill()
	}
	// Every after-image, and so every document the import stored, is RFC 8785 as an
	// independent implementation writes it.
	t0 = time.Now()
	err = st.Entries(ctx, 1, func(e store.Entry) error {
		want, err := jcs.Transform(e.After)
		if err != nil || !bytes.Equal(want, e.After) {
			t.Fatalf("entry %d is not what gowebpki/jcs makes of it (%v)", e.Seq, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("every after-image checked against gowebpki/jcs in %s", time.Since(t0).Round(time.Millisecond))
	t0 = time.Now()
	r, err := st.Verify(ctx, nil)
	if err != nil || !r.OK {
		t.Fatalf("verify: %+v %v", r, err)
	}
	t.Logf("verify: %d entries, %d records, %d versions, %d links in %s", r.Entries, r.Records, r.Versions, r.Links, time.Since(t0).Round(time.Millisecond))
	if script != nil {
		if got, err := script(); err != nil || got != fmt.Sprintf("%d journal entries; head %s", r.Entries, r.Head) {
			t.Fatalf("verify-chain.py: %v: %s; verify says head %s", err, got, r.Head)
		}
	}
}

func TestConvertRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "un_roll_calls.csv"), []byte("id,when\n1,2019\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "un_votes.csv"), []byte("rcid,country,country_code,vote\n1,France,FR,yes\n"), 0o600)
	if _, err := ConvertUNVotes(context.Background(), dir, "UNGA", io.Discard); err == nil || !strings.Contains(err.Error(), `no column "rcid"`) {
		t.Fatalf("err = %v", err)
	}
	if _, err := ConvertUNVotes(context.Background(), filepath.Join(dir, "missing"), "UNGA", io.Discard); err == nil {
		t.Fatal("a missing folder converted")
	}
}

// The converter, on any two files: it refuses with a reason, or writes a roll-call CSV
// that the importer reads without finding a line it cannot read as text.
func FuzzConvertUNVotes(f *testing.F) {
	f.Add([]byte("rcid,session,importantvote,date,unres,amend,para,short,descr\n3,1,0,1946-01-01,R/1/66,1,0,AMENDMENTS,\"A description\"\n"),
		[]byte("rcid,country,country_code,vote\n3,United States,US,yes\n"))
	f.Fuzz(func(t *testing.T, calls, votes []byte) {
		var out bytes.Buffer
		_, err := convertUN(context.Background(), bytes.NewReader(calls), bytes.NewReader(votes), "UNGA", &out)
		if err != nil {
			return
		}
		_, bad, err := ParseRollCalls(context.Background(), &out)
		if err != nil {
			t.Fatalf("the converter wrote what the importer cannot read: %v\n%q", err, out.String())
		}
		for _, l := range bad {
			if strings.Contains(l.Reason, "not UTF-8") || strings.Contains(l.Reason, "control") || strings.Contains(l.Reason, "not valid CSV") {
				t.Fatalf("the converter wrote a line the importer refuses as text: %s", l)
			}
		}
	})
}

// firstYears keeps, of a roll-call CSV and its expected tallies, the roll calls dated
// before the day given.
func firstYears(t *testing.T, all *bytes.Buffer, want map[string]*tally, before string) (bytes.Buffer, map[string]*tally, int) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(all.Bytes()))
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	kept := map[string]*tally{}
	votes := 0
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && rec[1] >= before {
			continue
		}
		if i > 0 {
			kept[rec[0]] = want[rec[0]]
			votes++
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return out, kept, votes
}
