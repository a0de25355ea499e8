package exchange

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
	"secretariat/internal/translog"
)

// loggedDemo is the demo record with what a bundle must carry beyond the journal: a
// report with a stored document, a signed checkpoint, and Kyrgyzstan's cosignature.
func loggedDemo(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st := testrecord.Demo(t)
	tasks, _, err := store.FindAll[secretariat.Task](ctx, st, secretariat.Secretariat, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	reported := false
	for _, task := range tasks {
		if reported || (task.Status != secretariat.TaskAssigned && task.Status != secretariat.TaskInProgress) || len(task.Responsible.Parties()) == 0 {
			continue
		}
		party := task.Responsible.Parties()[0]
		_, err := st.ReportImplementation(ctx, secretariat.ImplementationReport{Task: task.ID, Date: secretariat.MustDate("2021-06-01"),
			Author: party, SpeaksFor: party, Text: secretariat.T("Сделано", "Done"), Progress: 50}, []store.File{{Name: "report.pdf", Content: pdf}})
		reported = err == nil
	}
	if !reported {
		t.Fatal("no task of the demo took a report")
	}
	wskey, wvkey, err := translog.GenerateKey(rand.Reader, "kg.example/witness", translog.WitnessKey)
	check(t, err)
	_, err = st.RegisterWitnessKey(ctx, "KG", wvkey)
	check(t, err)
	skey, _, err := translog.GenerateKey(rand.Reader, "csto.example/secretariat", translog.LogKey)
	check(t, err)
	signer, err := translog.NewLogSigner(skey)
	check(t, err)
	c, _, err := st.SignCheckpoint(ctx, signer)
	check(t, err)
	cosigner, err := translog.NewCosigner(wskey, nil)
	check(t, err)
	text, _, err := translog.SplitNote(c.Note)
	check(t, err)
	line, err := translog.Cosign(text, cosigner)
	check(t, err)
	_, err = st.AddCosignature(ctx, append(append(text, '\n'), line+"\n"...))
	check(t, err)
	return st
}

func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// The bundle of a record imports into an empty database, which then verifies with the
// source's head hash and exports to the same bytes; a bundle up to an entry is the record
// as it stood then.
func TestTheBundleRoundTripIsByteIdentical(t *testing.T) {
	ctx := context.Background()
	st := loggedDemo(t)
	before, err := st.Verify(ctx, nil)
	check(t, err)
	var first bytes.Buffer
	sum, err := ExportBundle(ctx, st, secretariat.Secretariat, &first, BundleOptions{})
	check(t, err)
	if sum.Entries != before.Entries || sum.Head != before.Head || sum.Files != 1 || sum.Checkpoints != 1 || sum.Cosignatures != 1 || sum.Bytes != int64(first.Len()) {
		t.Fatalf("the bundle's summary: %+v; the record: %+v", sum, before)
	}
	into := testrecord.Empty(t)
	got, err := ImportBundle(ctx, into, bytes.NewReader(first.Bytes()), BundleImportOptions{})
	check(t, err)
	if got.Entries != sum.Entries || got.Files != 1 || got.Cosignatures != 1 {
		t.Fatalf("the import says %+v", got)
	}
	after, err := into.Verify(ctx, nil)
	check(t, err)
	if !after.OK || after.Head != before.Head || after.Records != before.Records || after.Versions != before.Versions ||
		after.Files != 1 || after.Log.Checkpoints != 1 || after.Log.Cosignatures != 1 {
		t.Fatalf("verify after the import: %+v\nbefore: %+v", after, before)
	}
	var second bytes.Buffer
	_, err = ExportBundle(ctx, into, secretariat.Viewer{Role: secretariat.RoleAdmin}, &second, BundleOptions{})
	check(t, err)
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("export → import → export changed the bytes (%d, then %d)", first.Len(), second.Len())
	}

	// A selection: the record as of entry 100, which the checkpoint does not cover.
	var part bytes.Buffer
	sum, err = ExportBundle(ctx, st, secretariat.Secretariat, &part, BundleOptions{UpTo: 100})
	check(t, err)
	if sum.Entries != 100 || sum.Checkpoints != 0 || sum.Files != 0 {
		t.Fatalf("the bundle up to entry 100: %+v", sum)
	}
	prefix := testrecord.Empty(t)
	_, err = ImportBundle(ctx, prefix, &part, BundleImportOptions{})
	check(t, err)
	r, err := prefix.Verify(ctx, nil)
	check(t, err)
	e100, err := st.Entry(ctx, 100)
	check(t, err)
	if !r.OK || r.Entries != 100 || r.Head != e100.Hash {
		t.Fatalf("verify of the record up to entry 100: %+v", r)
	}
}

