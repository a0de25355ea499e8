package search

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseReadsTheSyntaxPeopleKnow(t *testing.T) {
	cases := []struct {
		in   string
		want Query
	}{
		{`решения Совета`, Query{Groups: [][]Phrase{{{"решен"}}, {{"совет"}}}}},
		{`"joint operations" -drills`, Query{Groups: [][]Phrase{{{"joint", "oper"}}}, Not: []Phrase{{"drill"}}}},
		{`terrorism OR extremism migration`, Query{Groups: [][]Phrase{{{"terror"}, {"extrem"}}, {{"migrat"}}}}},
		{`-"joint staff" decided`, Query{Groups: [][]Phrase{{{"decid"}}}, Not: []Phrase{{"joint", "staff"}}}},
		{`"unclosed phrase`, Query{Groups: [][]Phrase{{{"unclos", "phrase"}}}}},
		{`OR ISIS`, Query{Groups: [][]Phrase{{{"isi"}}}}}, // a leading OR has nothing to offer an alternative to
		{`COVID-19`, Query{Groups: [][]Phrase{{{"covid", "19"}}}}},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %+v, want %+v", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"", "   ", "-only -exclusions", `""`, "?!…", strings.Repeat("a ", 300), "\xff"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("%.30q was accepted", bad)
		}
	}
}

func TestSnippetMarksTheMatchingWordsAsWritten(t *testing.T) {
	q, err := Parse("решение пограничный")
	if err != nil {
		t.Fatal(err)
	}
	text := "Совет коллективной безопасности принял Решения о мерах на таджикско-афганской границе;\nпограничные войска."
	got := Snippet(text, q.Terms())
	var b strings.Builder
	for _, s := range got {
		if s.Hit {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	want := "Совет коллективной безопасности принял [Решения] о мерах на таджикско-афганской границе; [пограничные] войска."
	if b.String() != want {
		t.Fatalf("snippet:\n got  %s\n want %s", b.String(), want)
	}
	if Snippet("nothing here", q.Terms()) != nil {
		t.Fatal("a text without a match gave a snippet")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`решения Совета`, `"joint operations" -drills`, `a OR b OR c`, `-"x`, `"""`, `OR`, `- -`, "\x00", `ISIS`, `"ё" -ё`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		if len(q.Groups) == 0 {
			t.Fatalf("%q parsed with nothing to look for", s)
		}
		for _, g := range q.Groups {
			for _, p := range g {
				if len(p) == 0 {
					t.Fatalf("%q: an empty phrase", s)
				}
				for _, term := range p {
					// The store quotes every term in its database's query syntax; a term
					// never holds white space or a double quote, which would end it.
					if term == "" || strings.ContainsAny(term, " \t\n\"") {
						t.Fatalf("%q: the term %q could break the index's query syntax", s, term)
					}
				}
			}
		}
		_ = Snippet(s, q.Terms())
	})
}
