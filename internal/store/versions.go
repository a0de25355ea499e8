package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"secretariat"
)

// Every version of every record is kept: the current one in the live table, each replaced
// one in KIND_history with the journal range in which it was current (migration 0004: a
// trigger on the live table writes it). A store "as of" a journal entry reads the
// versions current then, from both, so time travel is an indexed query that costs about
// what a live read costs, whatever the journal's length.

// tbl returns the table expression a read uses for a kind: the live table, or, for a
// store as of an entry, the versions that were current at that entry. Callers alias
// it (`FROM `+s.tbl("item")+` item`), so the two read the same.
func (s *Store) tbl(kind string) string {
	if !s.past {
		return table(kind)
	}
	quoted := make([]string, len(s.tableColumns[kind]))
	for i, c := range s.tableColumns[kind] {
		quoted[i] = quoteIdent(c)
	}
	cols := strings.Join(quoted, ", ")
	return fmt.Sprintf("(SELECT %[2]s FROM %[1]s WHERE seq <= %[3]d UNION ALL SELECT %[2]s FROM %[1]s_history WHERE seq <= %[3]d AND until_seq > %[3]d)",
		table(kind), cols, s.asOf)
}

// recordTables names every table of the record: the kinds, their versions, the links,
// the journal, the stored files, the schema version and the record's facts. Verify
// accounts for every row of each; a database table that is neither one of these nor an
// account table (AccountTables) is something verify reports.
func recordTables() []string {
	var out []string
	for _, k := range secretariat.Kinds() {
		out = append(out, k.Name, k.Name+"_history")
	}
	return append(out, "link", "search_doc", "journal", "file", "schema_migrations", "record_meta", "tree_hash", "checkpoint", "cosignature")
}

// indexTables are the tables SQLite's FTS5 keeps for the search index: derived from
// search_doc (which verify compares), rebuilt by Reindex.
var indexTables = []string{"search_fts", "search_fts_data", "search_fts_idx", "search_fts_docsize", "search_fts_config"}

// linkTable is the table expression of the references between records, live or as of
// the store's entry.
func (s *Store) linkTable() string {
	if !s.past {
		return "(SELECT * FROM link WHERE until_seq IS NULL)"
	}
	return fmt.Sprintf("(SELECT * FROM link WHERE seq <= %d AND (until_seq IS NULL OR until_seq > %d))", s.asOf, s.asOf)
}

// AsOf returns the record as it stood at time t: as of the last journal entry written
// before t. It shares s's connections and reads the versions tables; it cannot write.
// The progress argument is kept for callers of the replay this replaced and is not
// called: the read is one indexed query.
func (s *Store) AsOf(ctx context.Context, t time.Time, _ Progress) (*Store, error) {
	// Journal time never goes backwards, so the last entry before t in time order is the
	// last by number too: one probe of the time index.
	var seq int64
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT seq FROM journal WHERE at < ? ORDER BY at DESC, seq DESC LIMIT 1`, t.UTC().Format(timeLayout)).Scan(&seq)
	if err != nil && err != sql.ErrNoRows {
		return nil, classify(err, "finding the journal entry before "+t.Format(time.RFC3339))
	}
	return s.AsOfEntry(seq), nil
}

// AsOfEntry returns the record as journal entry seq left it (0: before the first entry).
func (s *Store) AsOfEntry(seq int64) *Store {
	past := *s
	past.writer, past.batch = nil, nil
	past.past, past.asOf = true, seq
	past.closer = func() error { return nil } // the connections are s's
	return &past
}

// ClosingAlso returns a store that reads as s does and closes parent when it is closed:
// the command line opens a record, reads it as of a date, and closes it when done.
func (s *Store) ClosingAlso(parent *Store) *Store {
	c := *s
	c.closer = parent.Close
	return &c
}

// AsOfSeq reports whether the store reads the record as of a journal entry, and which.
func (s *Store) AsOfSeq() (int64, bool) { return s.asOf, s.past }

// Link is a reference from one record to another, found from either end.
type Link struct {
	FromKind string `json:"from_kind"`
	FromID   string `json:"from_id"`
	// Path is the field that holds the reference, such as lineage[0].item.
	Path   string `json:"path"`
	ToKind string `json:"to_kind"`
	ToID   string `json:"to_id"`
}

// Referrers returns the references to a record that the link table holds (those not in
// an indexed column: lineage, task links, what answers a threat, sources cited, parties
// named…), from records the viewer may see, in the order of the referring records' IDs.
// References held in an indexed column (a position's item) are found with Find.
func (s *Store) Referrers(ctx context.Context, v secretariat.Viewer, kind, id string) ([]Link, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT from_kind, from_id, path, to_kind, to_id FROM `+s.linkTable()+` l
		WHERE to_kind = ? AND to_id = ? ORDER BY from_kind, from_id, path`, kind, id)
	if err != nil {
		return nil, classify(err, "finding what refers to "+kind+" "+id)
	}
	var links []Link
	for rows.Next() {
		var l Link
		if err := rows.Scan(&l.FromKind, &l.FromID, &l.Path, &l.ToKind, &l.ToID); err != nil {
			rows.Close()
			return nil, classify(err, "finding what refers to "+kind+" "+id)
		}
		links = append(links, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(err, "finding what refers to "+kind+" "+id)
	}
	// Keep the references from records the viewer may see.
	out := links[:0]
	seen := map[string]bool{}
	for _, l := range links {
		k := key(l.FromKind, l.FromID)
		visible, ok := seen[k]
		if !ok {
			_, err := s.getRaw(ctx, v, l.FromKind, l.FromID)
			if err != nil && secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
				return nil, err
			}
			visible = err == nil
			seen[k] = visible
		}
		if visible {
			out = append(out, l)
		}
	}
	return out, nil
}