// Only the secretariat exports the bundle; an import goes into an empty record only.
func TestTheBundleIsTheSecretariats(t *testing.T) {
	ctx := context.Background()
	st := testrecord.SharedDemo(t)
	for _, v := range []secretariat.Viewer{secretariat.Anonymous, {Role: secretariat.RoleDelegate, State: "KG"}} {
		var buf bytes.Buffer
		if _, err := ExportBundle(ctx, st, v, &buf, BundleOptions{}); secretariat.ErrorCode(err) != secretariat.EFORBIDDEN || buf.Len() > 0 {
			t.Fatalf("%v exported the bundle: %v, %d bytes", v, err, buf.Len())
		}
	}
	var buf bytes.Buffer
	_, err := ExportBundle(ctx, st, secretariat.Secretariat, &buf, BundleOptions{UpTo: 20})
	check(t, err)
	if _, err := ImportBundle(ctx, st, &buf, BundleImportOptions{}); secretariat.ErrorCode(err) != secretariat.ECONFLICT {
		t.Fatalf("a bundle was loaded into a record that is not empty: %v", err)
	}
}

// A bundle that does not hold is refused whole, with its place and reason, and nothing
// is written.
func TestABadBundleIsRefusedWhole(t *testing.T) {
	ctx := context.Background()
	st := testrecord.SharedDemo(t)
	var buf bytes.Buffer
	_, err := ExportBundle(ctx, st, secretariat.Secretariat, &buf, BundleOptions{UpTo: 40})
	check(t, err)
	good := buf.String()
	lines := strings.Split(good, "\n")
	entry := func(n int) string { return lines[1+n] } // line 1 is the header, line 2 opens the journal
	replace := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("the bundle has no %q", old)
		}
		return strings.Replace(good, old, new, 1)
	}
	deep := strings.Repeat("[", 200) + strings.Repeat("]", 200)
	for _, c := range []struct{ name, bundle, want string }{
		{"empty", "", "ends before it is whole"},
		{"not JSON", "hello", "line 1"},
		{"another format", replace(BundleFormat, "secretariat-bundle/v0"), `"secretariat-bundle/v0" is not a format`},
		{"a record's text changed", replace(`"ru":"Россия"`, `"ru":"Росия"`), "was altered"},
		{"an entry removed", strings.Replace(good, entry(5)+"\n", "", 1), "expected entry 5 here"},
		{"the journal cut short", replace(`"entries":40`, `"entries":41`), "its head says 41"},
		{"another head", replace(`"head":"`, `"head":"0`), "is not a SHA-256"},
		{"a member out of order", replace(`"jcs_from":1,"entries":40`, `"entries":40,"jcs_from":1`), `expected the member "jcs_from"`},
		{"an unknown field", replace(`{"hash":`, `{"extra":1,"hash":`), `unknown field "extra"`},
		{"a leaf not canonical", replace(`"leaf":{"actor"`, `"leaf":{ "actor"`), "not in the canonical form"},
		{"bytes that are not UTF-8", replace(`"ru":"Россия"`, "\"ru\":\"Рос\xff\""), "not UTF-8"},
		{"nested deeply", replace(`"files":[]`, `"files":[`+deep+`]`), "nested deeper than 64 levels"},
		{"something after the end", good + "{}", "follows the bundle's end"},
	} {
		t.Run(c.name, func(t *testing.T) {
			into := testrecord.Empty(t)
			path := filepath.Join(t.TempDir(), "bundle.json")
			check(t, os.WriteFile(path, []byte(c.bundle), 0o600))
			f, err := os.Open(path)
			check(t, err)
			defer f.Close()
			_, err = ImportBundle(ctx, into, f, BundleImportOptions{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("the import said %v; want %q", err, c.want)
			}
			t.Log(err)
			if n, _, _ := into.Head(ctx); n != 0 {
				t.Fatalf("a refused bundle wrote %d entries", n)
			}
		})
	}
}

