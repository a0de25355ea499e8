package store

import (
	"errors"
	"fmt"
	"net/url"
	"secretariat/internal/search"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"secretariat"
)

// dialect is what differs between the databases the store runs on, in one place: how
// statements number their placeholders, and the SQL of the few JSON and text functions
// the queries use. The rest of the store's SQL is written once, for both.
type dialect interface {
	// name is "sqlite" or "postgres", as the migrations' folders are named.
	name() string
	// rebind rewrites a statement written with ? placeholders for the database.
	rebind(q string) string
	// jsonText is the text at a fixed path of a JSON document column, such as
	// jsonText("doc", "until") or jsonText("doc", "title", "en"); NULL when absent.
	jsonText(expr string, path ...string) string
	// jsonTextAt is the text at a path given as a parameter (one placeholder), whose
	// argument pathArg makes of a dotted path; a number or a boolean as text.
	jsonTextAt(expr string) string
	// pathArg is the argument of a path placeholder: "a.b" as the database writes paths.
	pathArg(path string) any
	// jsonHas is a condition: the list at a path (a placeholder, pathArg) holds a value
	// (a second placeholder), compared as text.
	jsonHas(expr string) string
	// jsonLength is the length of the list at a fixed path, NULL when absent.
	jsonLength(expr, field string) string
	// fold is secretariat.Fold in SQL: lower case in every alphabet, ё as е.
	fold(expr string) string
	// boolText is how jsonText reads a JSON boolean.
	boolText(b bool) string
	// jsonValue is the JSON text of the value at a top-level field (an object, a list),
	// NULL when absent.
	jsonValue(expr, field string) string
	// columnsSQL lists a table's columns (the table's name a placeholder) in order, each
	// with 2 or 3 when it is generated, as SQLite's table_xinfo says "hidden".
	columnsSQL() string
	// same is a condition: two values are equal, NULL equal to NULL.
	same(a, b string) string
	// liveColumnsSQL lists a table's columns (a placeholder) in the schema live names.
	liveColumnsSQL(live string) string
	// citedSHA256SQL selects the sha256 of every document a table's records cite.
	citedSHA256SQL(table string) string
	// orderedJoin is the inner join that keeps its left table outside: SQLite's CROSS
	// JOIN, which its planner never reorders; PostgreSQL's planner is left to choose.
	orderedJoin() string
	// searchMatch is how a search query reads in the database; with title, the
	// condition matches in titles only.
	searchMatch(q search.Query, title bool) searchSQL
	// jsonListHas is a condition: the list of objects at a top-level field holds one whose
	// field key equals a value (one placeholder).
	jsonListHas(expr, list, key string) string
}

// sqliteDialect is SQLite's: ? placeholders and its JSON functions.
type sqliteDialect struct{}

func (sqliteDialect) name() string           { return "sqlite" }
func (sqliteDialect) rebind(q string) string { return q }
func (sqliteDialect) jsonText(expr string, path ...string) string {
	return "json_extract(" + expr + ", '$." + strings.Join(path, ".") + "')"
}
func (sqliteDialect) jsonTextAt(expr string) string {
	return "CAST(json_extract(" + expr + ", ?) AS TEXT)"
}
func (sqliteDialect) pathArg(path string) any { return "$." + path }
func (sqliteDialect) jsonHas(expr string) string {
	return "EXISTS (SELECT 1 FROM json_each(" + expr + ", ?) WHERE CAST(value AS TEXT) = CAST(? AS TEXT))"
}
func (sqliteDialect) jsonLength(expr, field string) string {
	return "json_array_length(" + expr + ", '$." + field + "')"
}
func (sqliteDialect) fold(expr string) string { return "fold(" + expr + ")" }
func (sqliteDialect) jsonValue(expr, field string) string {
	return "json_extract(" + expr + ", '$." + field + "')"
}
func (sqliteDialect) jsonListHas(expr, list, key string) string {
	return "EXISTS (SELECT 1 FROM json_each(" + expr + ", '$." + list + "') WHERE json_extract(value, '$." + key + "') = ?)"
}
func (sqliteDialect) columnsSQL() string {
	return `SELECT name, hidden FROM pragma_table_xinfo(?) ORDER BY cid`
}
func (sqliteDialect) same(a, b string) string { return a + " IS " + b }

