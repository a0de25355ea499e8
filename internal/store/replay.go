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

// replayInto copies the journal as src reads it into dst, checking the hash chain and
// the canonical form as it goes, and applies each entry's after-image to dst's tables:
// the records (whose triggers write their versions), their links and the files' names.
func replayInto(ctx context.Context, src queryer, dst *Store, total, jcs int64, progress Progress) (int64, error) {
	tx, err := dst.writer.BeginTx(ctx, nil)
	if err != nil {
		return 0, classify(err, "starting the replay")
	}
	defer tx.Rollback()
	prev := GenesisHash
	var n int64
	err = entries(ctx, src, 1, func(e Entry) error {
		n++
		if e.Seq != n {
			return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("expected entry %d here: an entry is missing or out of order", n)}
		}
		if e.PrevHash != prev {
			return &ChainError{Seq: e.Seq, Reason: "its prev_hash does not match the hash of the entry before it"}
		}
		if got := e.expectedHash(jcs); got != e.Hash {
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
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+table(c.Kind)+`(id, doc, seq) VALUES (?, ?, ?)
				ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, seq = excluded.seq`, c.ID, string(c.Doc), e.Seq); err != nil {
				return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("replaying %s %s: %v", c.Kind, c.ID, err)}
			}
			if err := writeLinks(ctx, tx, c.Kind, c.ID, c.Doc, e.Seq, false); err != nil {
				return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("replaying the links of %s %s: %v", c.Kind, c.ID, err)}
			}
		}
		for _, f := range after.Files {
			// The content is not in the journal: its SHA-256 stands for it, and verify
			// hashes the live content against it.
			if _, err := tx.ExecContext(ctx, `INSERT INTO file(sha256, filename, media_type, size, content) VALUES (?,?,?,?,X'')`,
				f.SHA256, f.Filename, f.MediaType, f.Size); err != nil {
				return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("replaying file %s: %v", f.SHA256, err)}
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO journal(`+entryColumns+`) VALUES (?,?,?,?,?,?,?,?,?)`,
			e.Seq, e.At.Format(timeLayout), e.Actor, e.Verb, e.Entity, e.ID, string(e.After), e.PrevHash, e.Hash); err != nil {
			return classify(err, "replaying the journal")
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
	return n, classify(tx.Commit(), "committing the replay")
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

// removeStaleScratch removes the replay directories whose process no longer runs.
func removeStaleScratch() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), scratchPrefix+"*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, "pid"))
		pid, perr := strconv.Atoi(strings.TrimSpace(string(b)))
		if err == nil && perr == nil && pid != os.Getpid() && syscall.Kill(pid, 0) == nil {
			continue // another verify is running
		}
		if err == nil && perr == nil && pid == os.Getpid() {
			continue
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
	// Table and Key name the row that disagrees, when one does.
	Table string `json:"table,omitempty"`
	Key   string `json:"key,omitempty"`
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
	var r Report
	var check string
	if err := s.readers.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&check); err != nil {
		return r, classify(err, "checking the database file")
	}
	if check != "ok" {
		r.fail(0, "", "", "the database file is damaged: "+check)
		return r, nil
	}
	snap, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return r, classify(err, "starting the verification")
	}
	defer snap.Rollback()
	seq, head, _, err := head(ctx, snap)
	if err != nil {
		return r, err
	}
	r.Entries, r.Head = seq, head
	jcs, err := jcsFrom(ctx, snap)
	if err != nil {
		return r, err
	}
	st, cleanup, err := scratch(ctx)
	if err != nil {
		return r, err
	}
	defer cleanup()
	if problem, err := compareSchema(ctx, snap, st.readers); err != nil || problem != "" {
		if problem != "" {
			r.fail(0, "sqlite_master", "", problem)
		}
		return r, err
	}
	if _, err := replayInto(ctx, snap, st, seq, jcs, progress); err != nil {
		var ce *ChainError
		if errors.As(err, &ce) {
			r.fail(ce.Seq, "journal", strconv.FormatInt(ce.Seq, 10), ce.Reason)
			return r, nil
		}
		return r, err
	}
	for _, t := range verifiedTables() {
		n, err := compareRows(ctx, snap, st.readers, t, &r)
		if err != nil {
			return r, err
		}
		switch {
		case t.name == "link":
			r.Links = n
		case strings.HasSuffix(t.name, "_history"):
			r.Versions += n
		case t.name != "file" && t.name != "schema_migrations":
			r.Records += n
		}
	}
	if r.Problem == "" {
		if err := checkFiles(ctx, snap, st.readers, jcs, &r); err != nil {
			return r, err
		}
	}
	r.OK = r.Problem == ""
	return r, nil
}

// compareSchema compares the schema of the live database with the one the migrations
// create, object by object, and says what differs.
func compareSchema(ctx context.Context, live queryer, fresh *sql.DB) (string, error) {
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
		verifiedTable{name: "file", columns: "sha256, filename, media_type, size", key: "sha256"},
		verifiedTable{name: "schema_migrations", columns: "version, migration", key: "version"})
}

// compareRows walks a live table and its replay in key order, comparing every column,
// and records the first row that differs in r. It returns the number of live rows.
func compareRows(ctx context.Context, live queryer, replayed *sql.DB, t verifiedTable, r *Report) (int64, error) {
	q := `SELECT ` + t.columns + ` FROM ` + t.name + ` ORDER BY ` + t.key
	a, err := live.QueryContext(ctx, q)
	if err != nil {
		return 0, classify(err, "reading "+t.name)
	}
	defer a.Close()
	b, err := replayed.QueryContext(ctx, q)
	if err != nil {
		return 0, classify(err, "reading the replayed "+t.name)
	}
	defer b.Close()
	cols, err := a.Columns()
	if err != nil {
		return 0, classify(err, "reading "+t.name)
	}
	keys := strings.Split(t.key, ", ")
	seqAt := slices.Index(cols, t.seq)
	next := func(rs *sql.Rows) ([]any, error) {
		if !rs.Next() {
			return nil, rs.Err()
		}
		row := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range row {
			ptrs[i] = &row[i]
		}
		return row, rs.Scan(ptrs...)
	}
	keyOf := func(row []any) string {
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprint(row[slices.Index(cols, k)]))
		}
		return strings.Join(parts, " ")
	}
	seqOf := func(row []any) int64 {
		if seqAt < 0 {
			return 0
		}
		n, _ := row[seqAt].(int64)
		return n
	}
	var n int64
	ra, errA := next(a)
	rb, errB := next(b)
	for {
		if err := errors.Join(errA, errB); err != nil {
			return n, classify(err, "comparing "+t.name)
		}
		if ra == nil && rb == nil {
			return n, nil
		}
		var c int
		switch {
		case ra == nil:
			c = 1
		case rb == nil:
			c = -1
		default:
			c = compareKeys(ra, rb, cols, keys)
		}
		switch {
		case c < 0:
			r.fail(seqOf(ra), t.name, keyOf(ra), fmt.Sprintf("%s %s is in the tables but no journal entry wrote it", t.name, keyOf(ra)))
			return n, nil
		case c > 0:
			r.fail(seqOf(rb), t.name, keyOf(rb), fmt.Sprintf("%s %s, written by the journal, is missing from the tables", t.name, keyOf(rb)))
			return n, nil
		}
		for i, col := range cols {
			if !sameValue(ra[i], rb[i]) {
				r.fail(seqOf(rb), t.name, keyOf(ra), fmt.Sprintf("%s %s: column %s differs from what the journal wrote (%v, not %v): the table was altered",
					t.name, keyOf(ra), col, shorten(ra[i]), shorten(rb[i])))
				return n, nil
			}
		}
		n++
		ra, errA = next(a)
		rb, errB = next(b)
	}
}

// compareKeys orders two rows by their key columns, as SQLite orders them.
func compareKeys(a, b []any, cols, keys []string) int {
	for _, k := range keys {
		i := slices.Index(cols, k)
		x, y := a[i], b[i]
		if xi, ok := x.(int64); ok {
			if yi, ok := y.(int64); ok {
				if xi != yi {
					return cmpInt(xi, yi)
				}
				continue
			}
		}
		if c := bytes.Compare(asBytes(x), asBytes(y)); c != 0 {
			return c
		}
	}
	return 0
}

func cmpInt(a, b int64) int {
	if a < b {
		return -1
	}
	return 1
}

func asBytes(v any) []byte {
	switch x := v.(type) {
	case string:
		return []byte(x)
	case []byte:
		return x
	case nil:
		return nil
	}
	return []byte(fmt.Sprint(v))
}

// sameValue compares two column values by type and content.
func sameValue(a, b any) bool {
	if reflect.TypeOf(a) != reflect.TypeOf(b) {
		return false
	}
	switch x := a.(type) {
	case []byte:
		return bytes.Equal(x, b.([]byte))
	}
	return a == b
}

func shorten(v any) string {
	s := fmt.Sprint(v)
	if b, ok := v.([]byte); ok {
		s = string(b)
	}
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strconv.Quote(s)
}

// checkFiles hashes every stored file against its name, and checks that every file a
// replayed record cites is stored. Files of a record made before the journal named them
// are accounted for by the records that cite them.
func checkFiles(ctx context.Context, live queryer, replayed *sql.DB, jcs int64, r *Report) error {
	cited, err := citedFiles(ctx, replayed)
	if err != nil {
		return err
	}
	journaled := map[string]bool{}
	rows, err := replayed.QueryContext(ctx, `SELECT sha256 FROM file`)
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
	rows, err = live.QueryContext(ctx, `SELECT sha256, content FROM file ORDER BY sha256`)
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
func citedFiles(ctx context.Context, db *sql.DB) (map[string]bool, error) {
	out := map[string]bool{}
	for _, k := range secretariat.Kinds() {
		if !citesDocuments(reflect.TypeOf(k.New()).Elem(), 0) {
			continue
		}
		rows, err := db.QueryContext(ctx, `SELECT t.value FROM `+table(k.Name)+` r, json_tree(r.doc) t WHERE t.key = 'sha256' AND t.type = 'text'`)
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
