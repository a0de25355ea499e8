package store

import (
	"secretariat/internal/search"
	"strconv"
	"strings"
	"sync"
)

// postgresDialect is PostgreSQL's: numbered placeholders, and the documents (kept as the
// canonical text, never jsonb, which would reorder keys and break the hashes) read
// through casts to jsonb.
type postgresDialect struct{}

func (postgresDialect) name() string { return "postgres" }

// rebound caches rebind's work: the store's statements are a fixed set of texts.
var rebound sync.Map // string → string

// rebind numbers the ? placeholders outside quoted text: `a = ? AND b = '?'` becomes
// `a = $1 AND b = '?'`.
func (postgresDialect) rebind(q string) string {
	if r, ok := rebound.Load(q); ok {
		return r.(string)
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	r := b.String()
	rebound.Store(q, r)
	return r
}

func pgPath(path []string) string {
	return "'{" + strings.Join(path, ",") + "}'"
}

func (postgresDialect) jsonText(expr string, path ...string) string {
	return "(" + expr + "::jsonb #>> " + pgPath(path) + ")"
}
func (postgresDialect) jsonTextAt(expr string) string { return "(" + expr + "::jsonb #>> ?::text[])" }
func (postgresDialect) pathArg(path string) any {
	return "{" + strings.ReplaceAll(path, ".", ",") + "}"
}
func (postgresDialect) jsonHas(expr string) string {
	return "EXISTS (SELECT 1 FROM jsonb_array_elements_text(coalesce(" + expr + "::jsonb #> ?::text[], '[]')) v WHERE v = CAST(? AS TEXT))"
}
func (postgresDialect) jsonLength(expr, field string) string {
	return "jsonb_array_length(" + expr + "::jsonb -> '" + field + "')"
}
func (postgresDialect) fold(expr string) string { return "fold(" + expr + ")" }
func (postgresDialect) boolText(b bool) string  { return strconv.FormatBool(b) }
func (postgresDialect) jsonValue(expr, field string) string {
	return "((" + expr + "::jsonb -> '" + field + "')::text)"
}
func (postgresDialect) jsonListHas(expr, list, key string) string {
	return "EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(" + expr + "::jsonb -> '" + list + "', '[]')) e WHERE e ->> '" + key + "' = ?)"
}

// columnsSQL reads the catalog rather than information_schema, whose views cost tens of
// milliseconds a query: the store reads every kind's columns when it opens.
func (postgresDialect) columnsSQL() string {
	return `SELECT a.attname, CASE WHEN a.attgenerated = 's' THEN 3 ELSE 0 END FROM pg_attribute a
		JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`
}
func (postgresDialect) same(a, b string) string { return a + " IS NOT DISTINCT FROM " + b }
func (postgresDialect) liveColumnsSQL(live string) string {
	return `SELECT a.attname, CASE WHEN a.attgenerated = 's' THEN 3 ELSE 0 END FROM pg_attribute a
		JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = '` + strings.Trim(live, `"`) + `' AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`
}
func (postgresDialect) citedSHA256SQL(table string) string {
	return `SELECT h #>> '{}' FROM ` + table + ` r, jsonb_path_query(r.doc::jsonb, 'strict $.**.sha256') h WHERE jsonb_typeof(h) = 'string'`
}
func (postgresDialect) orderedJoin() string { return "JOIN" }

// searchMatch writes a tsquery of the same stems (search.Query.TSQuery). ts_rank weighs
// the title (A) above the words (B); negated, so that lower is better. In titles only,
// the groups are sought in the titles' own vector (migration 0010, so that the planner
// knows how often titles hold them), and the exclusions in the whole of tsv, since they
// exclude a word wherever it is. The GIN indexes yield their matches in no order: the
// newest, the last written, come from the index on seq.
func (postgresDialect) searchMatch(q search.Query, title bool) searchSQL {
	all := q.TSQuery()
	m := searchSQL{from: "search_doc d", match: "d.tsv @@ to_tsquery('simple', ?)", matchArgs: []any{all},
		rank: "-ts_rank(d.tsv, to_tsquery('simple', ?), 0)", rankArgs: []any{all}, newest: "d.seq"}
	if title {
		groups, not := q.TSQueryParts()
		m.match, m.matchArgs = "d.title_tsv @@ to_tsquery('simple', ?)", []any{groups}
		if not != "" {
			m.match += " AND d.tsv @@ to_tsquery('simple', ?)"
			m.matchArgs = append(m.matchArgs, not)
		}
	}
	return m
}
