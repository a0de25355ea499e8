package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"secretariat"
	"secretariat/internal/canon"
)

// Progress receives the progress of a long job: done out of total steps.
type Progress func(done, total int64)

// ChainError says which journal entry broke the chain or the replay.
type ChainError struct {
	Seq    int64
	Reason string
}

// Error implements the error interface.
func (e *ChainError) Error() string { return fmt.Sprintf("journal entry %d: %s", e.Seq, e.Reason) }

// entrySource hands the entries of a journal to fn, in order, stopping at the first
// error fn returns: a journal table (tableEntries), or a bundle read from a file.
type entrySource func(fn func(Entry) error) error

// tableEntries is the journal as src reads it from the table journal names (qualified
// where the replay's own tables come first in the search path).
func tableEntries(ctx context.Context, src queryer, journal string) entrySource {
	return func(fn func(Entry) error) error { return entriesIn(ctx, src, journal, 1, fn) }
}

// replayInto copies the journal the source gives into dst, checking the hash chain and
// the canonical form as it goes, and applies each entry's after-image to dst's tables:
// the records (whose triggers write their versions), their links and the files' names.
// The replay is written through tx, which the caller commits or rolls back.
func replayInto(ctx context.Context, source entrySource, tx *sqlTx, total, jcs int64, progress Progress) (int64, error) {
	ps := &replayStatements{tx: tx, stmts: map[string]*sql.Stmt{}}
	defer ps.close()
	prev := GenesisHash
	var n int64
	err := source(func(e Entry) error {
		n++
		if e.Seq != n {
			return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("expected entry %d here: an entry is missing or out of order", n)}
		}
		if e.PrevHash != prev {
			return &ChainError{Seq: e.Seq, Reason: "its prev_hash does not match the hash of the entry before it"}
		}
		leaf := e.leaf(jcs)
		if ChainHash(e.PrevHash, leaf) != e.Hash {
			return &ChainError{Seq: e.Seq, Reason: "its hash does not match its content: the entry was altered"}
		}
		if e.Seq >= jcs {
			if c, err := canon.Canonicalize(e.After); err != nil || !bytes.Equal(c, e.After) {
				return &ChainError{Seq: e.Seq, Reason: "its after-image is not in canonical form (RFC 8785), so no other implementation would recompute its hash"}
			}
		}
		prev = e.Hash
		after, err := e.afterImage()
		if err != nil {
			return &ChainError{Seq: e.Seq, Reason: err.Error()}
		}
		for _, c := range after.Records {
			if _, ok := secretariat.LookupKind(c.Kind); !ok {
				return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("names an unknown kind %q", c.Kind)}
			}
			isNew, err := ps.put(ctx, c.Kind, c.ID, c.Doc, e.Seq)
			if err != nil {
				return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("replaying %s %s: %v", c.Kind, c.ID, err)}
			}
			if err := writeLinks(ctx, tx, c.Kind, c.ID, c.Doc, e.Seq, isNew); err != nil {
				return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("replaying the links of %s %s: %v", c.Kind, c.ID, err)}
			}
			if err := indexSearch(ctx, tx, c.Kind, c.ID, c.Doc, e.Seq); err != nil {
				return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("replaying the search index of %s %s: %v", c.Kind, c.ID, err)}
			}
		}
		for _, f := range after.Files {
			// The content is not in the journal: its SHA-256 stands for it, and verify
			// hashes the live content against it.
			if _, err := tx.ExecContext(ctx, `INSERT INTO file(sha256, filename, media_type, size, content) VALUES (?,?,?,?,?)`,
				f.SHA256, f.Filename, f.MediaType, f.Size, []byte{}); err != nil {
				return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("replaying file %s: %v", f.SHA256, err)}
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO journal(`+entryColumns+`) VALUES (?,?,?,?,?,?,?,?,?)`,
			e.Seq, e.At.Format(timeLayout), e.Actor, e.Verb, e.Entity, e.ID, string(e.After), e.PrevHash, e.Hash); err != nil {
			return classify(err, "replaying the journal")
		}
		if err := appendLeaf(replayTree{ctx, ps}, e.Seq, leaf); err != nil {
			return &ChainError{Seq: e.Seq, Reason: err.Error()}
		}
		if progress != nil && (n%500 == 0 || n == total) {
			progress(n, total)
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	if n != total {
		return n, &ChainError{Seq: n, Reason: fmt.Sprintf("the journal ends at entry %d but its head says %d", n, total)}
	}
	return n, nil
}

// replayStatements are the replay's statements, prepared once per kind.
type replayStatements struct {
	tx    *sqlTx
	stmts map[string]*sql.Stmt
}

func (p *replayStatements) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := p.stmts[q]; ok {
		return st, nil
	}
	st, err := p.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	p.stmts[q] = st
	return st, nil
}

func (p *replayStatements) close() {
	for _, st := range p.stmts {
		st.Close()
	}
}

// put writes a record's version as a verb did: a new record is inserted, an existing
// one updated (the triggers keep the versions either way). It reports which it was, so
// that only a record that existed has earlier links to close.
func (p *replayStatements) put(ctx context.Context, kind, id string, doc []byte, seq int64) (bool, error) {
	ins, err := p.stmt(ctx, `INSERT INTO `+table(kind)+`(id, doc, seq) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	if err != nil {
		return false, err
	}
	res, err := ins.ExecContext(ctx, id, string(doc), seq)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return true, err
	}
	upd, err := p.stmt(ctx, `UPDATE `+table(kind)+` SET doc = ?, seq = ? WHERE id = ?`)
	if err != nil {
		return false, err
	}
	res, err = upd.ExecContext(ctx, string(doc), seq, id)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return false, err
	}
	// Neither inserted nor updated: cannot be, since only the key's conflict is ignored;
	// insert again without it, for the database's own error.
	_, err = p.tx.ExecContext(ctx, `INSERT INTO `+table(kind)+`(id, doc, seq) VALUES (?, ?, ?)`, id, string(doc), seq)
	if err == nil {
		err = fmt.Errorf("the record could be neither inserted nor updated")
	}
	return false, err
}

