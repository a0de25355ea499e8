package store

import (
	"context"
	"encoding/json"
	"fmt"

	"secretariat"
	"secretariat/internal/translog"
)

// ProveRecord makes the proof bundle of a record for a reader: every journal entry that
// wrote a version of it (up to the latest checkpoint), the checkpoint with its
// cosignatures, and each entry's inclusion proof. The access policy applies as to every
// read: a record the reader may not see is not found, and an entry that also wrote a
// record the reader may not see (as that entry wrote it, or as it stands now) is given
// as its leaf hash only, which proves its place in the log and tells nothing of it.
func (s *Store) ProveRecord(ctx context.Context, v secretariat.Viewer, kind, id string) (*translog.Bundle, error) {
	if _, err := s.Get(ctx, v, kind, id); err != nil {
		return nil, err
	}
	cp, err := s.LatestCheckpoint(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT seq FROM (SELECT seq FROM `+table(kind)+`_history WHERE id = ? UNION ALL SELECT seq FROM `+table(kind)+` WHERE id = ?) v WHERE seq <= ? ORDER BY seq`, id, id, cp.Size)
	if err != nil {
		return nil, classify(err, "finding the entries that wrote "+kind+" "+id)
	}
	var seqs []int64
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			rows.Close()
			return nil, classify(err, "finding the entries that wrote "+kind+" "+id)
		}
		seqs = append(seqs, seq)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(err, "finding the entries that wrote "+kind+" "+id)
	}
	if len(seqs) == 0 {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "%s %s was written after the latest checkpoint (%d entries): it can be proven once the log signs a newer one", kind, id, cp.Size)
	}
	jcs, err := jcsFrom(ctx, s.rd(ctx))
	if err != nil {
		return nil, err
	}
	b := &translog.Bundle{Format: translog.BundleFormat, Kind: kind, ID: id, Viewer: v.String(), Checkpoint: string(cp.Served())}
	seen := map[string]bool{}
	for _, seq := range seqs {
		e, err := s.Entry(ctx, seq)
		if err != nil {
			return nil, err
		}
		leaf := e.leaf(jcs)
		proof, err := s.ProveInclusion(ctx, seq, cp.Size)
		if err != nil {
			return nil, err
		}
		l := translog.Leaf{Seq: seq, Proof: translog.EncodeHashes(proof)}
		visible, err := s.entryVisible(ctx, v, &e, seen)
		if err != nil {
			return nil, err
		}
		if visible {
			l.Entry = string(leaf)
		} else {
			l.LeafHash = translog.LeafHashBase64(leaf)
			l.Withheld = "the entry also wrote a record you may not see"
		}
		b.Entries = append(b.Entries, l)
	}
	if b.Witnesses, err = s.WitnessKeys(ctx); err != nil {
		return nil, err
	}
	if b.Members, err = s.MembersOn(ctx, secretariat.DateOf(cp.SignedAt)); err != nil {
		return nil, err
	}
	return b, nil
}

// entryVisible reports whether the viewer may see every record an entry wrote, both as
// the entry wrote it and as it stands now; seen remembers the records' present answer.
func (s *Store) entryVisible(ctx context.Context, v secretariat.Viewer, e *Entry, seen map[string]bool) (bool, error) {
	if v.SeesAll() {
		return true, nil
	}
	changes, err := e.Changes()
	if err != nil {
		return false, err
	}
	for _, c := range changes {
		if !classified(c.Kind) {
			continue
		}
		var a secretariat.Access
		if err := json.Unmarshal(c.Doc, &a); err != nil {
			return false, fmt.Errorf("journal entry %d: reading the access of %s %s: %w", e.Seq, c.Kind, c.ID, err)
		}
		if !v.CanSee(a) {
			return false, nil
		}
		k := key(c.Kind, c.ID)
		now, ok := seen[k]
		if !ok {
			_, err := s.Get(ctx, v, c.Kind, c.ID)
			if err != nil && secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
				return false, err
			}
			now = err == nil
			seen[k] = now
		}
		if !now {
			return false, nil
		}
	}
	return true, nil
}
