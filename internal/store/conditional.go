package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"secretariat"
)

// Conditional writes. A caller that read a record (its version is the journal entry that
// last wrote it, Version) may ask a verb to change it only if nobody changed it since:
// WithIfMatch puts the version it read into the context, and the verb runner checks it
// against the verb's primary record inside the verb's own transaction, after the verb
// has run and before its journal entry is appended. Since verbs run one at a time on the
// writer, of many callers holding the same version exactly one changes the record; the
// others are refused and nothing of theirs is written. A caller may also require the
// condition (WithIfMatchRequired): then a verb that changes an existing primary record
// without a version given is refused too. The API uses both (If-Match, 412 and 428).
//
// The same mechanism remembers a write by an idempotency key (WithIdempotencyKey): the
// key is written in the verb's transaction, so the write and its key commit together.

// PreconditionError is a verb refused because the caller's condition did not hold: the
// primary record has changed since the version the caller read (Stale), or the caller
// did not say which version it read of a record that exists (Missing). It unwraps to an
// ECONFLICT, so callers that do not know it see a conflict.
type PreconditionError struct {
	Kind, ID string
	// Want is the version the caller gave; Have the record's version when refused (0 for
	// a record that did not exist).
	Want, Have int64
	// Missing is set when no version was given for an existing record.
	Missing bool
}

func (e *PreconditionError) Error() string {
	switch {
	case e.Missing:
		return fmt.Sprintf("%s %s exists (version %d): say which version you changed with If-Match: \"%d\"", e.Kind, e.ID, e.Have, e.Have)
	case e.Have == 0:
		return fmt.Sprintf("%s %s is new: there was no version of it to match; send no If-Match to create it", e.Kind, e.ID)
	}
	return fmt.Sprintf("%s %s has changed: it is version %d now, not %d; read it again and decide whether your change still applies", e.Kind, e.ID, e.Have, e.Want)
}

// Unwrap gives the conflict every other caller sees.
func (e *PreconditionError) Unwrap() error {
	return &secretariat.Error{Code: secretariat.ECONFLICT, Message: e.Error()}
}

// condition is what a caller asks of a verb, kept in its context.
type condition struct {
	// version is the If-Match: a version (journal entry), or anyVersion for "*".
	version  int64
	given    bool
	required bool
	idem     *IdempotencyKey
}

// anyVersion is If-Match: * — any version of a record that exists.
const anyVersion = -1

type conditionKey struct{}

func conditionOf(ctx context.Context) condition {
	c, _ := ctx.Value(conditionKey{}).(condition)
	return c
}

// WithIfMatch returns a context in which a verb changes its primary record only if the
// record is still at version (the journal entry that last wrote it); version 0 stands for
// "*", any version of a record that exists.
func WithIfMatch(ctx context.Context, version int64) context.Context {
	c := conditionOf(ctx)
	c.version, c.given = version, true
	if version == 0 {
		c.version = anyVersion
	}
	return context.WithValue(ctx, conditionKey{}, c)
}

// WithIfMatchRequired returns a context in which a verb that changes an existing primary
// record is refused unless WithIfMatch said which version the caller read.
func WithIfMatchRequired(ctx context.Context) context.Context {
	c := conditionOf(ctx)
	c.required = true
	return context.WithValue(ctx, conditionKey{}, c)
}

// IdempotencyKey identifies a write that a client may send again: the client's key
// within its token, and the hash of the request it came with.
type IdempotencyKey struct {
	TokenID     string
	Key         string
	RequestHash string
	At          time.Time
}

// WithIdempotencyKey returns a context in which a verb that writes also records k, in
// its own transaction. A key already recorded makes the verb fail with ECONFLICT and
// write nothing; the caller then reads the first write with FindIdempotent.
func WithIdempotencyKey(ctx context.Context, k IdempotencyKey) context.Context {
	c := conditionOf(ctx)
	c.idem = &k
	return context.WithValue(ctx, conditionKey{}, c)
}