// scratchPrefix names the temporary directories of replays, so that those a killed
// verify left behind are found and removed.
const scratchPrefix = "secretariat-replay-"

// scratch opens an empty database in a new temporary directory, after removing the
// directories of replays whose process is gone.
func scratch(ctx context.Context) (*Store, func(), error) {
	removeStaleScratch()
	dir, err := os.MkdirTemp("", scratchPrefix)
	if err != nil {
		return nil, nil, fmt.Errorf("making a scratch database: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pid"), []byte(strconv.Itoa(os.Getpid())), 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("making a scratch database: %w", err)
	}
	st, err := Open(ctx, filepath.Join(dir, "replay.db"), Options{Create: true})
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return st, func() { st.Close(); os.RemoveAll(dir) }, nil
}

// removeStaleScratch removes the replay directories whose process no longer runs. A
// directory without its pid file yet may be another process's that is being made: it is
// removed only once it is an hour old.
func removeStaleScratch() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), scratchPrefix+"*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, "pid"))
		if err != nil {
			if fi, serr := os.Stat(dir); serr == nil && time.Since(fi.ModTime()) > time.Hour {
				os.RemoveAll(dir)
			}
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err == nil && (pid == os.Getpid() || syscall.Kill(pid, 0) == nil) {
			continue // this process's, or another running verify's
		}
		os.RemoveAll(dir)
	}
}

// Report is the outcome of Verify.
type Report struct {
	Entries  int64  `json:"entries"`
	Head     string `json:"head"`
	Records  int64  `json:"records"`
	Versions int64  `json:"versions"`
	Links    int64  `json:"links"`
	Files    int64  `json:"files"`
	// LegacyFiles are files stored before the journal named them (a record made before
	// RFC 8785): their content is checked, and that a record cites them, but not their
	// names, which no entry covers.
	LegacyFiles int64  `json:"legacy_files,omitempty"`
	OK          bool   `json:"ok"`
	Problem     string `json:"problem,omitempty"`
	BadEntry    int64  `json:"bad_entry,omitempty"`
	// Notes say what could not be checked, and why.
	Notes []string `json:"notes,omitempty"`
	// Table and Key name the row that disagrees, when one does.
	Table string `json:"table,omitempty"`
	Key   string `json:"key,omitempty"`
	// Log is what verify found of the transparency log (checkpoints.go).
	Log LogReport `json:"log"`
}