// searchSQL is a search query in a database's SQL.
type searchSQL struct {
	// from is the tables to search (search_doc aliased d), match the condition that
	// matches, rank the rank (lower is better), newest what orders the matches newest
	// last, in an order the index yields them in without sorting where it can.
	from, match, rank, newest string
	// matchArgs and rankArgs are the arguments of match and of rank.
	matchArgs, rankArgs []any
}

// searchMatch writes an FTS5 query (search.Query.FTS5): in titles only, through the
// column filter. BM25 weighs the title ten times the words. FTS5 yields its matches in
// the order of their rowids, the last indexed first when asked, without a sort.
func (sqliteDialect) searchMatch(q search.Query, title bool) searchSQL {
	column := ""
	if title {
		column = "title"
	}
	return searchSQL{from: "search_fts f JOIN search_doc d ON d.rowid = f.rowid", match: "search_fts MATCH ?", matchArgs: []any{q.FTS5(column)},
		rank: "bm25(search_fts, 10.0, 1.0)", newest: "f.rowid"}
}
func (sqliteDialect) orderedJoin() string { return "CROSS JOIN" }
func (sqliteDialect) liveColumnsSQL(live string) string {
	return `SELECT name, hidden FROM pragma_table_xinfo(?, '` + live + `') ORDER BY cid`
}
func (sqliteDialect) citedSHA256SQL(table string) string {
	return `SELECT t.value FROM ` + table + ` r, json_tree(r.doc) t WHERE t.key = 'sha256' AND t.type = 'text'`
}
func (sqliteDialect) boolText(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// applicationID marks a SQLite file as a secretariat database ("SECR"), so that the
// program can refuse files of other applications before it writes anything.
const applicationID = 0x53454352

// sqliteHeader is the first 16 bytes of every SQLite 3 database file.
const sqliteHeader = "SQLite format 3\x00"

// dsn builds a modernc.org/sqlite connection string. Readers open the file read-only;
// the writer takes the write lock at BEGIN (immediate), so that two writers wait for each
// other instead of failing halfway through a transaction.
func dsn(path string, readOnly bool, busy time.Duration) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// A 64 MiB page cache keeps a long import's dirty pages in memory instead of
	// spilling them to the WAL page by page; readers also map the file.
	q.Add("_pragma", "cache_size(-65536)")
	// Savepoints (one per verb in a batch) keep their sub-journal in memory, not in a
	// temporary file written page by page.
	q.Add("_pragma", "temp_store(MEMORY)")
	if readOnly {
		q.Add("_pragma", "mmap_size(268435456)")
		q.Set("mode", "ro")
	} else {
		q.Set("mode", "rw")
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// sqliteCode returns the extended SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// classify turns a driver error into an application error where the cause is one a
// person can act on, and wraps anything else with what was being done.
func classify(err error, doing string) error {
	if err == nil {
		return nil
	}
	var ae *secretariat.Error
	if errors.As(err, &ae) {
		return err
	}
	if pe, ok := isPgError(err); ok {
		return classifyPostgres(pe, doing, err)
	}
	code := sqliteCode(err)
	switch {
	case code&0xff == sqlite3.SQLITE_BUSY || code&0xff == sqlite3.SQLITE_LOCKED:
		return secretariat.Errorf(secretariat.ECONFLICT, "%s: the database is locked by another process; try again when it has finished", doing)
	case code&0xff == sqlite3.SQLITE_CORRUPT || code == sqlite3.SQLITE_NOTADB:
		return secretariat.Errorf(secretariat.EINVALID, "%s: the database file is corrupt (%v); restore it from a backup", doing, err)
	case code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return secretariat.Errorf(secretariat.ECONFLICT, "%s: a record with the same key already exists", doing)
	case code == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return secretariat.Errorf(secretariat.EINVALID, "%s: the record refers to a record that does not exist", doing)
	case code == sqlite3.SQLITE_CONSTRAINT_TRIGGER:
		return secretariat.Errorf(secretariat.EFORBIDDEN, "%s: %v", doing, err)
	case code == sqlite3.SQLITE_READONLY:
		return secretariat.Errorf(secretariat.EFORBIDDEN, "%s: the database file is read-only", doing)
	case code == sqlite3.SQLITE_FULL:
		return secretariat.Errorf(secretariat.EINTERNAL, "%s: the disk is full", doing)
	}
	if strings.Contains(err.Error(), "unable to open database file") {
		return secretariat.Errorf(secretariat.EINVALID, "%s: cannot open the database file (%v)", doing, err)
	}
	return fmt.Errorf("%s: %w", doing, err)
}