// notePrior remembers the version a record had before the verb first changed it.
func (tx *Tx) notePrior(kind, id string, seq int64) {
	if tx.prior == nil {
		tx.prior = map[string]int64{}
	}
	k := key(kind, id)
	if _, ok := tx.prior[k]; !ok {
		tx.prior[k] = seq
	}
}

// checkConditions holds the verb to its caller's conditions once it has run: the primary
// record's version before the verb, and the idempotency key. The verb runner calls it
// before appending the journal entry; an error rolls the verb back.
func (tx *Tx) checkConditions() error {
	c := conditionOf(tx.ctx)
	if c.given || c.required {
		// Every change to an existing record reads it first (put), which noted its
		// version; a record the verb inserted has none.
		have, existed := tx.prior[key(tx.entity, tx.id)]
		switch {
		case !c.given && existed:
			return &PreconditionError{Kind: tx.entity, ID: tx.id, Have: have, Missing: true}
		case c.given && !existed:
			return &PreconditionError{Kind: tx.entity, ID: tx.id, Want: c.version}
		case c.given && c.version != anyVersion && c.version != have:
			return &PreconditionError{Kind: tx.entity, ID: tx.id, Want: c.version, Have: have}
		}
	}
	if c.idem != nil {
		err := tx.exec(`INSERT INTO api_idempotency(token_id, idem_key, request_hash, seq, created_at) VALUES (?,?,?,?,?)`,
			c.idem.TokenID, c.idem.Key, c.idem.RequestHash, tx.seq, formatTime(c.idem.At))
		if err != nil {
			return classify(err, "remembering the idempotency key")
		}
	}
	return nil
}

// Idempotent is a write remembered by its key.
type Idempotent struct {
	RequestHash string
	Entry       Entry
}

// FindIdempotent returns the write remembered by a token's key since a time, or
// ENOTFOUND.
func (s *Store) FindIdempotent(ctx context.Context, tokenID, key string, since time.Time) (*Idempotent, error) {
	var out Idempotent
	var seq int64
	err := s.primary().QueryRowContext(ctx, `SELECT request_hash, seq FROM api_idempotency WHERE token_id = ? AND idem_key = ? AND created_at >= ?`,
		tokenID, key, formatTime(since)).Scan(&out.RequestHash, &seq)
	if err == sql.ErrNoRows {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "no write is remembered by key %q", key)
	}
	if err != nil {
		return nil, classify(err, "reading the idempotency key")
	}
	if out.Entry, err = s.Entry(ctx, seq); err != nil {
		return nil, err
	}
	return &out, nil
}

// PruneIdempotency forgets the keys recorded before a time.
func (s *Store) PruneIdempotency(ctx context.Context, before time.Time) error {
	return s.accountWrite(ctx, "forgetting old idempotency keys", func(tx *sqlTx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM api_idempotency WHERE created_at < ?`, formatTime(before))
		return classify(err, "forgetting old idempotency keys")
	})
}

// Version returns the journal entry that last wrote a record the viewer may see (as of
// the store's entry, for a store in the past): the record's version, which the API gives
// as its ETag. A record the viewer may not see is not found.
func (s *Store) Version(ctx context.Context, v secretariat.Viewer, kind, id string) (int64, error) {
	if _, ok := secretariat.LookupKind(kind); !ok {
		return 0, unknownKind(kind)
	}
	q := `SELECT seq FROM ` + s.tbl(kind) + ` r WHERE id = ?`
	args := []any{id}
	if classified(kind) {
		clause, cargs := s.accessClause(v, "")
		q += " AND " + clause
		args = append(args, cargs...)
	}
	var seq int64
	err := s.primary().QueryRowContext(ctx, q, args...).Scan(&seq)
	if err == sql.ErrNoRows {
		return 0, notFound(kind, id)
	}
	return seq, classify(err, "reading "+kind+" "+id)
}
