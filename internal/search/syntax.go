package search

import "strings"

// FTS5 writes the query in SQLite FTS5's syntax: each group in parentheses, its phrases
// joined by OR, the groups by AND, the excluded phrases after NOT; every phrase in double
// quotes, so that no stem is read as FTS5 syntax. With a column, the groups are sought in
// that column only, and the exclusions still everywhere: they exclude a word wherever it
// is.
func (q Query) FTS5(column string) string {
	phrase := func(p Phrase) string {
		return `"` + strings.ReplaceAll(strings.Join(p, " "), `"`, `""`) + `"`
	}
	expr := strings.Join(q.groups(phrase, " OR "), " AND ")
	if column != "" {
		expr = "{" + column + "} : (" + expr + ")"
	}
	for _, p := range q.Not {
		expr += " NOT " + phrase(p)
	}
	return expr
}

// TSQuery writes the query as one PostgreSQL tsquery: its groups and its exclusions
// (TSQueryParts) joined by &.
func (q Query) TSQuery() string {
	groups, not := q.TSQueryParts()
	if not == "" {
		return groups
	}
	return groups + " & " + not
}

// TSQueryParts writes the query in PostgreSQL's tsquery syntax as two parts, for a
// search that seeks the groups in one vector and excludes words from another: the groups
// (phrases with <->, alternatives with |, groups with &) and the exclusions (each with !,
// joined by &; empty when there are none). Every stem is quoted, so that none is read as
// syntax.
func (q Query) TSQueryParts() (groups, not string) {
	phrase := func(p Phrase) string {
		terms := make([]string, len(p))
		for i, t := range p {
			terms[i] = "'" + strings.ReplaceAll(strings.ReplaceAll(t, `\`, `\\`), "'", "''") + "'"
		}
		return "(" + strings.Join(terms, " <-> ") + ")"
	}
	ns := make([]string, len(q.Not))
	for i, p := range q.Not {
		ns[i] = "!" + phrase(p)
	}
	return strings.Join(q.groups(phrase, " | "), " & "), strings.Join(ns, " & ")
}

// groups writes each group as its phrases, each written by phrase, joined by or, in
// parentheses.
func (q Query) groups(phrase func(Phrase) string, or string) []string {
	out := make([]string, len(q.Groups))
	for i, g := range q.Groups {
		alts := make([]string, len(g))
		for j, p := range g {
			alts[j] = phrase(p)
		}
		out[i] = "(" + strings.Join(alts, or) + ")"
	}
	return out
}
