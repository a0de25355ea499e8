package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"secretariat"
	"secretariat/internal/translog"
)

// Checkpoints and cosignatures are signatures over the chain, not record data: they are
// kept in the record's tables (checkpoint, cosignature) but no journal entry holds them.
// Verify accounts for every row all the same (checkLog): a checkpoint must sign the tree
// the journal gives at its size, with the log's key it names; a cosignature must verify
// with a witness key its member state registered (a journaled verb).

// SignedCheckpoint is a checkpoint the log signed, with the cosignatures it received.
type SignedCheckpoint struct {
	translog.Checkpoint
	// Note is the signed note as the log's key signed it.
	Note []byte
	// LogKey is the verifier key of the log's key.
	LogKey       string
	SignedAt     time.Time
	Cosignatures []StateCosignature
}

// StateCosignature is a member state's cosignature of a checkpoint.
type StateCosignature struct {
	State      string
	WitnessKey string
	Line       string
	CosignedAt time.Time
	ReceivedAt time.Time
}

// Served is the checkpoint as the log serves it: the signed note with every
// cosignature line after the log's signature.
func (c *SignedCheckpoint) Served() []byte {
	lines := make([]string, len(c.Cosignatures))
	for i, cs := range c.Cosignatures {
		lines[i] = cs.Line
	}
	return translog.WithSignatures(c.Note, lines...)
}

// Cosigners returns the member states that cosigned, in order of their IDs.
func (c *SignedCheckpoint) Cosigners() []string {
	out := make([]string, len(c.Cosignatures))
	for i, cs := range c.Cosignatures {
		out[i] = cs.State
	}
	sort.Strings(out)
	return out
}