// fail records the first problem found (the earliest entry among several).
func (r *Report) fail(entry int64, table, key, problem string) {
	if r.Problem != "" && (entry == 0 || (r.BadEntry != 0 && r.BadEntry <= entry)) {
		return
	}
	r.Problem, r.BadEntry, r.Table, r.Key = problem, entry, table, key
}

// Verify proves the record. In one read transaction, so that writes going on meanwhile
// are neither seen halfway nor taken for tampering, it:
//   - checks every page and index of the file (PRAGMA integrity_check);
//   - compares the schema (tables, columns and their expressions, indexes, triggers) with
//     what this program's migrations create, so that a changed generated column, a
//     dropped index or a dropped append-only trigger is caught;
//   - recomputes the hash chain, and the canonical form of each entry;
//   - replays the journal into an empty database and compares every row and every column
//     of every table of the record (records, versions, links, files' names, schema
//     version) with it, naming the table and key of the first row that differs;
//   - hashes every stored file, and checks that every file a record cites is stored.
func (s *Store) Verify(ctx context.Context, progress Progress) (Report, error) {
	if s.d.name() == "postgres" {
		return s.verifyPostgres(ctx, progress)
	}
	var r Report
	var check string
	if err := s.readers.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&check); err != nil {
		return r, classify(err, "checking the database file")
	}
	if check != "ok" {
		r.fail(0, "", "", "the database file is damaged: "+check)
		return r, nil
	}
	st, cleanup, err := scratch(ctx)
	if err != nil {
		return r, err
	}
	defer cleanup()
	// One connection reads the live record and, attached to it, the replay: the rows are
	// compared by SQLite itself, in one read transaction of the live file.
	conn, err := s.primary().Conn(ctx)
	if err != nil {
		return r, classify(err, "starting the verification")
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS replay`, st.path); err != nil {
		return r, classify(err, "attaching the replay")
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE replay`)
	snap, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return r, classify(err, "starting the verification")
	}
	defer snap.Rollback()
	v := &verification{q: snap, d: s.d, live: "main", replay: "replay"}
	if err := v.start(ctx, &r); err != nil || r.Problem != "" {
		return r, err
	}
	if problem, err := compareSchema(ctx, snap, st.readers); err != nil || problem != "" {
		if problem != "" {
			r.fail(0, "sqlite_master", "", problem)
		}
		return r, err
	}
	tx, err := st.writer.BeginTx(ctx, nil)
	if err != nil {
		return r, classify(err, "starting the replay")
	}
	defer tx.Rollback()
	if ok, err := v.runReplay(ctx, tx, "journal", progress, &r); err != nil || !ok {
		return r, err
	}
	if err := tx.Commit(); err != nil {
		return r, classify(err, "committing the replay")
	}
	return r, v.compare(ctx, &r)
}

// verification is one run of Verify: the snapshot that reads the live record and the
// replay, and how each side's tables are named in SQL.
type verification struct {
	q            queryer
	d            dialect
	live, replay string // the qualifiers of the live tables and of the replay's
	jcs          int64
}

// start reads the journal's head and canonical form into r.
func (v *verification) start(ctx context.Context, r *Report) error {
	seq, head, _, err := head(ctx, v.q)
	if err != nil {
		return err
	}
	r.Entries, r.Head = seq, head
	v.jcs, err = jcsFrom(ctx, v.q)
	return err
}

// runReplay replays the journal into tx; it reports false when the chain is broken, which
// it records in r.
func (v *verification) runReplay(ctx context.Context, tx *sqlTx, journal string, progress Progress, r *Report) (bool, error) {
	if _, err := replayInto(ctx, tableEntries(ctx, v.q, journal), tx, r.Entries, v.jcs, progress); err != nil {
		var ce *ChainError
		if errors.As(err, &ce) {
			r.fail(ce.Seq, "journal", strconv.FormatInt(ce.Seq, 10), ce.Reason)
			return false, nil
		}
		return false, err
	}
	return true, nil
}

