package analyze

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// sameTerm asserts that every word in words analyzes to the single term want.
func sameTerm(t *testing.T, want string, words ...string) {
	t.Helper()
	for _, w := range words {
		got := Tokens(w)
		if len(got) != 1 || got[0] != want {
			t.Errorf("Tokens(%q) = %q, want [%q]", w, got, want)
		}
	}
}

func TestRussianWordForms(t *testing.T) {
	sameTerm(t, "решен", "решение", "решения", "решений", "решению", "решениями", "Решение", "РЕШЕНИЯ")
	sameTerm(t, "государств", "государство", "государства", "государств", "государствами")
	sameTerm(t, "стратег", "стратегия", "стратегии", "стратегией")
}

// English Snowball (Porter2) does not conflate a verb with its derived noun (the verb
// forms meet at "decid", the noun forms at "decis"); conflate joins the nouns in -sion to
// their verbs, so that "decide" finds "decisions".
func TestEnglishWordForms(t *testing.T) {
	sameTerm(t, "decid", "decide", "decided", "decides", "deciding", "decision", "decisions", "Decision")
	sameTerm(t, "council", "council", "councils", "Council's", "Council’s")
}

func TestYoFolding(t *testing.T) {
	sameTerm(t, "елк", "ёлка", "Ёлка", "елка", "ЁЛКИ")
	// Decomposed ё (е + U+0308) and й (и + U+0306), as pasted from some editors.
	sameTerm(t, "елк", "е\u0308лка")
	sameTerm(t, "йод", "йод", "и\u0306од")
	// Stress marks are not spelling.
	sameTerm(t, "замок", "за\u0301мок")
	if got := Tokens("её"); len(got) != 1 || got[0] != Tokens("ее")[0] {
		t.Errorf("Tokens(её) = %q, want same as ее", got)
	}
}

