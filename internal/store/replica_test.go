package store

import (
	"context"
	"testing"
	"time"

	"secretariat"
	"secretariat/internal/testkit"
)

// A real streaming replica (pg_basebackup -R, a second server): reads go to it, and a
// reader who has just written sees the write, whether the replica has replayed it in
// time or the read goes to the primary.
func TestReadsFromAReplicaSeeTheReadersOwnWrites(t *testing.T) {
	if !testkit.OnPostgres() {
		t.Skip("PostgreSQL only: streaming replication is PostgreSQL's (the test command's PostgreSQL run runs it)")
	}
	primary := testkit.StartPostgres(t)
	primary.Exec(t, "postgres", `CREATE DATABASE record`)
	replica := testkit.StartReplica(t, primary)
	ctx := context.Background()
	st, err := Open(ctx, primary.URL("record"), Options{Create: true, ReadDB: replica.URL("record"), Actor: "test"})
	check(t, err)
	defer st.Close()
	if st.readers == st.writer || st.primaryReads != st.writer {
		t.Fatal("the store does not read from the replica")
	}
	seedMembers(t, st, "AA", "BB")
	// Let the replica replay the schema and the seed: a new replica may lag at first.
	head, err := st.PrimaryHead(ctx)
	check(t, err)
	waitForReplica(t, st, head)
	saved := ReplicaWait
	ReplicaWait = 2 * time.Second
	defer func() { ReplicaWait = saved }()

	// The replica keeps up: a read that must see the write waits for it and reads the replica.
	e, err := st.RegisterSource(ctx, secretariat.Source{ID: "s1", Title: secretariat.T("И", "S"), URL: "https://example.org/1", Class: secretariat.Media})
	check(t, err)
	if _, err := st.Get(AtLeast(ctx, e.Seq), secretariat.Secretariat, "source", "s1"); err != nil {
		t.Fatalf("the writer does not see its write: %v", err)
	}
	if st.ReplicaFallbacks() != 0 {
		t.Fatalf("%d reads went to the primary while the replica kept up", st.ReplicaFallbacks())
	}

	// The replica stops replaying: the write is not on it, and the writer's read goes to
	// the primary after the bounded wait.
	replica.Exec(t, "record", `SELECT pg_wal_replay_pause()`)
	ReplicaWait = 300 * time.Millisecond
	e, err = st.RegisterSource(ctx, secretariat.Source{ID: "s2", Title: secretariat.T("И", "S"), URL: "https://example.org/2", Class: secretariat.Media})
	check(t, err)
	if _, err := st.Get(ctx, secretariat.Secretariat, "source", "s2"); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatalf("a paused replica has the new source: %v", err)
	}
	if _, err := st.Get(AtLeast(ctx, e.Seq), secretariat.Secretariat, "source", "s2"); err != nil {
		t.Fatalf("the writer does not see its write while the replica lags: %v", err)
	}
	if st.ReplicaFallbacks() == 0 {
		t.Fatal("the read that must see the write did not go to the primary")
	}
	replica.Exec(t, "record", `SELECT pg_wal_replay_resume()`)
	waitForReplica(t, st, e.Seq)
	if _, err := st.Get(ctx, secretariat.Secretariat, "source", "s2"); err != nil {
		t.Fatalf("the replica caught up but does not have the source: %v", err)
	}
	if r := must[Report](t)(st.Verify(ctx, nil)); !r.OK {
		t.Fatalf("verify: %+v", r)
	}
}

// waitForReplica waits until the store's replica has replayed journal entry seq.
func waitForReplica(t *testing.T, st *Store, seq int64) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var n int64
		if err := st.readers.QueryRow(`SELECT coalesce(max(seq), 0) FROM journal`).Scan(&n); err == nil && n >= seq {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the replica has not replayed entry %d after 30 s", seq)
		}
	}
}