// compare compares every table of the record with the replay, then the files and the
// log, and sets r.OK.
func (v *verification) compare(ctx context.Context, r *Report) error {
	for _, t := range verifiedTables() {
		n, err := v.compareRows(ctx, t, r)
		if err != nil {
			return err
		}
		_, isKind := secretariat.LookupKind(t.name)
		switch {
		case t.name == "link":
			r.Links = n
		case strings.HasSuffix(t.name, "_history"):
			r.Versions += n
		case isKind:
			r.Records += n
		}
	}
	if r.Problem == "" {
		if err := v.checkFiles(ctx, r); err != nil {
			return err
		}
	}
	if r.Problem == "" {
		if err := v.checkLog(ctx, r); err != nil {
			return err
		}
	}
	r.OK = r.Problem == ""
	return nil
}

// compareSchema compares the schema of the live database with the one the migrations
// create, object by object, and says what differs.
func compareSchema(ctx context.Context, live queryer, fresh *db) (string, error) {
	read := func(q queryer) (map[string]string, error) {
		rows, err := q.QueryContext(ctx, `SELECT type, name, coalesce(sql, '') FROM sqlite_master`)
		if err != nil {
			return nil, classify(err, "reading the schema")
		}
		defer rows.Close()
		out := map[string]string{}
		for rows.Next() {
			var typ, name, text string
			if err := rows.Scan(&typ, &name, &text); err != nil {
				return nil, classify(err, "reading the schema")
			}
			out[typ+" "+name] = text
		}
		return out, classify(rows.Err(), "reading the schema")
	}
	have, err := read(live)
	if err != nil {
		return "", err
	}
	want, err := read(fresh)
	if err != nil {
		return "", err
	}
	var problems []string
	for obj, text := range want {
		got, ok := have[obj]
		switch {
		case !ok:
			problems = append(problems, obj+" is missing")
		case got != text:
			problems = append(problems, obj+" is not as the migrations create it")
		}
	}
	for obj := range have {
		if _, ok := want[obj]; !ok {
			problems = append(problems, obj+" is not part of the schema")
		}
	}
	for _, pragma := range []string{"application_id", "user_version"} {
		var a, b int64
		if err := live.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&a); err != nil {
			return "", classify(err, "reading the schema")
		}
		if err := fresh.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&b); err != nil {
			return "", classify(err, "reading the schema")
		}
		if a != b {
			problems = append(problems, fmt.Sprintf("PRAGMA %s is %d, not %d", pragma, a, b))
		}
	}
	if len(problems) == 0 {
		return "", nil
	}
	slices.Sort(problems)
	return "the schema was altered: " + strings.Join(problems, "; "), nil
}

// verifiedTable is a table verify compares row by row with the replay.
type verifiedTable struct {
	name    string
	columns string // the columns compared ("*" for all, generated ones included)
	key     string // the columns that order and name a row
	seq     string // the column naming the entry that wrote a row, if any
}

// verifiedTables lists every table of the record (recordTables) but the journal, which
// the replay copies after checking it, and record_meta, which verify reads.
func verifiedTables() []verifiedTable {
	var out []verifiedTable
	for _, k := range secretariat.Kinds() {
		out = append(out, verifiedTable{name: k.Name, columns: "*", key: "id", seq: "seq"},
			verifiedTable{name: k.Name + "_history", columns: "*", key: "id, seq", seq: "seq"})
	}
	return append(out,
		verifiedTable{name: "link", columns: "*", key: "from_kind, from_id, seq, path", seq: "seq"},
		verifiedTable{name: "search_doc", columns: "kind, id, lang, title, words, body_id, year, status, states, classification, doc, seq", key: "kind, id, lang", seq: "seq"},
		verifiedTable{name: "tree_hash", columns: "*", key: "idx", seq: "seq"},
		verifiedTable{name: "file", columns: "sha256, filename, media_type, size", key: "sha256"},
		verifiedTable{name: "schema_migrations", columns: "version, migration", key: "version"})
}