// linkRef is one reference of a record that goes to the link table.
type linkRef struct{ path, kind, id string }

// linkFields lists, for each kind, the JSON names of the top-level fields that can hold a
// reference the link table keeps: every reference but a top-level single one, which a
// generated column holds (TestEveryReferenceIsIndexed checks that it does).
var linkFields = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for _, k := range secretariat.Kinds() {
		t := reflect.TypeOf(k.New()).Elem()
		for _, f := range planFor(t).fields {
			if f.embedded {
				for _, sub := range f.sub.fields {
					out[k.Name] = append(out[k.Name], sub.name)
				}
				continue
			}
			if f.slice || f.sub != nil || f.isRef {
				out[k.Name] = append(out[k.Name], f.name)
			}
		}
	}
	return out
})

// linksOf returns the references of a record's document that the link table keeps.
func linksOf(kind string, doc []byte) ([]linkRef, error) {
	fields := linkFields()[kind]
	found := false
	for _, f := range fields {
		if bytes.Contains(doc, []byte(`"`+f+`":`)) {
			found = true
			break
		}
	}
	if !found {
		return nil, nil // most documents of an import name no such field: skip decoding
	}
	info, ok := secretariat.LookupKind(kind)
	if !ok {
		return nil, unknownKind(kind)
	}
	rec := info.New()
	if err := decodeDoc(kind, "", doc, rec); err != nil {
		return nil, err
	}
	v := reflect.ValueOf(rec).Elem()
	var out []linkRef
	err := walkRefs(v, planFor(v.Type()), "", func(path, to, id string) error {
		if id != "" && (strings.ContainsAny(path, ".[") || isLinkField(fields, path)) {
			out = append(out, linkRef{path: path, kind: to, id: id})
		}
		return nil
	})
	return out, err
}

func isLinkField(fields []string, path string) bool {
	for _, f := range fields {
		if f == path {
			return true
		}
	}
	return false
}

// execer runs statements: a *sqlTx, a *db or a *sql.Conn.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// writeLinks records the references of one version of a record, written by entry seq:
// the record's earlier links stop being current, and the new ones start.
func writeLinks(ctx context.Context, ex execer, kind, id string, doc []byte, seq int64, isNew bool) error {
	refs, err := linksOf(kind, doc)
	if err != nil {
		return err
	}
	if !isNew {
		if _, err := ex.ExecContext(ctx, `UPDATE link SET until_seq = ? WHERE from_kind = ? AND from_id = ? AND until_seq IS NULL AND seq < ?`,
			seq, kind, id, seq); err != nil {
			return classify(err, "closing the links of "+kind+" "+id)
		}
	}
	for _, r := range refs {
		if _, err := ex.ExecContext(ctx, `INSERT INTO link(from_kind, from_id, path, to_kind, to_id, seq) VALUES (?,?,?,?,?,?)
			ON CONFLICT(from_kind, from_id, seq, path) DO UPDATE SET to_kind = excluded.to_kind, to_id = excluded.to_id`,
			kind, id, r.path, r.kind, r.id, seq); err != nil {
			return classify(err, "linking "+kind+" "+id)
		}
	}
	return nil
}

