package safetext

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestProblemNamesTheFirstBadCharacter(t *testing.T) {
	for _, c := range []struct{ in, says string }{
		{"plain", ""},
		{"Кыргызстан — «ОДКБ»\tтаб\nстрока", ""},
		{"Côte d\u2019Ivoire", ""},
		{"\u200fعربي\u200e", ""}, // marks pass: they belong in right-to-left names
		{"a\x00b", "NUL (U+0000) at character 2"},
		{"bell\x07", "BEL (U+0007) at character 5"},
		{"\x1b[2KFORGED", "ESC (U+001B) at character 1"},
		{"line\rover", "CR (U+000D) at character 5"},
		{"del\x7f", "DEL (U+007F)"},
		{"c1\u009b", "a control character (U+009B)"},
		{"abc\u202Etxt.exe", "U+202E RIGHT-TO-LEFT OVERRIDE) at character 4"},
		{"x\u2066y", "U+2066 LEFT-TO-RIGHT ISOLATE"},
		{"caf\xe9", "byte 0xE9 at character 4 is not UTF-8"},
		{"\xc3", "byte 0xC3 at character 1 is not UTF-8"},
	} {
		got := Problem(c.in)
		if c.says == "" && got != "" || !strings.Contains(got, c.says) {
			t.Errorf("Problem(%q) = %q, want %q", c.in, got, c.says)
		}
	}
}

func TestLineProblemNamesTheLine(t *testing.T) {
	if line, p := LineProblem("one\ntwo\nth\x1bree"); line != 3 || !strings.Contains(p, "ESC (U+001B) at character 3") {
		t.Fatalf("line %d: %q", line, p)
	}
	if line, p := LineProblem("one\ntwo"); line != 0 || p != "" {
		t.Fatalf("clean text: line %d: %q", line, p)
	}
}

func TestEscapeLeavesNoControlAndKeepsText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Решение № 5\tвыполнено\n", "Решение № 5\tвыполнено\n"},
		{"\x1b[2K\rFORGED", `\x1b[2K\x0dFORGED`},
		{"a\r\nb", "a\r\nb"},
		{"end\r", `end\x0d`},
		{"\x00\x07\x7f", `\x00\x07\x7f`},
		{"\u202Eexe.txt", `\u202eexe.txt`},
		{"\u0085", `\u0085`},
		{"caf\xe9", `caf\xe9`},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// JSON passed through the escape keeps its meaning: what JSON leaves raw and a terminal
// would obey (C1 controls, bidirectional overrides) becomes a JSON escape.
func TestEscapedJSONDecodesToTheSameValue(t *testing.T) {
	v := map[string]string{"title": "A\u202Eb\u0085c\x1b[2K\u2069 «d»"}
	raw, _ := json.Marshal(v)
	esc := Escape(string(raw))
	for _, r := range esc {
		if Unsafe(r) {
			t.Fatalf("escaped JSON still holds %U: %s", r, esc)
		}
	}
	var back map[string]string
	if err := json.Unmarshal([]byte(esc), &back); err != nil || back["title"] != v["title"] {
		t.Fatalf("escaped JSON %s decodes to %q, %v", esc, back["title"], err)
	}
}

// The writer judges a character split across writes whole, and holds a carriage return
// until it knows whether a line feed follows.
func TestWriterJoinsSplitCharacters(t *testing.T) {
	in := "Кыргызстан\u202E\r\nend\r"
	var out bytes.Buffer
	w := NewWriter(&out)
	for i := 0; i < len(in); i++ {
		if n, err := w.Write([]byte{in[i]}); n != 1 || err != nil {
			t.Fatal(n, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := Escape(in); out.String() != want {
		t.Fatalf("byte by byte: %q, want %q", out.String(), want)
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[2K\rFORGED", "a\r\nb", "\u202Ex", "caf\xe9", "Кыр\xd0", "\r"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, chunk int) {
		esc := Escape(s)
		if !utf8.ValidString(esc) {
			t.Fatalf("Escape(%q) = %q is not UTF-8", s, esc)
		}
		for i, r := range esc {
			if Unsafe(r) && !(r == '\r' && strings.HasPrefix(esc[i:], "\r\n")) {
				t.Fatalf("Escape(%q) = %q still holds %U", s, esc, r)
			}
		}
		if Problem(s) == "" && esc != s {
			t.Fatalf("Escape changed text with no problem: %q → %q", s, esc)
		}
		// Written in chunks, the writer gives what Escape gives.
		chunk = 1 + (chunk%16+16)%16
		var out bytes.Buffer
		w := NewWriter(&out)
		for i := 0; i < len(s); i += chunk {
			w.Write([]byte(s[i:min(i+chunk, len(s))]))
		}
		w.Flush()
		if out.String() != esc {
			t.Fatalf("Writer(%q, chunks of %d) = %q, Escape gives %q", s, chunk, out.String(), esc)
		}
	})
}
