package main

import (
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// The importers' refusals, end to end: every malformed case the probe of issue 13 found,
// through the program itself, each checked for its exit code, the line and reason it
// names, and that the record (or the converter's output) is as it was.

// headOf reads the journal's last entry, without the program.
func headOf(t *testing.T, path string) (int64, string) {
	t.Helper()
	db := openReadOnly(t, path)
	var seq int64
	var hash string
	err := db.QueryRow(`SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1`).Scan(&seq, &hash)
	if err == sql.ErrNoRows {
		return 0, ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return seq, hash
}

// repeatReader gives head, then line over and over until more than n bytes in all, then
// tail: an input too large to keep in memory or on disk, made as it is read.
type repeatReader struct {
	line []byte
	left int64 // bytes of repeated lines still to give
	at   int
}

func repeated(head, line string, n int64, tail string) io.Reader {
	return io.MultiReader(strings.NewReader(head), &repeatReader{line: []byte(line), left: n + 1 - int64(len(head))}, strings.NewReader(tail))
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && r.left > 0 {
		c := copy(p[n:], r.line[r.at:])
		n += c
		r.at = (r.at + c) % len(r.line)
		r.left -= int64(c)
	}
	return n, nil
}

// inputCase is one malformed input and what the refusal must say.
type inputCase struct {
	name string
	file string
	// stream, when set, is given through standard input instead of file: an input too
	// large to write out.
	stream func() io.Reader
	// line is the line the error must name (0: the file as a whole), says the reason.
	line int
	says string
}

// refuses runs `import` (or another command, with "FILE" standing for the input) on
// each case and checks that it exits 1 with the line and the reason, and that db's
// journal did not move.
func refuses(t *testing.T, db, label string, cases []inputCase, args ...string) {
	t.Helper()
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(label+"/"+c.name, func(t *testing.T) {
			n0, h0 := headOf(t, db)
			path := "/dev/stdin"
			var stdin io.Reader
			if c.stream != nil {
				stdin = c.stream()
			} else {
				path = filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-"))
				if err := os.WriteFile(path, []byte(c.file), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			full := make([]string, len(args))
			for i, a := range args {
				full[i] = strings.ReplaceAll(a, "FILE", path)
			}
			r := runWith(t, stdin, nil, append(full, "--db", db)...)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			if c.line > 0 && !strings.Contains(r.stderr, fmt.Sprintf("line %d: ", c.line)) {
				t.Errorf("the error does not name line %d:\n%s", c.line, r.stderr)
			}
			if !strings.Contains(r.stderr, c.says) {
				t.Errorf("the error does not say %q:\n%s", c.says, r.stderr)
			}
			if !strings.Contains(r.stderr, "nothing was") {
				t.Errorf("the error does not say that nothing was loaded:\n%s", r.stderr)
			}
			if strings.ContainsAny(r.stdout+r.stderr, "\x00\x07\x1b\u202e") {
				t.Errorf("the program printed a control character raw: %q", r.stderr)
			}
			if n, h := headOf(t, db); n != n0 || h != h0 {
				t.Fatalf("the refused input wrote: journal %d %s, was %d %s", n, h, n0, h0)
			}
		})
	}
}

const rollCallHeader = "vote_id,date,body,title,state_code,state_name,vote\n"

// rollCall is a roll-call file: the header, a good first line, then lines.
func rollCall(lines ...string) string {
	return rollCallHeader + "1,1990-05-01,UNGA,Resolution one,US,United States,yes\n" + strings.Join(lines, "\n") + "\n"
}

func TestRollCallImportRefusesMalformedInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rc.db")
	expect(t, run(t, nil, "init", "--db", db), 0)
	expect(t, run(t, nil, "import", "--format", "rollcall", "../../internal/exchange/testdata/rollcall-small.csv", "--db", db), 0)
	long := strings.Repeat("x", 70<<10)
	cases := []inputCase{
		{name: "latin-1", file: rollCall("1,1990-05-01,UNGA,Resolution one,CI,C\xf4te d'Ivoire,yes"), line: 3, says: "state_name: byte 0xF4 at character 2 is not UTF-8"},
		{name: "NUL", file: rollCall("1,1990-05-01,UNGA,Resolution one,FR,Fr\x00ance,no"), line: 3, says: "state_name: NUL (U+0000)"},
		{name: "BEL", file: rollCall("1,1990-05-01,UNGA,Resolution one\x07,FR,France,no"), line: 3, says: "title: BEL (U+0007)"},
		{name: "ESC", file: rollCall("1,1990-05-01,UNGA,\x1b[2K\x1b[1GFORGED,FR,France,no"), line: 3, says: "title: ESC (U+001B) at character 1"},
		{name: "bidi override", file: rollCall("1,1990-05-01,UNGA,Resolution one,FR,\u202eecnarF,no"), line: 3, says: "U+202E RIGHT-TO-LEFT OVERRIDE"},
		{name: "lone CR", file: rollCall("1,1990-05-01,UNGA,Resolution\rone,FR,France,no"), line: 3, says: "title: CR (U+000D)"},
		{name: "C1 control", file: rollCall("1,1990-05-01,UNGA,Resolution \u009bone,FR,France,no"), line: 3, says: "U+009B"},
		{name: "misspelt vote", file: rollCall("1,1990-05-01,UNGA,Resolution one,FR,France,noo"), line: 3, says: `vote "noo" is not one of`},
		{name: "bare quote", file: rollCall(`1,1990-05-01,UNGA,Res "one",FR,France,no`), line: 3, says: "not valid CSV"},
		{name: "line over 64 KiB", file: rollCall("1,1990-05-01,UNGA," + long + ",FR,France,no"), line: 3, says: "a record longer than 64 KiB"},
		{name: "unclosed quote", file: rollCall(`1,1990-05-01,UNGA,"Resolution`, strings.Repeat("more of the title\n", 5000)), line: 3, says: "a record longer than 64 KiB"},
		{name: "header only", file: rollCallHeader, says: "the file has a header and no roll call"},
		{name: "empty", file: "", says: "the file is empty"},
		{name: "over 256 MiB", stream: func() io.Reader {
			// The same state's vote again and again: each line is refused and nothing of
			// it is kept, so the file's size is what stops the import.
			return repeated(rollCall(), "1,1990-05-01,UNGA,Resolution one,US,"+strings.Repeat("n", 60<<10)+",yes\n", 256<<20, "")
		}, says: "the roll-call CSV is larger than 256 MiB: it is refused whole"},
	}
	refuses(t, db, "all or nothing", cases, "import", "--format", "rollcall", "FILE")
	// With --skip-bad, a roll call with a malformed line is set aside whole: here that is
	// every roll call, so nothing is loaded either.
	for i := range cases {
		switch {
		case cases[i].name == "bare quote":
			// A line that is not CSV names no roll call: it could belong to any.
			cases[i].says = "1 malformed line names no roll call that can be read"
		case cases[i].line > 0 && !strings.Contains(cases[i].says, "64 KiB"):
			cases[i].says = "every roll call of the file has a malformed line"
		}
	}
	cases = slices.DeleteFunc(cases, func(c inputCase) bool { return c.stream != nil }) // the same guard, with or without --skip-bad
	refuses(t, db, "skip-bad", cases, "import", "--format", "rollcall", "FILE", "--skip-bad")
	expect(t, run(t, nil, "verify", "--db", db), 0, "ok:")
}

const figureHeader = "id,operation,year,metric,value,qualifier,source,stage\n"

// figure is a JSON figure of the demo's Channel operation with the given value (as
// written) and note.
func figure(id, value, note string) string {
	return `{"id":"` + id + `","operation":"channel","year":2019,"metric":"drugs_seized","value":` + value +
		`,"qualifier":"exact","source":"tass-947551","note":{"en":"` + note + `","authentic":"en"}}`
}

func TestFigureImportRefusesMalformedInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fig.db")
	expect(t, run(t, nil, "demo", "--db", db, "--quiet"), 0)
	good := figure("f-good", "5", "counted")
	jsonCases := []inputCase{
		{name: "duplicate name", file: "[\n" + good + ",\n" + strings.Replace(figure("f2", "5", "x"), `"value":5`, `"value":5,"value":500`, 1) + "\n]",
			line: 3, says: `the member name "value" appears twice`},
		{name: "integer above 2^53", file: good + "\n" + figure("f2", "9007199254740993", "x"), line: 2, says: "above 2^53 and is not a double"},
		{name: "value above 2^53-1", file: figure("f2", "1e308", "x"), line: 1, says: "is above 9007199254740991 (2^53 − 1)"},
		{name: "totals overflow", file: strings.Replace(figure("f2", "9007199254740991", "x"), `"year"`, `"state":"RU","year"`, 1) + "\n" +
			strings.Replace(figure("f3", "9007199254740991", "x"), `"year":2019`, `"state":"RU","year":2018`, 1),
			says: "the totals of operation channel cannot be computed"},
		{name: "latin-1", file: good + "\n" + figure("f2", "5", "caf\xe9"), line: 2, says: "byte 0xE9 is not UTF-8"},
		{name: "NUL", file: figure("f2", "5", `a\u0000b`), line: 1, says: "note: NUL (U+0000)"},
		{name: "ESC", file: figure("f2", "5", `\u001b[2KFORGED`), line: 1, says: "note: ESC (U+001B)"},
		{name: "BEL", file: figure("f2", "5", "ding\\u0007"), line: 1, says: "note: BEL (U+0007)"},
		{name: "bidi override", file: "[" + good + ",\n\n" + figure("f2", "5", "\u202eabc") + "]", line: 3, says: "U+202E RIGHT-TO-LEFT OVERRIDE"},
		{name: "empty", file: "", says: "the file holds no figure"},
		{name: "empty array", file: "[ ]", says: "the file holds no figure"},
		{name: "over 64 MiB", stream: func() io.Reader { return repeated("[", " ", 64<<20, good+"]") },
			says: "the file of figures is larger than 64 MiB: it is refused whole"},
	}
	refuses(t, db, "json", jsonCases, "import", "--format", "figures-json", "FILE")

	// The text goes in the stage column: a CSV has no column for a text in two languages.
	row := func(id, value, stage string) string {
		return id + ",channel,2019,drugs_seized," + value + ",exact,tass-947551," + stage + "\n"
	}
	csvCases := []inputCase{
		{name: "latin-1", file: figureHeader + row("f1", "5", "ok") + row("f2", "5", "caf\xe9"), line: 3, says: "stage: byte 0xE9 at character 4 is not UTF-8"},
		{name: "ESC", file: figureHeader + row("f2", "5", "\x1b[2KFORGED"), line: 2, says: "stage: ESC (U+001B)"},
		{name: "NUL", file: figureHeader + row("f2", "5", "a\x00"), line: 2, says: "stage: NUL (U+0000)"},
		{name: "bidi override", file: figureHeader + row("f2", "5", "\u2067x"), line: 2, says: "U+2067 RIGHT-TO-LEFT ISOLATE"},
		{name: "value above 2^53-1", file: figureHeader + row("f2", "9007199254740993", "x"), line: 2, says: "above 9007199254740991"},
		{name: "header only", file: figureHeader, says: "the file holds no figure"},
		{name: "line over 64 KiB", file: figureHeader + row("f2", "5", strings.Repeat("y", 70<<10)), line: 2, says: "a record longer than 64 KiB"},
		{name: "over 64 MiB", stream: func() io.Reader {
			// Good lines whose stage is blank, so that the file's size is what stops it.
			return repeated(figureHeader, row("f", "5", strings.Repeat(" ", 60<<10)), 64<<20, "")
		}, says: "the file of figures is larger than 64 MiB: it is refused whole"},
	}
	refuses(t, db, "csv", csvCases, "import", "--format", "figures-csv", "FILE")
	expect(t, run(t, nil, "verify", "--db", db), 0, "ok:")
	// A good file loads, and the operation's totals stay readable.
	good2 := filepath.Join(t.TempDir(), "good.json")
	os.WriteFile(good2, []byte(good), 0o600)
	expect(t, run(t, nil, "import", "--format", "figures-json", good2, "--db", db), 0, "loaded 1 result figure from")
	expect(t, run(t, nil, "get", "operation", "channel", "--db", db, "--json"), 0, `"f-good"`)
}

const unRollCalls = "rcid,session,importantvote,date,unres,amend,para,short,descr\n" +
	"3,1,0,1946-01-01,R/1/66,1,0,AMENDMENTS,\"A description\"\n"

func TestUNConverterRefusesMalformedInput(t *testing.T) {
	votesHeader := "rcid,country,country_code,vote\n"
	cases := []struct {
		name, calls, votes string
		line               int // the line of the file named in says
		says               string
	}{
		{"latin-1 country", unRollCalls, votesHeader + "3,United States,US,yes\n3,C\xf4te d'Ivoire,CI,no\n", 3, "un_votes.csv line 3: country: byte 0xF4"},
		{"ESC in a vote", unRollCalls, votesHeader + "3,United States,US,yes\x1b[2K\n", 2, "un_votes.csv line 2: vote: ESC (U+001B)"},
		{"bidi override", unRollCalls, votesHeader + "3,\u202eUnited States,US,yes\n", 2, "un_votes.csv line 2: country: a bidirectional control (U+202E"},
		{"NUL in a date", strings.Replace(unRollCalls, "1946-01-01", "1946-01-0\x00", 1), votesHeader + "3,United States,US,yes\n", 2, "un_roll_calls.csv line 2: date: NUL"},
		{"latin-1 description", strings.Replace(unRollCalls, "A description", "D\xe9claration", 1), votesHeader + "3,United States,US,yes\n", 2, "un_roll_calls.csv line 2: descr: byte 0xE9"},
		{"line over 64 KiB", unRollCalls, votesHeader + "3," + strings.Repeat("U", 70<<10) + ",US,yes\n", 2, "un_votes.csv: line 2: a record longer than 64 KiB"},
		{"no votes", unRollCalls, votesHeader, 0, "un_votes.csv has a header and nothing else"},
		{"no roll calls", "rcid,session,importantvote,date,unres,amend,para,short,descr\n", votesHeader + "3,United States,US,yes\n", 0, "un_roll_calls.csv has a header and nothing else"},
		{"empty", unRollCalls, "", 0, "un_votes.csv is empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "un_roll_calls.csv"), []byte(c.calls), 0o600)
			os.WriteFile(filepath.Join(dir, "un_votes.csv"), []byte(c.votes), 0o600)
			out := filepath.Join(dir, "out.csv")
			r := run(t, nil, "convert", "unvotes", dir, "--out", out)
			expect(t, r, 1, c.says)
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Fatal("the refused conversion left its output file")
			}
		})
	}
	// Over the size limit: un_votes.csv is a pipe that never stops, and every line would
	// be kept, so only the limit stops it.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "un_roll_calls.csv"), []byte(unRollCalls), 0o600)
	fifo := filepath.Join(dir, "un_votes.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		io.Copy(w, repeated(votesHeader, "3,"+strings.Repeat("U", 60<<10)+",US,yes\n", 1<<40, ""))
	}()
	out := filepath.Join(dir, "out.csv")
	expect(t, run(t, nil, "convert", "unvotes", dir, "--out", out), 1, "un_votes.csv is larger than 64 MiB: it is refused whole")
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("the refused conversion left its output file")
	}
	// Control characters in the PDF-extracted descriptions become spaces, and are
	// reported by line.
	os.Remove(fifo)
	os.WriteFile(filepath.Join(dir, "un_roll_calls.csv"), []byte(strings.Replace(unRollCalls, "A description", "A de\bscription", 1)), 0o600)
	os.WriteFile(fifo, []byte(votesHeader+"3,United States,US,yes\n"), 0o600)
	expect(t, run(t, nil, "convert", "unvotes", dir, "--out", out), 0, "replaced 1 control character with spaces in the description of 1 roll call (un_roll_calls.csv line 2)")
}

// The foreword is outside text too: one file, refused with its line.
func TestForewordRefusesMalformedText(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fw.db")
	expect(t, run(t, nil, "demo", "--db", db, "--quiet"), 0)
	refuses(t, db, "foreword", []inputCase{
		{name: "latin-1", file: "A tense year.\r\nCaf\xe9 diplomacy.\r\n", line: 2, says: "byte 0xE9 at character 4 is not UTF-8"},
		{name: "ESC", file: "A tense year.\n\n\x1b[2KFORGED", line: 3, says: "ESC (U+001B) at character 1"},
		{name: "bidi override", file: "\u202eraey esnet A", line: 1, says: "U+202E RIGHT-TO-LEFT OVERRIDE"},
		{name: "too long", file: strings.Repeat("A tense year. ", 20_000), says: "is longer than 200000 bytes"},
	}, "foreword", "--year", "2019", "--file", "FILE")
	// Windows line ends are line ends.
	ok := filepath.Join(t.TempDir(), "ok.txt")
	os.WriteFile(ok, []byte("A tense year.\r\nAnd a long one.\r\n"), 0o600)
	expect(t, run(t, nil, "foreword", "--year", "2019", "--file", ok, "--db", db), 0, "recorded the foreword")
}
