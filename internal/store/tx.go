package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"secretariat"
	"secretariat/internal/canon"
)

// change is one record written by a verb.
type change struct {
	kind, id string
	doc      []byte
	isNew    bool // the record did not exist before the verb
}

// Tx is a verb's transaction: reads see its own writes, and every record it writes goes
// into the verb's one journal entry.
type Tx struct {
	ctx     context.Context
	tx      *sqlTx
	store   *Store
	seq     int64
	at      time.Time
	verb    string
	changes []change
	index   map[string]int  // kind/id → position in changes
	known   map[string]bool // kind/id → exists, for reference checks
	entity  string
	id      string
	files   []FileMeta // files the verb stored, named in its journal entry
	batch   *batch     // nil outside a Batch
	wrote   bool       // the verb has written something
	// prior holds, for each record the verb changed that existed before it, the journal
	// entry that had last written it: what a caller's If-Match is held to (conditional.go).
	prior map[string]int64
}

// stmt returns query prepared once per batch, or nil outside a batch.
func (tx *Tx) stmt(query string) (*sql.Stmt, error) {
	if tx.batch == nil {
		return nil, nil
	}
	if st, ok := tx.batch.stmts[query]; ok {
		return st, nil
	}
	st, err := tx.tx.PrepareContext(tx.ctx, query)
	if err != nil {
		return nil, err
	}
	tx.batch.stmts[query] = st
	return st, nil
}

// exec runs a statement, prepared once per batch when inside one.
func (tx *Tx) exec(query string, args ...any) error {
	tx.wrote = true
	st, err := tx.stmt(query)
	if err != nil {
		return err
	}
	if st != nil {
		_, err = st.ExecContext(tx.ctx, args...)
	} else {
		_, err = tx.tx.ExecContext(tx.ctx, query, args...)
	}
	return err
}

// scanRow runs a one-row read, prepared once per batch when inside one, into dest.
func (tx *Tx) scanRow(query string, args []any, dest ...any) error {
	st, err := tx.stmt(query)
	if err != nil {
		return err
	}
	if st != nil {
		return st.QueryRowContext(tx.ctx, args...).Scan(dest...)
	}
	return tx.tx.QueryRowContext(tx.ctx, query, args...).Scan(dest...)
}

// ExecContext runs a statement in the verb's transaction, prepared once per batch when
// inside one; it lets the store's helpers (writeLinks) write through a Tx like a *sqlTx.
func (tx *Tx) ExecContext(_ context.Context, query string, args ...any) (sql.Result, error) {
	tx.wrote = true
	st, err := tx.stmt(query)
	if err != nil {
		return nil, err
	}
	if st != nil {
		return st.ExecContext(tx.ctx, args...)
	}
	return tx.tx.ExecContext(tx.ctx, query, args...)
}

// Context returns the transaction's context.
func (tx *Tx) Context() context.Context { return tx.ctx }

// Date returns the date of the journal entry being written: "today" for the verb.
func (tx *Tx) Date() secretariat.Date { return secretariat.DateOf(tx.at) }

// Primary names the record the journal entry is about; by default, the first written.
func (tx *Tx) Primary(kind, id string) { tx.entity, tx.id = kind, id }

// run runs fn as the verb named verb: one transaction, one journal entry. It returns
// the entry, or a zero Entry when fn changed nothing. Only the store's verbs call it:
// every change to the record has a name and a journal entry.
func (s *Store) run(ctx context.Context, verb string, fn func(*Tx) error) (Entry, error) {
	if s.writer == nil {
		return Entry{}, secretariat.Errorf(secretariat.EFORBIDDEN, "%s: the record is open read-only", verb)
	}
	var sqlTx *sqlTx
	if s.batch != nil {
		// Inside a batch, verbs share one transaction without savepoints: a savepoint per
		// verb costs a copy of every page the verb touches, which made a 6,000-verb import
		// three times slower. Verbs check before they write, so a verb that fails has
		// usually written nothing and the batch may go on; one that fails after writing
		// abandons the batch.
		if s.batch.abandoned != nil {
			return Entry{}, fmt.Errorf("%s: the batch was abandoned after an earlier failure: %w", verb, s.batch.abandoned)
		}
		var tx *Tx
		commit := func() error {
			for k, ok := range tx.known {
				if ok {
					s.batch.known[k] = true
				}
			}
			return nil
		}
		e, err := s.write(ctx, s.batch.tx, verb, func(t *Tx) error { tx = t; return fn(t) }, commit)
		if err != nil && tx != nil && tx.wrote {
			s.batch.abandoned = err
		}
		return e, err
	}
	sqlTx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return Entry{}, classify(err, verb)
	}
	defer sqlTx.Rollback()
	return s.write(ctx, sqlTx, verb, fn, sqlTx.Commit)
}