// compareRows compares a live table with its replay (attached as "replay") in SQL: a
// row only the live table has, a row only the replay has, and a row whose columns differ
// (generated ones included), each found by one query in key order. It records the
// first difference in r and returns the number of live rows.
func (v *verification) compareRows(ctx context.Context, t verifiedTable, r *Report) (int64, error) {
	q := v.q
	live, replayed := v.live+"."+t.name, v.replay+"."+t.name
	var n int64
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+live).Scan(&n); err != nil {
		return 0, classify(err, "counting "+t.name)
	}
	cols, err := v.tableColumns(ctx, t)
	if err != nil {
		return n, err
	}
	keys := strings.Split(t.key, ", ")
	var join []string
	for _, k := range keys {
		join = append(join, "b."+quoteIdent(k)+" = a."+quoteIdent(k))
	}
	keyList := "a." + strings.Join(keys, ", a.")
	seqCol := "0"
	if t.seq != "" {
		seqCol = "a." + t.seq
	}
	only := func(from, other string) (key string, seq int64, found bool, err error) {
		row := q.QueryRowContext(ctx, `SELECT `+keyText(keys)+`, `+seqCol+` FROM `+from+` a
			WHERE NOT EXISTS (SELECT 1 FROM `+other+` b WHERE `+strings.Join(join, " AND ")+`)
			ORDER BY `+keyList+` LIMIT 1`)
		err = row.Scan(&key, &seq)
		if err == sql.ErrNoRows {
			return "", 0, false, nil
		}
		return key, seq, err == nil, classify(err, "comparing "+t.name)
	}
	key, seq, found, err := only(live, replayed)
	if err != nil {
		return n, err
	}
	if found {
		r.fail(seq, t.name, key, fmt.Sprintf("%s %s is in the tables but no journal entry wrote it", t.name, key))
		return n, nil
	}
	if key, seq, found, err = only(replayed, live); err != nil {
		return n, err
	}
	if found {
		r.fail(seq, t.name, key, fmt.Sprintf("%s %s, written by the journal, is missing from the tables", t.name, key))
		return n, nil
	}
	var same, which []string
	for i, c := range cols {
		same = append(same, v.d.same("a."+quoteIdent(c), "b."+quoteIdent(c)))
		which = append(which, "WHEN NOT ("+v.d.same("a."+quoteIdent(c), "b."+quoteIdent(c))+") THEN "+strconv.Itoa(i))
	}
	var col int
	var liveValue, replayedValue sql.NullString
	err = q.QueryRowContext(ctx, `SELECT `+keyText(keys)+`, `+seqCol+`, CASE `+strings.Join(which, " ")+` END
		FROM `+live+` a JOIN `+replayed+` b ON `+strings.Join(join, " AND ")+`
		WHERE NOT (`+strings.Join(same, " AND ")+`) ORDER BY `+keyList+` LIMIT 1`).Scan(&key, &seq, &col)
	if err == sql.ErrNoRows {
		return n, nil
	}
	if err != nil {
		return n, classify(err, "comparing "+t.name)
	}
	c := quoteIdent(cols[col])
	if err := q.QueryRowContext(ctx, `SELECT CAST(a.`+c+` AS TEXT), CAST(b.`+c+` AS TEXT)
		FROM `+live+` a JOIN `+replayed+` b ON `+strings.Join(join, " AND ")+` WHERE `+keyText(keys)+` = ?`, key).Scan(&liveValue, &replayedValue); err != nil {
		return n, classify(err, "comparing "+t.name)
	}
	if t.seq != "" && cols[col] != t.seq {
		// Name the entry that wrote the row as the journal has it.
		q.QueryRowContext(ctx, `SELECT b.`+t.seq+` FROM `+live+` a JOIN `+replayed+` b ON `+strings.Join(join, " AND ")+` WHERE `+keyText(keys)+` = ?`, key).Scan(&seq)
	}
	r.fail(seq, t.name, key, fmt.Sprintf("%s %s: column %s differs from what the journal wrote (%s, not %s): the table was altered",
		t.name, key, cols[col], shorten(liveValue), shorten(replayedValue)))
	return n, nil
}

