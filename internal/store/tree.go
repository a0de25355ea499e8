package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"secretariat"
)

// The transparency log's tree: every journal entry is a leaf of an RFC 6962 Merkle tree
// (golang.org/x/mod/sumdb/tlog), whose data is the entry's canonical bytes as the chain
// hashes them. The tree's stored hashes (table tree_hash, migration 6) are written by
// the verb that appends the entry, in its transaction; replay writes them the same way,
// so verify compares them row by row like any table of the record.

// keepTree turns the tree off for the import benchmark's baseline (export_test.go); a
// record written without it fails verify.
var keepTree = true

// leaf returns the entry's canonical bytes, as the chain hashes them: RFC 8785 from entry
// jcsFrom on, the first canonical form before (legacy.go).
func (e *Entry) leaf(jcsFrom int64) []byte {
	at := e.At.UTC().Format(timeLayout)
	if e.Seq < jcsFrom {
		return legacyCanonicalEntry(e.Seq, at, e.Actor, e.Verb, e.Entity, e.ID, e.After)
	}
	return CanonicalEntry(e.Seq, at, e.Actor, e.Verb, e.Entity, e.ID, e.After)
}

// LeafData returns journal entry seq's canonical bytes, whichever canonical form it was
// hashed in: the data of its leaf in the tree.
func (s *Store) LeafData(ctx context.Context, seq int64) ([]byte, error) {
	e, err := s.Entry(ctx, seq)
	if err != nil {
		return nil, err
	}
	jcs, err := jcsFrom(ctx, s.rd(ctx))
	if err != nil {
		return nil, err
	}
	return e.leaf(jcs), nil
}

// treeIO reads and writes stored hashes where a leaf is appended: a verb's transaction
// or the replay's.
type treeIO interface {
	readHash(idx int64) ([]byte, error)
	writeHash(idx, seq int64, h tlog.Hash) error
}

// appendLeaf adds journal entry seq's leaf to the tree: the hashes the leaf completes.
func appendLeaf(t treeIO, seq int64, leaf []byte) error {
	if !keepTree {
		return nil
	}
	n := seq - 1
	hashes, err := tlog.StoredHashes(n, leaf, hashReader(t.readHash))
	if err != nil {
		return fmt.Errorf("adding entry %d to the tree: %w", seq, err)
	}
	base := tlog.StoredHashIndex(0, n)
	for i, h := range hashes {
		if err := t.writeHash(base+int64(i), seq, h); err != nil {
			return fmt.Errorf("adding entry %d to the tree: %w", seq, err)
		}
	}
	return nil
}

// hashReader reads stored hashes one index at a time; a missing one is an error that
// names it.
func hashReader(read func(idx int64) ([]byte, error)) tlog.HashReaderFunc {
	return func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, idx := range indexes {
			b, err := read(idx)
			if err == sql.ErrNoRows {
				return nil, fmt.Errorf("the tree has no stored hash %d", idx)
			}
			if err != nil {
				return nil, err
			}
			if len(b) != tlog.HashSize {
				return nil, fmt.Errorf("stored hash %d is %d bytes, not %d", idx, len(b), tlog.HashSize)
			}
			copy(out[i][:], b)
		}
		return out, nil
	}
}

// verbTree appends leaves in a verb's transaction, with statements prepared once per batch.
type verbTree struct{ tx *Tx }

func (t verbTree) readHash(idx int64) ([]byte, error) {
	var b []byte
	err := t.tx.scanRow(`SELECT hash FROM tree_hash WHERE idx = ?`, []any{idx}, &b)
	return b, err
}

func (t verbTree) writeHash(idx, seq int64, h tlog.Hash) error {
	return t.tx.exec(`INSERT INTO tree_hash(idx, seq, hash) VALUES (?, ?, ?)`, idx, seq, h[:])
}

// replayTree appends leaves in the replay's transaction.
type replayTree struct {
	ctx context.Context
	ps  *replayStatements
}

func (t replayTree) readHash(idx int64) ([]byte, error) {
	st, err := t.ps.stmt(t.ctx, `SELECT hash FROM tree_hash WHERE idx = ?`)
	if err != nil {
		return nil, err
	}
	var b []byte
	err = st.QueryRowContext(t.ctx, idx).Scan(&b)
	return b, err
}