// Batch runs fn with a store whose verbs all run in one transaction: each verb still
// appends its own journal entry, but all of them are committed together or not at all.
// Imports and the demo use it, so that a failure leaves the record as it was.
func (s *Store) Batch(ctx context.Context, fn func(b *Store) error) error {
	if s.writer == nil {
		return secretariat.Errorf(secretariat.EFORBIDDEN, "the record is open read-only")
	}
	if s.batch != nil {
		return fn(s)
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return classify(err, "starting a batch")
	}
	defer tx.Rollback()
	b := *s
	b.batch = &batch{tx: tx, stmts: map[string]*sql.Stmt{}, known: map[string]bool{}}
	defer func() {
		for _, st := range b.batch.stmts {
			st.Close()
		}
	}()
	if err := fn(&b); err != nil {
		return err
	}
	if b.batch.abandoned != nil {
		return fmt.Errorf("the batch was rolled back: %w", b.batch.abandoned)
	}
	return classify(tx.Commit(), "committing the batch")
}

// write runs a verb in sqlTx and appends its journal entry; commit ends it.
func (s *Store) write(ctx context.Context, sqlTx *sqlTx, verb string, fn func(*Tx) error, commit func() error) (Entry, error) {
	if s.d.name() == "postgres" {
		// One append at a time, across every process writing to the database: the lock
		// holds until the transaction ends (SQLite's writer is one connection already).
		if _, err := sqlTx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(journalLock)); err != nil {
			return Entry{}, classify(err, verb+": waiting for the journal")
		}
	}
	seq, prevHash, lastAt, err := head(ctx, sqlTx)
	if err != nil {
		return Entry{}, err
	}
	// Journal time never goes backwards, so that "as of" a time is a prefix of the journal.
	at := s.clock().UTC().Truncate(time.Microsecond)
	if at.Before(lastAt) {
		at = lastAt
	}
	tx := &Tx{ctx: ctx, tx: sqlTx, store: s, seq: seq + 1, at: at, verb: verb,
		index: map[string]int{}, known: map[string]bool{}, batch: s.batch}
	if err := fn(tx); err != nil {
		return Entry{}, err
	}
	if len(tx.changes) == 0 {
		return Entry{}, nil
	}
	if tx.entity == "" {
		tx.entity, tx.id = tx.changes[0].kind, tx.changes[0].id
	}
	if err := tx.checkConditions(); err != nil {
		return Entry{}, err
	}
	// The references the link table keeps, once per record, from its final version.
	for _, c := range tx.changes {
		if err := writeLinks(ctx, tx, c.kind, c.id, c.doc, tx.seq, c.isNew); err != nil {
			return Entry{}, err
		}
		if err := indexSearch(ctx, tx, c.kind, c.id, c.doc, tx.seq); err != nil {
			return Entry{}, err
		}
	}
	actor := s.opts.Actor
	if actor == "" {
		actor = "secretariat"
	}
	e := Entry{Seq: tx.seq, At: at, Actor: actor, Verb: verb, Entity: tx.entity, ID: tx.id,
		After: encodeAfter(tx.changes, tx.files), PrevHash: prevHash}
	leaf := e.leaf(0)
	e.Hash = ChainHash(e.PrevHash, leaf)
	if err := tx.exec(`INSERT INTO journal(`+entryColumns+`) VALUES (?,?,?,?,?,?,?,?,?)`,
		e.Seq, at.Format(timeLayout), e.Actor, e.Verb, e.Entity, e.ID, string(e.After), e.PrevHash, e.Hash); err != nil {
		return Entry{}, classify(err, verb+": appending to the journal")
	}
	if err := appendLeaf(verbTree{tx}, e.Seq, leaf); err != nil {
		return Entry{}, classify(err, verb)
	}
	if err := commit(); err != nil {
		return Entry{}, classify(err, verb+": committing")
	}
	return e, nil
}

func key(kind, id string) string { return kind + "/" + id }

// Get reads a record inside the transaction into dst. It returns ENOTFOUND when there is
// no such record.
func (tx *Tx) Get(kind, id string, dst secretariat.Record) error {
	var doc []byte
	err := tx.scanRow(`SELECT doc FROM `+table(kind)+` WHERE id = ?`, []any{id}, &doc)
	if err == sql.ErrNoRows {
		return notFound(kind, id)
	}
	if err != nil {
		return classify(err, "reading "+kind+" "+id)
	}
	return decodeDoc(kind, id, doc, dst)
}