// SignCheckpoint signs the tree over the whole journal with the log's key and keeps the
// checkpoint. When the latest checkpoint already covers the whole journal, it returns
// that one and false.
func (s *Store) SignCheckpoint(ctx context.Context, signer *translog.LogSigner) (*SignedCheckpoint, bool, error) {
	if s.writer == nil || s.past {
		return nil, false, secretariat.Errorf(secretariat.EFORBIDDEN, "signing a checkpoint: the record is open read-only")
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, false, classify(err, "signing a checkpoint")
	}
	defer tx.Rollback()
	size, _, _, err := head(ctx, tx)
	if err != nil {
		return nil, false, err
	}
	if size == 0 {
		return nil, false, secretariat.Errorf(secretariat.EINVALID, "the journal is empty: there is nothing to sign yet")
	}
	var last sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(size) FROM checkpoint`).Scan(&last); err != nil {
		return nil, false, classify(err, "reading the checkpoints")
	}
	if last.Int64 == size {
		c, err := checkpointAt(ctx, tx, size)
		return c, false, err
	}
	root, err := treeHashIn(ctx, tx, "tree_hash", size)
	if err != nil {
		return nil, false, err
	}
	c := translog.Checkpoint{Origin: signer.Name(), Size: size, Root: root}
	signed, err := translog.Sign(c, signer)
	if err != nil {
		return nil, false, err
	}
	at := s.clock().UTC().Truncate(time.Microsecond)
	if _, err := tx.ExecContext(ctx, `INSERT INTO checkpoint(size, origin, root, note, log_key, signed_at) VALUES (?,?,?,?,?,?)`,
		size, c.Origin, c.RootBase64(), string(signed), signer.VerifierKey, at.Format(timeLayout)); err != nil {
		return nil, false, classify(err, "keeping the checkpoint")
	}
	if err := tx.Commit(); err != nil {
		return nil, false, classify(err, "keeping the checkpoint")
	}
	return &SignedCheckpoint{Checkpoint: c, Note: signed, LogKey: signer.VerifierKey, SignedAt: at}, true, nil
}

// treeHashIn computes a tree hash from the stored hashes of table, read through q.
func treeHashIn(ctx context.Context, q queryer, table string, size int64) (h [32]byte, err error) {
	h, err = tlog.TreeHash(size, readerTree(ctx, q, table))
	if err != nil {
		return h, fmt.Errorf("computing the tree hash of %d entries: %w", size, err)
	}
	return h, nil
}

// LatestCheckpoint returns the newest checkpoint, with its cosignatures; ENOTFOUND when
// none was signed.
func (s *Store) LatestCheckpoint(ctx context.Context) (*SignedCheckpoint, error) {
	limit := int64(1<<63 - 1)
	if s.past {
		limit = s.asOf
	}
	var size sql.NullInt64
	if err := s.rd(ctx).QueryRowContext(ctx, `SELECT max(size) FROM checkpoint WHERE size <= ?`, limit).Scan(&size); err != nil {
		return nil, classify(err, "reading the checkpoints")
	}
	if !size.Valid {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "the log has no signed checkpoint yet: sign one with `secretariat checkpoint --key FILE`, or run `secretariat serve --sign-key FILE`")
	}
	return checkpointAt(ctx, s.rd(ctx), size.Int64)
}

// CheckpointCovering returns the first checkpoint that covers journal entry seq: the
// earliest signature over the record as that entry left it. ENOTFOUND when none does yet.
func (s *Store) CheckpointCovering(ctx context.Context, seq int64) (*SignedCheckpoint, error) {
	var size sql.NullInt64
	if err := s.rd(ctx).QueryRowContext(ctx, `SELECT min(size) FROM checkpoint WHERE size >= ?`, seq).Scan(&size); err != nil {
		return nil, classify(err, "reading the checkpoints")
	}
	if !size.Valid {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "no signed checkpoint covers journal entry %d yet", seq)
	}
	return checkpointAt(ctx, s.rd(ctx), size.Int64)
}

// Checkpoint returns the checkpoint of a size; ENOTFOUND when the log signed none.
func (s *Store) Checkpoint(ctx context.Context, size int64) (*SignedCheckpoint, error) {
	return checkpointAt(ctx, s.rd(ctx), size)
}

func checkpointAt(ctx context.Context, q queryer, size int64) (*SignedCheckpoint, error) {
	var signed, logKey, at string
	err := q.QueryRowContext(ctx, `SELECT note, log_key, signed_at FROM checkpoint WHERE size = ?`, size).Scan(&signed, &logKey, &at)
	if err == sql.ErrNoRows {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "the log signed no checkpoint of %d entries", size)
	}
	if err != nil {
		return nil, classify(err, "reading the checkpoint")
	}
	text, _, err := translog.SplitNote([]byte(signed))
	if err != nil {
		return nil, fmt.Errorf("checkpoint %d: %w", size, err)
	}
	cp, err := translog.ParseCheckpoint(text)
	if err != nil {
		return nil, fmt.Errorf("checkpoint %d: %w", size, err)
	}
	c := &SignedCheckpoint{Checkpoint: cp, Note: []byte(signed), LogKey: logKey}
	if c.SignedAt, err = parseTime(at); err != nil {
		return nil, fmt.Errorf("checkpoint %d has a bad time %q", size, at)
	}
	rows, err := q.QueryContext(ctx, `SELECT state, witness_key, line, cosigned_at, received_at FROM cosignature WHERE size = ? ORDER BY state`, size)
	if err != nil {
		return nil, classify(err, "reading the cosignatures")
	}
	defer rows.Close()
	for rows.Next() {
		var cs StateCosignature
		var cat, rat string
		if err := rows.Scan(&cs.State, &cs.WitnessKey, &cs.Line, &cat, &rat); err != nil {
			return nil, classify(err, "reading the cosignatures")
		}
		cs.CosignedAt, _ = parseTime(cat)
		cs.ReceivedAt, _ = parseTime(rat)
		c.Cosignatures = append(c.Cosignatures, cs)
	}
	return c, classify(rows.Err(), "reading the cosignatures")
}

// RegisterWitnessKey records the verifier key with which a member state's witness
// cosigns the log's checkpoints. It is a verb: the key is part of the record, so that
// anyone can see which keys speak for which state.
func (s *Store) RegisterWitnessKey(ctx context.Context, stateID, vkey string) (Entry, error) {
	vkey = strings.TrimSpace(vkey)
	if _, err := translog.NewCosignatureVerifier(vkey); err != nil {
		return Entry{}, err
	}
	return s.run(ctx, "RegisterWitnessKey", func(tx *Tx) error {
		var st secretariat.MemberState
		if err := tx.Get("state", stateID, &st); err != nil {
			return err
		}
		var other string
		err := tx.QueryRow(`SELECT id FROM state WHERE `+s.d.jsonText("doc", "witness_key")+` = ? AND id <> ?`, vkey, stateID).Scan(&other)
		if err == nil {
			return secretariat.Errorf(secretariat.ECONFLICT, "the key is already %s's witness key: each state cosigns with a key of its own", other)
		}
		if err != sql.ErrNoRows {
			return classify(err, "looking up witness keys")
		}
		st.WitnessKey = vkey
		return tx.Put(&st)
	})
}

// WitnessKeys returns the member states' witness keys, in order of state ID.
func (s *Store) WitnessKeys(ctx context.Context) ([]translog.StateKey, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT id, `+s.d.jsonText("doc", "witness_key")+` FROM `+s.tbl("state")+` s
		WHERE `+s.d.jsonText("doc", "witness_key")+` IS NOT NULL ORDER BY id`)
	if err != nil {
		return nil, classify(err, "reading witness keys")
	}
	defer rows.Close()
	var out []translog.StateKey
	for rows.Next() {
		var k translog.StateKey
		if err := rows.Scan(&k.State, &k.Key); err != nil {
			return nil, classify(err, "reading witness keys")
		}
		out = append(out, k)
	}
	return out, classify(rows.Err(), "reading witness keys")
}

