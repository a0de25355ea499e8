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
	"time"

	"secretariat"
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

// replayInto copies the journal's entries up to (not including) until into dst, checking
// the hash chain as it goes, and writes each entry's after-image into dst's tables. A
// zero until means the whole journal.
func (s *Store) replayInto(ctx context.Context, dst *Store, until time.Time, progress Progress) (int64, error) {
	total, _, err := s.Head(ctx)
	if err != nil {
		return 0, err
	}
	tx, err := dst.writer.BeginTx(ctx, nil)
	if err != nil {
		return 0, classify(err, "starting the replay")
	}
	defer tx.Rollback()
	prev := GenesisHash
	var n int64
	stop := errors.New("stop")
	err = s.Entries(ctx, 1, func(e Entry) error {
		if !until.IsZero() && !e.At.Before(until) {
			return stop
		}
		n++
		if e.Seq != n {
			return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("expected entry %d here: an entry is missing", n)}
		}
		if e.PrevHash != prev {
			return &ChainError{Seq: e.Seq, Reason: "its prev_hash does not match the hash of the entry before it"}
		}
		if got := e.expectedHash(); got != e.Hash {
			return &ChainError{Seq: e.Seq, Reason: "its hash does not match its content: the entry was altered"}
		}
		prev = e.Hash
		changes, err := e.Changes()
		if err != nil {
			return &ChainError{Seq: e.Seq, Reason: err.Error()}
		}
		for _, c := range changes {
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
		if _, err := tx.ExecContext(ctx, `INSERT INTO journal(`+entryColumns+`) VALUES (?,?,?,?,?,?,?,?,?)`,
			e.Seq, e.At.Format(timeLayout), e.Actor, e.Verb, e.Entity, e.ID, string(e.After), e.PrevHash, e.Hash); err != nil {
			return classify(err, "replaying the journal")
		}
		if progress != nil && (n%500 == 0 || n == total) {
			progress(n, total)
		}
		return nil
	})
	if err != nil && err != stop {
		return n, err
	}
	if err := tx.Commit(); err != nil {
		return n, classify(err, "committing the replay")
	}
	return n, nil
}

// scratch opens an empty database in a new temporary directory.
func scratch(ctx context.Context) (*Store, func(), error) {
	dir, err := os.MkdirTemp("", "secretariat-replay-")
	if err != nil {
		return nil, nil, fmt.Errorf("making a scratch database: %w", err)
	}
	st, err := Open(ctx, filepath.Join(dir, "replay.db"), Options{Create: true})
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return st, func() { st.Close(); os.RemoveAll(dir) }, nil
}

// Report is the outcome of Verify.
type Report struct {
	Entries  int64  `json:"entries"`
	Head     string `json:"head"`
	Records  int64  `json:"records"`
	Files    int64  `json:"files"`
	OK       bool   `json:"ok"`
	Problem  string `json:"problem,omitempty"`
	BadEntry int64  `json:"bad_entry,omitempty"`
}

// Verify proves the record: it checks the database file's integrity, recomputes the hash
// chain, replays the journal into an empty scratch database and compares that with the
// live tables, and recomputes the hash of every stored file. It names the first journal
// entry that disagrees.
func (s *Store) Verify(ctx context.Context, progress Progress) (Report, error) {
	var r Report
	var check string
	if err := s.readers.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil {
		return r, classify(err, "checking the database file")
	}
	if check != "ok" {
		r.Problem = "the database file is damaged: " + check
		return r, nil
	}
	var err error
	if r.Entries, r.Head, err = s.Head(ctx); err != nil {
		return r, err
	}
	st, cleanup, err := scratch(ctx)
	if err != nil {
		return r, err
	}
	defer cleanup()
	if _, err := s.replayInto(ctx, st, time.Time{}, progress); err != nil {
		var ce *ChainError
		if errors.As(err, &ce) {
			r.Problem, r.BadEntry = ce.Reason, ce.Seq
			return r, nil
		}
		return r, err
	}
	// Each table reports its first difference; the earliest entry among them is named.
	for _, k := range secretariat.Kinds() {
		n, bad, problem, err := compareTable(ctx, s.readers, st.readers, k.Name)
		if err != nil {
			return r, err
		}
		r.Records += n
		if problem != "" && (r.Problem == "" || bad < r.BadEntry) {
			r.Problem, r.BadEntry = problem, bad
		}
	}
	if r.Problem != "" {
		return r, nil
	}
	if r.Files, r.Problem, err = s.checkFiles(ctx); err != nil || r.Problem != "" {
		return r, err
	}
	r.OK = true
	return r, nil
}

type row struct {
	id  string
	doc []byte
	seq int64
}

// compareTable walks the live and the replayed table in ID order and reports the first
// record that differs, with the journal entry that last wrote it.
func compareTable(ctx context.Context, live, replayed *sql.DB, kind string) (int64, int64, string, error) {
	q := `SELECT id, doc, seq FROM ` + table(kind) + ` ORDER BY id`
	a, err := live.QueryContext(ctx, q)
	if err != nil {
		return 0, 0, "", classify(err, "reading "+kind)
	}
	defer a.Close()
	b, err := replayed.QueryContext(ctx, q)
	if err != nil {
		return 0, 0, "", classify(err, "reading the replayed "+kind)
	}
	defer b.Close()
	next := func(rs *sql.Rows) (*row, error) {
		if !rs.Next() {
			return nil, rs.Err()
		}
		var r row
		return &r, rs.Scan(&r.id, &r.doc, &r.seq)
	}
	var n int64
	ra, errA := next(a)
	rb, errB := next(b)
	for {
		if err := errors.Join(errA, errB); err != nil {
			return n, 0, "", classify(err, "comparing "+kind)
		}
		switch {
		case ra == nil && rb == nil:
			return n, 0, "", nil
		case rb == nil || (ra != nil && ra.id < rb.id):
			return n, ra.seq, fmt.Sprintf("%s %s is in the tables but no journal entry wrote it (the row claims entry %d)", kind, ra.id, ra.seq), nil
		case ra == nil || rb.id < ra.id:
			return n, rb.seq, fmt.Sprintf("%s %s, written by entry %d, is missing from the tables", kind, rb.id, rb.seq), nil
		case !bytes.Equal(ra.doc, rb.doc):
			return n, rb.seq, fmt.Sprintf("%s %s differs from what journal entry %d wrote: the table was altered", kind, ra.id, rb.seq), nil
		case ra.seq != rb.seq:
			return n, rb.seq, fmt.Sprintf("%s %s claims to be written by entry %d, but entry %d wrote it last", kind, ra.id, ra.seq, rb.seq), nil
		}
		n++
		ra, errA = next(a)
		rb, errB = next(b)
	}
}

// checkFiles recomputes the SHA-256 of every stored file.
func (s *Store) checkFiles(ctx context.Context) (int64, string, error) {
	rows, err := s.readers.QueryContext(ctx, `SELECT sha256, content FROM file ORDER BY sha256`)
	if err != nil {
		return 0, "", classify(err, "reading files")
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		var name string
		var content []byte
		if err := rows.Scan(&name, &content); err != nil {
			return n, "", classify(err, "reading files")
		}
		sum := sha256.Sum256(content)
		if hex.EncodeToString(sum[:]) != name {
			return n, fmt.Sprintf("file %s does not match its SHA-256: its content was altered", name), nil
		}
		n++
	}
	return n, "", classify(rows.Err(), "reading files")
}
