package store

import (
	"context"
	"sync/atomic"
	"time"
)

// A store on PostgreSQL may read from a streaming replica (Options.ReadDB) and write to
// the primary. The replica lags a little behind; a reader who has just written, and must
// see the write, says so with the journal entry it wrote (AtLeast): its reads then wait,
// a bounded while, for the replica to have replayed that far, and go to the primary
// otherwise. Accounts and sign-ins are always read from the primary, so that a sign-in
// holds on the very next request.

// ReplicaWait bounds how long a read waits for the replica to catch up before it goes
// to the primary instead.
var ReplicaWait = 500 * time.Millisecond

type seenKey struct{}

// AtLeast returns a context whose reads must see journal entry seq: the entry a reader
// has just written, or saw written.
func AtLeast(ctx context.Context, seq int64) context.Context {
	if seq <= 0 {
		return ctx
	}
	if prev, ok := ctx.Value(seenKey{}).(int64); ok && prev >= seq {
		return ctx
	}
	return context.WithValue(ctx, seenKey{}, seq)
}

// primary is the pool that reads the primary: the readers themselves but on a store that
// reads from a replica.
func (s *Store) primary() *db {
	if s.primaryReads != nil {
		return s.primaryReads
	}
	return s.readers
}

// rd is the pool a read in ctx goes to: the replica, unless the read must see an entry
// the replica has not replayed within ReplicaWait.
func (s *Store) rd(ctx context.Context) *db {
	if s.primaryReads == nil {
		return s.readers
	}
	want, ok := ctx.Value(seenKey{}).(int64)
	if !ok || want <= s.replicaSeq.Load() {
		return s.readers
	}
	deadline := time.Now().Add(ReplicaWait)
	for {
		var seq int64
		err := s.readers.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM journal`).Scan(&seq)
		if err == nil {
			s.replicaSeq.Store(max(seq, s.replicaSeq.Load()))
			if seq >= want {
				return s.readers
			}
		}
		if err != nil || time.Now().After(deadline) {
			s.replicaFallbacks.Add(1)
			return s.primaryReads
		}
		select {
		case <-ctx.Done():
			return s.primaryReads
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// ReplicaFallbacks counts the reads that went to the primary because the replica had not
// caught up in time.
func (s *Store) ReplicaFallbacks() int64 { return s.replicaFallbacks.Load() }

// PrimaryHead returns the journal's head as the primary has it: what a writer just wrote.
func (s *Store) PrimaryHead(ctx context.Context) (int64, error) {
	seq, _, _, err := head(ctx, s.primary())
	return seq, err
}

// replicaState is what a store that reads from a replica knows of it.
type replicaState struct {
	// replicaSeq is the latest journal entry the replica was seen to have.
	replicaSeq atomic.Int64
	// replicaFallbacks counts reads sent to the primary instead.
	replicaFallbacks atomic.Int64
}