// MembersOn returns the number of states that were members on a date.
func (s *Store) MembersOn(ctx context.Context, d secretariat.Date) (int, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT doc FROM `+s.tbl("state")+` s`)
	if err != nil {
		return 0, classify(err, "reading the member states")
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return 0, classify(err, "reading the member states")
		}
		var st secretariat.MemberState
		if err := json.Unmarshal(doc, &st); err != nil {
			return 0, fmt.Errorf("reading a member state: %w", err)
		}
		if st.StandingOn(d) == secretariat.StandingMember {
			n++
		}
	}
	return n, classify(rows.Err(), "reading the member states")
}

// AddCosignature takes a witness's cosignature of a checkpoint the log signed: msg is
// the checkpoint's body, a blank line and signature lines. Each line that verifies with
// a member state's registered witness key is kept (once per state). It returns the
// states whose cosignatures were new, and refuses a message that carries none.
func (s *Store) AddCosignature(ctx context.Context, msg []byte) ([]string, error) {
	if s.writer == nil || s.past {
		return nil, secretariat.Errorf(secretariat.EFORBIDDEN, "keeping a cosignature: the record is open read-only")
	}
	if len(msg) > translog.MaxCheckpointSize {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the cosignature is longer than %d bytes", translog.MaxCheckpointSize)
	}
	text, _, err := translog.SplitNote(msg)
	if err != nil {
		return nil, err
	}
	cp, err := translog.ParseCheckpoint(text)
	if err != nil {
		return nil, err
	}
	keys, err := s.WitnessKeys(ctx)
	if err != nil {
		return nil, err
	}
	var verifiers []*translog.CosignatureVerifier
	state := map[string]string{}
	for _, k := range keys {
		v, err := translog.NewCosignatureVerifier(k.Key)
		if err != nil {
			continue // verify reports a key that cannot be read; it signs nothing here
		}
		verifiers = append(verifiers, v)
		state[k.Key] = k.State
	}
	var added []string
	err = s.accountWrite(ctx, "keeping a cosignature", func(tx *sqlTx) error {
		stored, err := checkpointAt(ctx, tx, cp.Size)
		if secretariat.ErrorCode(err) == secretariat.ENOTFOUND {
			return secretariat.Errorf(secretariat.ENOTFOUND, "the log signed no checkpoint of %d entries: cosign the one /checkpoint serves", cp.Size)
		}
		if err != nil {
			return err
		}
		storedText, _, _ := translog.SplitNote(stored.Note)
		if !bytes.Equal(storedText, text) {
			return secretariat.Errorf(secretariat.EINVALID, "the cosigned checkpoint of %d entries is not the one the log signed (root %s, not %s)", cp.Size, cp.RootBase64(), stored.RootBase64())
		}
		// The log's own signature verifies the note's body; the witnesses' lines are
		// what Cosignatures checks.
		logKey, err := translog.NewLogVerifier(stored.LogKey)
		if err != nil {
			return err
		}
		full := translog.WithSignatures(stored.Note, sigLines(msg)...)
		_, n, err := translog.Open(full, logKey)
		if err != nil {
			return err
		}
		cvs := verifiers
		now := s.clock().UTC().Format(timeLayout)
		for _, c := range translog.Cosignatures(n, cvs) {
			res, err := tx.ExecContext(ctx, `INSERT INTO cosignature(size, state, witness_key, line, cosigned_at, received_at) VALUES (?,?,?,?,?,?)
				ON CONFLICT(size, state) DO NOTHING`, cp.Size, state[c.Key], c.Key, c.Line, c.Time.Format(timeLayout), now)
			if err != nil {
				return classify(err, "keeping a cosignature")
			}
			if k, _ := res.RowsAffected(); k == 1 {
				added = append(added, state[c.Key])
			}
		}
		if len(added) == 0 && len(translog.Cosignatures(n, cvs)) == 0 {
			return secretariat.Errorf(secretariat.EINVALID, "no signature on it verifies with a member state's witness key: register the state's key with `secretariat keys register STATE VERIFIER_KEY`")
		}
		return nil
	})
	return added, err
}

// sigLines returns the signature lines of a signed note (none when it has no signature
// block).
func sigLines(msg []byte) []string {
	_, sigs, err := translog.SplitNote(msg)
	if err != nil {
		return nil
	}
	return sigs
}

// checkLog accounts for the checkpoints and cosignatures, after the replay: every
// checkpoint must be signed by the log key it names and sign the root the replayed tree
// has at its size; every cosignature must verify over its checkpoint with a witness key
// its state registered. It records the first it cannot explain in r.
func (vf *verification) checkLog(ctx context.Context, r *Report) error {
	q := vf.q
	rows, err := q.QueryContext(ctx, `SELECT size, origin, root, note, log_key FROM `+vf.live+`.checkpoint ORDER BY size`)
	if err != nil {
		return classify(err, "reading the checkpoints")
	}
	type cpRow struct {
		size                     int64
		origin, root, note, vkey string
	}
	var cps []cpRow
	for rows.Next() {
		var c cpRow
		if err := rows.Scan(&c.size, &c.origin, &c.root, &c.note, &c.vkey); err != nil {
			rows.Close()
			return classify(err, "reading the checkpoints")
		}
		cps = append(cps, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return classify(err, "reading the checkpoints")
	}
	notes := map[int64]*note.Note{}
	for _, c := range cps {
		key := fmt.Sprint(c.size)
		fail := func(format string, args ...any) {
			r.fail(0, "checkpoint", key, fmt.Sprintf("checkpoint %d: ", c.size)+fmt.Sprintf(format, args...))
		}
		if c.size > r.Entries {
			fail("it signs %d entries, but the journal has %d: the journal was cut short, or the checkpoint forged", c.size, r.Entries)
			return nil
		}
		v, err := translog.NewLogVerifier(c.vkey)
		if err != nil {
			fail("its log key cannot be read: %v", err)
			return nil
		}
		cp, n, err := translog.Open([]byte(c.note), v)
		if err != nil {
			fail("%v", err)
			return nil
		}
		if cp.Size != c.size || cp.Origin != c.origin || cp.RootBase64() != c.root {
			fail("its columns (origin, size, root) are not what its signed note says")
			return nil
		}
		root, err := treeHashIn(ctx, q, vf.replay+".tree_hash", c.size)
		if err != nil {
			return err
		}
		if root != cp.Root {
			fail("it signs the root %s, but the journal's first %d entries give the root %s: the journal was rewritten after it was signed", cp.RootBase64(), c.size, base64.StdEncoding.EncodeToString(root[:]))
			return nil
		}
		notes[c.size] = n
		r.Log.Checkpoints++
		r.Log.Size, r.Log.Root = cp.Size, cp.RootBase64()
	}
	// A cosignature must verify with a witness key its state registered at some time.
	keys := map[string]bool{}
	key := vf.d.jsonText("doc", "witness_key")
	krows, err := q.QueryContext(ctx, `SELECT id || ' ' || `+key+` FROM (SELECT id, doc FROM `+vf.replay+`.state_history UNION ALL SELECT id, doc FROM `+vf.replay+`.state) k WHERE `+key+` IS NOT NULL`)
	if err != nil {
		return classify(err, "reading the witness keys")
	}
	for krows.Next() {
		var k string
		if err := krows.Scan(&k); err != nil {
			krows.Close()
			return classify(err, "reading the witness keys")
		}
		keys[k] = true
	}
	krows.Close()
	crows, err := q.QueryContext(ctx, `SELECT size, state, witness_key, line FROM `+vf.live+`.cosignature ORDER BY size, state`)
	if err != nil {
		return classify(err, "reading the cosignatures")
	}
	defer crows.Close()
	for crows.Next() {
		var size int64
		var st, vkey, line string
		if err := crows.Scan(&size, &st, &vkey, &line); err != nil {
			return classify(err, "reading the cosignatures")
		}
		key := fmt.Sprintf("%d %s", size, st)
		fail := func(format string, args ...any) {
			r.fail(0, "cosignature", key, fmt.Sprintf("the cosignature of checkpoint %d by %s: ", size, st)+fmt.Sprintf(format, args...))
		}
		if !keys[st+" "+vkey] {
			fail("its key was never %s's witness key in the record", st)
			return nil
		}
		cv, err := translog.NewCosignatureVerifier(vkey)
		if err != nil {
			fail("%v", err)
			return nil
		}
		n := notes[size]
		if n == nil {
			fail("the checkpoint it cosigns is not kept")
			return nil
		}
		if _, err := translog.CheckCosignatureLine([]byte(n.Text), line, cv); err != nil {
			fail("%v", err)
			return nil
		}
		r.Log.Cosignatures++
	}
	return classify(crows.Err(), "reading the cosignatures")
}

// LogReport is what verify found of the transparency log: the checkpoints and
// cosignatures it checked, and the newest checkpoint's size and root.
type LogReport struct {
	Checkpoints  int64  `json:"checkpoints"`
	Cosignatures int64  `json:"cosignatures"`
	Size         int64  `json:"size,omitempty"`
	Root         string `json:"root,omitempty"`
}

// LogHead names the state of the transparency log's signatures: the latest checkpoint's
// size and the number of cosignatures kept. Pages that show them are kept by the page
// cache until it changes, as they are until the journal moves.
func (s *Store) LogHead(ctx context.Context) (string, error) {
	var size, cosigs int64
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT coalesce((SELECT max(size) FROM checkpoint), 0), (SELECT count(*) FROM cosignature)`).Scan(&size, &cosigs)
	if err != nil {
		return "", classify(err, "reading the log's head")
	}
	return fmt.Sprintf("%d/%d", size, cosigs), nil
}