// fillVersions is migration 4's step: it fills the replaced versions and the links of a
// record made before them from its journal, and records from which entry the journal is
// canonicalized by RFC 8785. The record's current versions are its live rows already.
func fillVersions(ctx context.Context, tx *sqlTx) error {
	var head int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM journal`).Scan(&head); err != nil {
		return classify(err, "reading the journal head")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO record_meta(key, value) VALUES ('jcs_from', ?)`, fmt.Sprint(head+1)); err != nil {
		return classify(err, "recording the canonical form")
	}
	// The version each record had at the entry being read: a temporary table, so that
	// memory does not grow with the journal.
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE version_fill (kind TEXT, id TEXT, seq INTEGER, doc TEXT, PRIMARY KEY (kind, id))`); err != nil {
		return classify(err, "filling the versions")
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), `DROP TABLE version_fill`)
	return entries(ctx, tx, 1, func(e Entry) error {
		changes, err := e.Changes()
		if err != nil {
			return err
		}
		for _, c := range changes {
			if _, ok := secretariat.LookupKind(c.Kind); !ok {
				return fmt.Errorf("journal entry %d names an unknown kind %q", e.Seq, c.Kind)
			}
			// The version this entry replaces, if any, goes to the history.
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+table(c.Kind)+`_history(id, doc, seq, until_seq)
				SELECT id, doc, seq, ? FROM version_fill WHERE kind = ? AND id = ? AND seq < ?`, e.Seq, c.Kind, c.ID, e.Seq); err != nil {
				return classify(err, "filling the versions")
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO version_fill(kind, id, seq, doc) VALUES (?, ?, ?, ?)
				ON CONFLICT(kind, id) DO UPDATE SET seq = excluded.seq, doc = excluded.doc`, c.Kind, c.ID, e.Seq, string(c.Doc)); err != nil {
				return classify(err, "filling the versions")
			}
			if err := writeLinks(ctx, tx, c.Kind, c.ID, c.Doc, e.Seq, false); err != nil {
				return err
			}
		}
		return nil
	})
}

// referring returns the documents of the records of kind from that refer to record
// (kind, id) through a field whose path starts with pathPrefix, and that the viewer may
// see, in their kind's natural order: one indexed query on the link table.
func (s *Store) referring(ctx context.Context, v secretariat.Viewer, kind, id, from, pathPrefix string) ([][]byte, error) {
	q := `SELECT r.doc FROM ` + s.tbl(from) + ` r WHERE r.id IN (SELECT from_id FROM ` + s.linkTable() + ` l
		WHERE l.to_kind = ? AND l.to_id = ? AND l.from_kind = ? AND substr(l.path, 1, ?) = ?)`
	args := []any{kind, id, from, len(pathPrefix), pathPrefix}
	if classified(from) {
		clause, cargs := s.accessClause(v, "r")
		q += " AND " + clause
		args = append(args, cargs...)
	}
	rows, err := s.rd(ctx).QueryContext(ctx, q+" ORDER BY "+qualifiedOrder(from, "r"), args...)
	if err != nil {
		return nil, classify(err, "finding what refers to "+kind+" "+id)
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return nil, classify(err, "finding what refers to "+kind+" "+id)
		}
		out = append(out, doc)
	}
	return out, classify(rows.Err(), "finding what refers to "+kind+" "+id)
}

// qualifiedOrder returns a kind's natural order with its columns qualified by alias.
func qualifiedOrder(kind, alias string) string {
	parts := strings.Split(specs[kind].order, ",")
	for i, p := range parts {
		parts[i] = alias + "." + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}