func TestSplitting(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"государств-членов", []string{"государств", "член"}},
		{"Secretary-General", []string{"secretari", "general"}},
		{"COVID-19", []string{"covid", "19"}},
		{"ОДКБ", []string{"одкб"}},
		{"на 2019–2021 годы", []string{"на", "2019", "2021", "год"}},
		// Numbers and codes with digits are kept verbatim, not stemmed.
		{"G20 A/RES/60/288", []string{"g20", "a", "res", "60", "288"}},
		// A Latin look-alike inside a Cyrillic word still gets the Russian stemmer.
		{"Сirия", []string{"сirи"}},
		// Snowball reads "Канал" as a past-tense verb (-л) and gives "кана",
		// while "Каналом" gives "канал": a known stemmer misfire, pinned
		// here so it is not mistaken for a tokenizer bug.
		{"операцию «Канал» каналом", []string{"операц", "кана", "канал"}},
		{"", nil},
		{" \t—,.«» ", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStemmed(t *testing.T) {
	got := Stemmed("Решения Совета, принятые в 2020 году")
	want := "решен совет принят в 2020 год"
	if got != want {
		t.Errorf("Stemmed = %q, want %q", got, want)
	}
	if Stemmed("") != "" {
		t.Error("Stemmed of empty text is not empty")
	}
}

func TestTermsDropsStopWords(t *testing.T) {
	got := Terms("План действий по реализации и также её решения for the implementation of the Strategy")
	want := []string{"план", "действ", "реализац", "решен", "implement", "strategi"}
	if !slices.Equal(got, want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
	if got := Terms("и в на the of"); len(got) != 0 {
		t.Errorf("Terms of stop words only = %q, want none", got)
	}
}

func TestOffsetsCyrillic(t *testing.T) {
	text := "Решение Совета ОДКБ: «Канал-2019», ёлка и Secretary-General’s"
	toks := TokensWithOffsets(text)
	wantWords := []string{"Решение", "Совета", "ОДКБ", "Канал", "2019", "ёлка", "и", "Secretary", "General’s"}
	if len(toks) != len(wantWords) {
		t.Fatalf("got %d tokens %v, want %d", len(toks), toks, len(wantWords))
	}
	for i, tok := range toks {
		if got := text[tok.Start:tok.End]; got != wantWords[i] {
			t.Errorf("token %d: text[%d:%d] = %q, want %q", i, tok.Start, tok.End, got, wantWords[i])
		}
		if tok.Term != Tokens(wantWords[i])[0] {
			t.Errorf("token %d: term %q, want %q", i, tok.Term, Tokens(wantWords[i])[0])
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	text := "реш\xffение \xd0 ok\xc3(\xa0\xa1"
	toks := TokensWithOffsets(text)
	// The invalid byte splits the word; "ение" alone stems to "ен".
	want := []string{"реш", "ен", "ok"}
	var got []string
	for _, tok := range toks {
		got = append(got, tok.Term)
		if !utf8.ValidString(text[tok.Start:tok.End]) {
			t.Errorf("token %q cuts invalid UTF-8: %q", tok.Term, text[tok.Start:tok.End])
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("terms = %q, want %q", got, want)
	}
	// A lone truncated multibyte sequence at the end must not panic either.
	_ = Tokens("решени\xd0")
}

func FuzzTokens(f *testing.F) {
	f.Add("Решение Совета коллективной безопасности")
	f.Fuzz(func(t *testing.T, s string) {
		toks := TokensWithOffsets(s)
		terms := Tokens(s)
		if len(terms) != len(toks) {
			t.Fatalf("Tokens gives %d terms, TokensWithOffsets %d", len(terms), len(toks))
		}
		prevEnd := 0
		for i, tok := range toks {
			if tok.Term == "" {
				t.Fatalf("token %d: empty term", i)
			}
			if tok.Term != terms[i] {
				t.Fatalf("token %d: %q != %q", i, tok.Term, terms[i])
			}
			if tok.Start < prevEnd || tok.Start >= tok.End || tok.End > len(s) {
				t.Fatalf("token %d: bad offsets [%d,%d) after %d in %d bytes", i, tok.Start, tok.End, prevEnd, len(s))
			}
			if !utf8.ValidString(s[tok.Start:tok.End]) {
				t.Fatalf("token %d: offsets cut invalid UTF-8", i)
			}
			prevEnd = tok.End
		}
		// Terms is Tokens minus stop words: an in-order subsequence.
		j := 0
		for _, term := range Terms(s) {
			for j < len(terms) && terms[j] != term {
				j++
			}
			if j == len(terms) {
				t.Fatalf("Terms is not a subsequence of Tokens")
			}
			j++
		}
		_ = Stemmed(s)
	})
}

// Words of one family find each other: the inflections Snowball joins, and the English
// nouns in -sion that conflate joins to their verbs.
func TestFamiliesShareATerm(t *testing.T) {
	for _, family := range [][]string{
		{"решение", "решения", "решений", "решениями", "РЕШЕНИЮ"},
		{"государство", "государства", "государств"},
		{"decide", "decided", "decides", "deciding", "decision", "decisions"},
		{"divide", "division", "divisions"},
		{"conclude", "conclusion", "concluded"},
		{"operation", "operations", "operational"},
	} {
		want := Tokens(family[0])
		for _, w := range family[1:] {
			if got := Tokens(w); len(got) != 1 || len(want) != 1 || got[0] != want[0] {
				t.Errorf("%q gives %v, %q gives %v: the family is split", family[0], want, w, got)
			}
		}
	}
	// And families apart stay apart.
	for _, pair := range [][2]string{{"decide", "divide"}, {"precise", "provide"}, {"решение", "решетка"}} {
		if a, b := Tokens(pair[0]), Tokens(pair[1]); a[0] == b[0] {
			t.Errorf("%q and %q share the term %q", pair[0], pair[1], a[0])
		}
	}
}