// Exists reports whether the record exists, seen from inside the transaction.
func (tx *Tx) Exists(kind, id string) (bool, error) {
	k := key(kind, id)
	if v, ok := tx.known[k]; ok {
		return v, nil
	}
	if tx.batch != nil && tx.batch.known[k] {
		return true, nil
	}
	var n int
	err := tx.scanRow(`SELECT count(*) FROM `+table(kind)+` WHERE id = ?`, []any{id}, &n)
	if err != nil {
		return false, classify(err, "looking up "+kind+" "+id)
	}
	tx.known[k] = n > 0
	return n > 0, nil
}

// Query runs a read inside the transaction.
func (tx *Tx) Query(query string, args ...any) (*sql.Rows, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, query, args...)
	return rows, classify(err, "reading the record")
}

// QueryRow runs a one-row read inside the transaction.
func (tx *Tx) QueryRow(query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(tx.ctx, query, args...)
}

// InsertNew writes a record the caller knows to be new (its ID was made in this
// transaction), without looking it up first. A taken ID still fails, on the primary key.
func (tx *Tx) InsertNew(r secretariat.Record) error {
	return tx.put(secretariat.KindOf(r), r, true)
}

// Insert writes a new record and refuses one whose ID is taken.
func (tx *Tx) Insert(r secretariat.Record) error {
	kind := secretariat.KindOf(r)
	exists, err := tx.Exists(kind, r.RecordID())
	if err != nil {
		return err
	}
	if exists {
		return secretariat.Errorf(secretariat.ECONFLICT, "%s %s already exists", kind, r.RecordID())
	}
	return tx.put(kind, r, true)
}

// Put writes a record, new or changed. A record written unchanged is not a change.
func (tx *Tx) Put(r secretariat.Record) error {
	return tx.put(secretariat.KindOf(r), r, false)
}

func (tx *Tx) put(kind string, r secretariat.Record, isNew bool) error {
	if kind == "" {
		return fmt.Errorf("put: %T is not a kind of record", r)
	}
	id := r.RecordID()
	if err := r.Validate(); err != nil {
		return err
	}
	if err := tx.checkRefs(r); err != nil {
		return err
	}
	doc, err := canon.Marshal(r)
	if err != nil {
		return err
	}
	if !isNew {
		var old []byte
		var oldSeq int64
		err := tx.scanRow(`SELECT doc, seq FROM `+table(kind)+` WHERE id = ?`, []any{id}, &old, &oldSeq)
		if err == nil && bytes.Equal(old, doc) {
			return nil
		}
		if err != nil && err != sql.ErrNoRows {
			return classify(err, "reading "+kind+" "+id)
		}
		if err == nil {
			tx.notePrior(kind, id, oldSeq)
		}
	}
	return tx.putDoc(kind, id, doc, isNew)
}

// putDoc writes a canonical document and records the change.
func (tx *Tx) putDoc(kind, id string, doc []byte, isNew bool) error {
	// A new record is a plain insert: the upsert's conflict clause costs a fifth of the
	// insert on a large import (bench/unimport).
	q := `INSERT INTO ` + table(kind) + `(id, doc, seq) VALUES (?, ?, ?)`
	if !isNew {
		q += ` ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, seq = excluded.seq`
	}
	err := tx.exec(q, id, string(doc), tx.seq)
	if err != nil {
		return classify(err, fmt.Sprintf("%s: writing %s %s", tx.verb, kind, id))
	}
	if kind == "state" && tx.batch != nil {
		tx.batch.states = nil
	}
	if kind == "body" && tx.batch != nil {
		tx.batch.bodies = nil
	}
	k := key(kind, id)
	tx.known[k] = true
	if i, ok := tx.index[k]; ok {
		tx.changes[i].doc = doc
		return nil
	}
	tx.index[k] = len(tx.changes)
	tx.changes = append(tx.changes, change{kind: kind, id: id, doc: doc, isNew: isNew})
	return nil
}

func decodeDoc(kind, id string, doc []byte, dst any) error {
	if err := json.Unmarshal(doc, dst); err != nil {
		return fmt.Errorf("decoding %s %s: %w", kind, id, err)
	}
	return nil
}

func notFound(kind, id string) error {
	title := kind
	if k, ok := secretariat.LookupKind(kind); ok {
		title = k.Title.EN
	}
	return secretariat.Errorf(secretariat.ENOTFOUND, "there is no %s %q in the record", title, id)
}

// table returns the table of a kind. Kinds come from the domain's fixed list, never
// from input, so the name is safe to put into SQL.
func table(kind string) string {
	if _, ok := secretariat.LookupKind(kind); !ok {
		panic("store: unknown kind " + kind) // a programming error: callers check kinds first
	}
	return kind
}