// keyText writes a row's key columns as one text, for messages: "AA", "s1-1 7".
func keyText(keys []string) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = "a." + quoteIdent(k)
	}
	return strings.Join(parts, " || ' ' || ")
}

// tableColumns returns the columns verify compares in a table: all of them, generated
// ones included, or those the table names.
func (v *verification) tableColumns(ctx context.Context, t verifiedTable) ([]string, error) {
	if t.columns != "*" {
		return strings.Split(t.columns, ", "), nil
	}
	rows, err := v.q.QueryContext(ctx, v.d.liveColumnsSQL(v.live), t.name)
	if err != nil {
		return nil, classify(err, "reading the columns of "+t.name)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		var hidden int
		if err := rows.Scan(&c, &hidden); err != nil {
			return nil, classify(err, "reading the columns of "+t.name)
		}
		out = append(out, c)
	}
	return out, classify(rows.Err(), "reading the columns of "+t.name)
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func shorten(v sql.NullString) string {
	if !v.Valid {
		return "NULL"
	}
	s := v.String
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strconv.Quote(s)
}

// checkFiles hashes every stored file against its name, and checks that every file a
// replayed record cites is stored. Files of a record made before the journal named them
// are accounted for by the records that cite them.
func (v *verification) checkFiles(ctx context.Context, r *Report) error {
	live, jcs := v.q, v.jcs
	cited, err := v.citedFiles(ctx)
	if err != nil {
		return err
	}
	journaled := map[string]bool{}
	rows, err := live.QueryContext(ctx, `SELECT sha256 FROM `+v.replay+`.file`)
	if err != nil {
		return classify(err, "reading the replayed files")
	}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			rows.Close()
			return classify(err, "reading the replayed files")
		}
		journaled[h] = true
	}
	rows.Close()
	rows, err = live.QueryContext(ctx, `SELECT sha256, content FROM `+v.live+`.file ORDER BY sha256`)
	if err != nil {
		return classify(err, "reading files")
	}
	defer rows.Close()
	stored := map[string]bool{}
	for rows.Next() {
		var name string
		var content []byte
		if err := rows.Scan(&name, &content); err != nil {
			return classify(err, "reading files")
		}
		stored[name] = true
		sum := sha256.Sum256(content)
		if hex.EncodeToString(sum[:]) != name {
			r.fail(0, "file", name, fmt.Sprintf("file %s does not match its SHA-256: its content was altered", name))
			return nil
		}
		if !journaled[name] {
			if jcs <= 1 || !cited[name] {
				r.fail(0, "file", name, fmt.Sprintf("file %s is stored, but no journal entry wrote it and no record cites it", name))
				return nil
			}
			r.LegacyFiles++
		}
		r.Files++
	}
	if err := rows.Err(); err != nil {
		return classify(err, "reading files")
	}
	for h := range cited {
		if !stored[h] {
			r.fail(0, "file", h, fmt.Sprintf("a record cites file %s, which is not stored: it was removed", h))
			return nil
		}
	}
	return nil
}

// citedFiles returns the SHA-256 of every stored file the replayed records cite (a
// document reference's sha256).
func (v *verification) citedFiles(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	for _, k := range secretariat.Kinds() {
		if !citesDocuments(reflect.TypeOf(k.New()).Elem(), 0) {
			continue
		}
		rows, err := v.q.QueryContext(ctx, v.d.citedSHA256SQL(v.replay+"."+table(k.Name)))
		if err != nil {
			return nil, classify(err, "reading the documents "+k.Name+" cites")
		}
		for rows.Next() {
			var h string
			if err := rows.Scan(&h); err != nil {
				rows.Close()
				return nil, classify(err, "reading the documents "+k.Name+" cites")
			}
			out[h] = true
		}
		rows.Close()
	}
	return out, nil
}

var documentRefType = reflect.TypeOf(secretariat.DocumentRef{})

// citesDocuments reports whether a record type can hold a document reference.
func citesDocuments(t reflect.Type, depth int) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t == documentRefType {
		return true
	}
	if t.Kind() != reflect.Struct || depth > 4 {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		if citesDocuments(t.Field(i).Type, depth+1) {
			return true
		}
	}
	return false
}
