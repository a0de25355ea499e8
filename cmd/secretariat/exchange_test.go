package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// export and import through the program: the bundle goes round byte for byte and the
// copy verifies; the directories and files of the open formats are written whole or not
// at all; the reader's access is the export's; and each new importer refuses bad input
// with the file, the line or path and the reason, and writes nothing.
func TestExportAndImportThroughTheProgram(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	expect(t, run(t, nil, "demo", "--db", db), 0)

	bundle := filepath.Join(dir, "demo.bundle.json")
	expect(t, run(t, nil, "export", "--format", "bundle", "--out", bundle, "--db", db), 0, "wrote the bundle of 627 journal entries")
	copyDB := filepath.Join(dir, "copy.db")
	expect(t, run(t, nil, "import", "--format", "bundle", bundle, "--db", copyDB), 0, "loaded the bundle", "journal entries replayed")
	expect(t, run(t, nil, "verify", "--db", copyDB), 0, "ok: 627 journal entries")
	again := filepath.Join(dir, "again.json")
	expect(t, run(t, nil, "export", "--format", "bundle", "--out", again, "--db", copyDB), 0)
	a, _ := os.ReadFile(bundle)
	b, _ := os.ReadFile(again)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatal("export → import → export through the program changed the bundle")
	}
	expect(t, run(t, nil, "import", "--format", "bundle", bundle, "--db", copyDB), 1, "already holds a record")
	expect(t, run(t, nil, "export", "--format", "bundle", "--viewer", "public", "--out", filepath.Join(dir, "x"), "--db", db), 2, "only an officer or an administrator")
	expect(t, run(t, nil, "export", "--format", "bundle", "--as-of", "2017-01-10", "--out", filepath.Join(dir, "early.json"), "--db", db), 0, "wrote the bundle of 78 journal entries")

	// The open formats, as the public reads them.
	for _, c := range []struct{ format, out, says string }{
		{"csv", filepath.Join(dir, "csv"), "CSV files"},
		{"akn", filepath.Join(dir, "akn"), "Akoma Ntoso documents (9 sessions as debates, 30 decisions)"},
		{"popolo", filepath.Join(dir, "popolo.json"), "a Popolo document of"},
		{"ical", filepath.Join(dir, "feed.ics"), "events"},
		{"atom", filepath.Join(dir, "feed.atom"), "an Atom feed of 5 publications"},
	} {
		expect(t, run(t, nil, "export", "--format", c.format, "--viewer", "public", "--out", c.out, "--db", db), 0, c.says)
		var all []byte
		filepath.Walk(c.out, func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				b, _ := os.ReadFile(p)
				all = append(all, b...)
			}
			return nil
		})
		if len(all) == 0 || bytes.Contains(all, []byte("secret document")) {
			t.Fatalf("%s: the public's export is empty or holds a restricted item", c.format)
		}
	}
	expect(t, run(t, nil, "export", "--format", "csv", "--out", filepath.Join(dir, "csv"), "--db", db), 1, "is not empty")
	expect(t, run(t, nil, "export", "--format", "akn", "--out", "-", "--db", db), 2, "writes a directory")
	expect(t, run(t, nil, "export", "--format", "pdf", "--out", "x", "--db", db), 2, "--format must be one of")
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*partial*")); len(leftovers) > 0 {
		t.Fatalf("an export left %v behind", leftovers)
	}

	// The open formats read back into a new record.
	akn := filepath.Join(dir, "akn-in.db")
	expect(t, run(t, nil, "init", "--db", akn), 0)
	expect(t, run(t, nil, "import", "--format", "akn", filepath.Join(dir, "akn"), "--db", akn), 0,
		"loaded 9 sessions, 31 items", "decision cssc-2019-2: the record numbers it cssc-2019-1") // the public did not see cssc-2019-1
	expect(t, run(t, nil, "verify", "--db", akn), 0, "ok:")
	pop := filepath.Join(dir, "popolo-in.db")
	expect(t, run(t, nil, "init", "--db", pop), 0)
	expect(t, run(t, nil, "import", "--format", "popolo", filepath.Join(dir, "popolo.json"), "--db", pop), 0, "loaded 9 sessions, 31 items", "6 states added")
	expect(t, run(t, nil, "import", "--format", "popolo", filepath.Join(dir, "popolo.json"), "--db", pop, "--skip-bad"), 2, "--skip-bad is for roll calls only")

	lines := strings.Split(string(a), "\n")
	tampered := strings.Replace(string(a), lines[40], strings.Replace(lines[40], `"verb":"`, `"verb":"X`, 1), 1)
	empty := filepath.Join(dir, "empty.db")
	expect(t, run(t, nil, "init", "--db", empty), 0)
	refuses(t, empty, "bundle", []inputCase{
		{name: "tampered", file: tampered, line: 41, says: "journal entry 39: its hash does not match its content"},
		{name: "cut short", file: string(a[:len(a)/2]), says: "the bundle ends before it is whole"},
		{name: "not a bundle", file: "{\"format\":\"other\"}", line: 1, says: `"other" is not a format this program reads`},
	}, "import", "--format", "bundle", "FILE")

	xxe := `<?xml version="1.0"?>` + "\n" + `<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + "\n" + `<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&xxe;</akomaNtoso>`
	refuses(t, akn, "akn", []inputCase{
		{name: "XXE", file: xxe, line: 2, says: "documents with a DOCTYPE are refused"},
		{name: "not AKN", file: "<html/>", line: 1, says: "not an Akoma Ntoso 3.0 document"},
	}, "import", "--format", "akn", "FILE")

	refuses(t, pop, "popolo", []inputCase{
		{name: "schema", file: `{"vote_events":[{"counts":[{"option":"yes","value":"five"}]}]}`, says: "/vote_events/0/counts/0/value: is string, not integer"},
		{name: "escape", file: `{"organizations":[{"id":"x","name":"\u001b[2K"}]}`, says: "/organizations/0/name: ESC (U+001B)"},
		{name: "person", file: `{"id":"p","name":"A Person","given_name":"A","family_name":"Person"}`, says: "a person: not taken (the record keeps no data about people)"},
	}, "import", "--format", "popolo", "FILE")
}
