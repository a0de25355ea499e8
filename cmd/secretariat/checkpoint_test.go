package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"secretariat"
	"secretariat/internal/store"
)

// When serve signs: after every entries, or after the interval when anything is new,
// or at once when nothing was ever signed; never when nothing is new.
func TestACheckpointIsDueByCountOrByTime(t *testing.T) {
	const every, interval = 100, 10 * time.Minute
	for _, c := range []struct {
		head, signed int64
		since        time.Duration
		due          bool
	}{
		{head: 0, signed: 0, since: time.Hour, due: false},      // an empty journal
		{head: 5, signed: 0, since: 0, due: true},               // never signed
		{head: 150, signed: 50, since: 0, due: true},            // 100 new entries
		{head: 149, signed: 50, since: time.Minute, due: false}, // 99 new, 1 minute
		{head: 51, signed: 50, since: interval, due: true},      // 1 new, the interval passed
		{head: 50, signed: 50, since: time.Hour, due: false},    // nothing new, however long
	} {
		if got := checkpointDue(c.head, c.signed, c.since, every, interval); got != c.due {
			t.Errorf("head %d, signed %d, %s since: due %v, want %v", c.head, c.signed, c.since, got, c.due)
		}
	}
}

// serve's signer, running as serve runs it: it signs the journal at once, then signs a
// new entry when the interval has passed, and stops with its context.
func TestServeSignsCheckpointsAsTheRecordGrows(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	expect(t, run(t, nil, "demo", "--db", db), 0)
	key, _ := keyPair(t, dir, "csto.example/log", false)
	signer, err := logSigner(key)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	done := make(chan struct{})
	go func() {
		signPeriodically(ctx, st, signer, 1000, time.Second, slog.New(slog.NewTextHandler(io.Discard, nil)))
		close(done)
	}()
	signedUpTo := func(want int64) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if c, err := st.LatestCheckpoint(ctx); err == nil && c.Size == want {
				return
			}
		}
		c, err := st.LatestCheckpoint(ctx)
		t.Fatalf("no checkpoint of size %d within 30 s: latest %+v, %v", want, c, err)
	}
	head, _, err := st.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	signedUpTo(head) // never signed: at once
	if _, err := st.RegisterSource(ctx, secretariat.Source{ID: "new-source", Title: secretariat.T("Источник", "A source"),
		URL: "https://example.org/s", Class: secretariat.Media}); err != nil {
		t.Fatal(err)
	}
	signedUpTo(head + 1) // one entry, far fewer than 1000: signed when the second has passed
	cancel()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the signer did not stop with its context")
	}
}