func (t replayTree) writeHash(idx, seq int64, h tlog.Hash) error {
	st, err := t.ps.stmt(t.ctx, `INSERT INTO tree_hash(idx, seq, hash) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(t.ctx, idx, seq, h[:])
	return err
}

// readerTree reads stored hashes through q (the store's readers, or a snapshot), all
// those a proof needs in one query.
func readerTree(ctx context.Context, q queryer, table string) tlog.HashReaderFunc {
	return func(indexes []int64) ([]tlog.Hash, error) {
		if len(indexes) == 0 {
			return nil, nil
		}
		args := make([]any, len(indexes))
		for i, x := range indexes {
			args[i] = x
		}
		rows, err := q.QueryContext(ctx, `SELECT idx, hash FROM `+table+` WHERE idx IN (?`+strings.Repeat(",?", len(indexes)-1)+`)`, args...)
		if err != nil {
			return nil, classify(err, "reading the tree")
		}
		defer rows.Close()
		got := make(map[int64][]byte, len(indexes))
		for rows.Next() {
			var idx int64
			var b []byte
			if err := rows.Scan(&idx, &b); err != nil {
				return nil, classify(err, "reading the tree")
			}
			got[idx] = b
		}
		if err := rows.Err(); err != nil {
			return nil, classify(err, "reading the tree")
		}
		return hashReader(func(idx int64) ([]byte, error) {
			b, ok := got[idx]
			if !ok {
				return nil, sql.ErrNoRows
			}
			return b, nil
		})(indexes)
	}
}

// TreeHead returns the tree over the whole journal: its size (the number of entries)
// and root hash.
func (s *Store) TreeHead(ctx context.Context) (int64, tlog.Hash, error) {
	n, _, err := s.Head(ctx)
	if err != nil {
		return 0, tlog.Hash{}, err
	}
	h, err := s.TreeHash(ctx, n)
	return n, h, err
}

// TreeHash returns the root hash of the tree of the first size entries.
func (s *Store) TreeHash(ctx context.Context, size int64) (tlog.Hash, error) {
	if err := s.checkSize(ctx, size); err != nil {
		return tlog.Hash{}, err
	}
	h, err := tlog.TreeHash(size, readerTree(ctx, s.rd(ctx), "tree_hash"))
	if err != nil {
		return h, fmt.Errorf("computing the tree hash of %d entries: %w", size, err)
	}
	return h, nil
}

// ProveInclusion returns the proof that journal entry seq is the leaf seq-1 of the tree
// of the first size entries.
func (s *Store) ProveInclusion(ctx context.Context, seq, size int64) ([]tlog.Hash, error) {
	if err := s.checkSize(ctx, size); err != nil {
		return nil, err
	}
	if seq < 1 || seq > size {
		return nil, secretariat.Errorf(secretariat.EINVALID, "journal entry %d is not in a tree of %d entries", seq, size)
	}
	p, err := tlog.ProveRecord(size, seq-1, readerTree(ctx, s.rd(ctx), "tree_hash"))
	if err != nil {
		return nil, fmt.Errorf("proving entry %d in the tree of %d entries: %w", seq, size, err)
	}
	return p, nil
}

// ProveConsistency returns the proof that the tree of the first old entries is a prefix
// of the tree of the first size entries.
func (s *Store) ProveConsistency(ctx context.Context, old, size int64) ([]tlog.Hash, error) {
	if err := s.checkSize(ctx, size); err != nil {
		return nil, err
	}
	if old < 1 || old > size {
		return nil, secretariat.Errorf(secretariat.EINVALID, "no consistency proof from %d to %d entries: the old size must be between 1 and the new", old, size)
	}
	p, err := tlog.ProveTree(size, old, readerTree(ctx, s.rd(ctx), "tree_hash"))
	if err != nil {
		return nil, fmt.Errorf("proving the tree of %d entries consistent with %d: %w", size, old, err)
	}
	return p, nil
}

// checkSize refuses a tree size beyond the journal.
func (s *Store) checkSize(ctx context.Context, size int64) error {
	n, _, _, err := head(ctx, s.rd(ctx))
	if err != nil {
		return err
	}
	if size < 0 || size > n {
		return secretariat.Errorf(secretariat.ENOTFOUND, "the journal has %d entries, so there is no tree of %d", n, size)
	}
	return nil
}

// memTree builds a tree in memory, from the first leaf on: the migration's fill, and
// the benchmark of building the tree from scratch. It stores the same hashes in the same
// order as tlog.StoredHashes (the tests hold the two to transparency-dev/merkle), but
// reads the earlier hashes straight from memory and hashes without allocating: building
// the tree of a long journal is then bound by SHA-256 alone.
type memTree struct {
	hashes []tlog.Hash
	leaves int64
	buf    []byte
}

// add appends the next leaf and returns the hashes it stored.
func (m *memTree) add(leaf []byte) []tlog.Hash {
	n := m.leaves
	base := len(m.hashes)
	m.buf = append(append(m.buf[:0], 0), leaf...) // RFC 6962's leaf prefix, as tlog.RecordHash writes it
	h := tlog.Hash(sha256.Sum256(m.buf))
	m.hashes = append(m.hashes, h)
	// Each trailing 1 bit of n completes a subtree: its hash joins the left sibling,
	// stored earlier, with the subtree just completed.
	for level := 0; (n>>level)&1 == 1; level++ {
		left := m.hashes[tlog.StoredHashIndex(level, n>>level-1)]
		h = tlog.NodeHash(left, h)
		m.hashes = append(m.hashes, h)
	}
	m.leaves++
	return m.hashes[base:]
}

// fillTree is migration 6's step: it builds the tree of a record made before it, from
// its journal, in memory, and stores its hashes.
func fillTree(ctx context.Context, tx *sqlTx) error {
	jcs, err := jcsFrom(ctx, tx)
	if err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO tree_hash(idx, seq, hash) VALUES (?, ?, ?)`)
	if err != nil {
		return classify(err, "building the tree")
	}
	defer st.Close()
	var m memTree
	return entries(ctx, tx, 1, func(e Entry) error {
		base := int64(len(m.hashes))
		for i, h := range m.add(e.leaf(jcs)) {
			if _, err := st.ExecContext(ctx, base+int64(i), e.Seq, h[:]); err != nil {
				return classify(err, "building the tree")
			}
		}
		return nil
	})
}