// The guard refuses a file over its limit and an element over its own, whatever JSON's
// strings hold.
func TestTheJSONGuard(t *testing.T) {
	read := func(s string, limit, element int64) error {
		g := newJSONGuard(context.Background(), strings.NewReader(s), limit, element, "the file")
		_, err := bytes.NewBuffer(nil).ReadFrom(g)
		return err
	}
	if err := read(`{"a":["[[[[[[","\"]]]]"]}`, 100, 100); err != nil {
		t.Fatalf("brackets in strings counted: %v", err)
	}
	if err := read(`{"a":[{"b":"`+strings.Repeat("x", 50)+`"}]}`, 1000, 40); err == nil || !strings.Contains(err.Error(), "an element longer than 40 bytes") {
		t.Fatalf("a long element: %v", err)
	}
	if err := read(strings.Repeat(" ", 200), 100, 100); err == nil || !strings.Contains(err.Error(), "larger than 100 bytes") {
		t.Fatalf("a long file: %v", err)
	}
}

// A record made before RFC 8785 (the store's testdata) keeps the first canonical form of
// its early entries, and their files stored before the journal named them, through a
// bundle.
func TestTheBundleOfARecordMadeBeforeRFC8785(t *testing.T) {
	ctx := context.Background()
	f, err := os.Open(filepath.Join("..", "store", "testdata", "legacy-v1.db.gz"))
	check(t, err)
	defer f.Close()
	z, err := gzip.NewReader(f)
	check(t, err)
	path := filepath.Join(t.TempDir(), "legacy.db")
	raw, err := io.ReadAll(z)
	check(t, err)
	check(t, os.WriteFile(path, raw, 0o600))
	st, err := store.Open(ctx, path, store.Options{Create: true})
	check(t, err)
	defer st.Close()
	before, err := st.Verify(ctx, nil)
	check(t, err)
	var first, second bytes.Buffer
	_, err = ExportBundle(ctx, st, secretariat.Secretariat, &first, BundleOptions{})
	check(t, err)
	into := testrecord.Empty(t)
	_, err = ImportBundle(ctx, into, bytes.NewReader(first.Bytes()), BundleImportOptions{})
	check(t, err)
	after, err := into.Verify(ctx, nil)
	check(t, err)
	if !after.OK || after.Head != before.Head || after.Files != before.Files || after.LegacyFiles != before.LegacyFiles {
		t.Fatalf("verify after the import: %+v\nbefore: %+v", after, before)
	}
	_, err = ExportBundle(ctx, into, secretariat.Secretariat, &second, BundleOptions{})
	check(t, err)
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatal("export → import → export changed the bytes of a record made before RFC 8785")
	}
}

// FuzzReadBundle reads any bytes as a bundle, as the import does before it replays:
// it never panics, and what it refuses it refuses with a reason (the replay's own
// checks run on what it accepts, in the tests above).
func FuzzReadBundle(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		guard := newJSONGuard(context.Background(), bytes.NewReader(data), 1<<20, 1<<16, "the bundle")
		br := &bundleReader{dec: json.NewDecoder(guard), guard: guard, src: bytes.NewReader(data)}
		br.dec.UseNumber()
		h, err := br.header()
		if err == nil {
			if h.Entries < 1 || h.JCSFrom < 1 || len(h.Head) != 64 {
				t.Fatalf("a header accepted: %+v", h)
			}
			err = br.Entries(func(e store.Entry) error { return nil })
		}
		if err == nil {
			err = br.Files(func(store.StoredFile) error { return nil })
		}
		if err == nil {
			err = br.Checkpoints(func(store.CheckpointRow) error { return nil })
		}
		if err == nil {
			err = br.Cosignatures(func(store.CosignatureRow) error { return nil })
		}
		if err != nil && br.place(err).Error() == "" {
			t.Fatal("a refusal without a reason")
		}
	})
}
