package search

import "testing"

// The query reads the same in both databases' syntaxes; a stem that holds a database's
// quote or escape is quoted as a word, never read as syntax.
func TestQueriesAreWrittenInBothDatabasesSyntax(t *testing.T) {
	q := Query{Groups: [][]Phrase{{{"joint", "oper"}, {"drill"}}, {{"o'neil"}}, {{`a\b"c`}}}, Not: []Phrase{{"staff"}, {"x", "y"}}}
	cases := []struct{ name, got, want string }{
		{"FTS5", q.FTS5(""), `("joint oper" OR "drill") AND ("o'neil") AND ("a\b""c") NOT "staff" NOT "x y"`},
		{"FTS5 in titles", q.FTS5("title"), `{title} : (("joint oper" OR "drill") AND ("o'neil") AND ("a\b""c")) NOT "staff" NOT "x y"`},
		{"tsquery", q.TSQuery(), `(('joint' <-> 'oper') | ('drill')) & (('o''neil')) & (('a\\b"c')) & !('staff') & !('x' <-> 'y')`},
	}
	groups, not := q.TSQueryParts()
	cases = append(cases,
		struct{ name, got, want string }{"tsquery groups", groups, `(('joint' <-> 'oper') | ('drill')) & (('o''neil')) & (('a\\b"c'))`},
		struct{ name, got, want string }{"tsquery exclusions", not, `!('staff') & !('x' <-> 'y')`})
	if only := (Query{Groups: [][]Phrase{{{"decid"}}}}); only.TSQuery() != `(('decid'))` {
		t.Errorf("without exclusions: %s", only.TSQuery())
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, c.got, c.want)
		}
	}
}
