package main

import (
	"context"
	"fmt"
	"os"

	"secretariat/internal/demo"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "demo", summary: "load the built-in demo record (2017–2021) into an empty database", run: runDemo,
		stopped: "nothing was written: the demo loads in one transaction, which was rolled back (and a database file this command made was removed)"})
}

func runDemo(e *env, args []string) error {
	f := newFlags(e, "demo", "[--db FILE]")
	quiet := f.Bool("quiet", false, "print no progress")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	_, statErr := os.Stat(f.db)
	created := os.IsNotExist(statErr)
	st, err := f.openWrite(true)
	if err != nil {
		return err
	}
	err = loadDemo(e, st, f.db, *quiet)
	st.Close()
	if err != nil && created {
		// The load is one transaction, so nothing of it is in the file; a file this
		// command created is removed too, leaving the disk as it was.
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(f.db + suffix)
		}
	}
	return err
}

// loadDemo loads the demo into st, which must hold no record yet.
func loadDemo(e *env, st *store.Store, path string, quiet bool) error {
	n, _, err := st.Head(e.ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%s already holds a record (%d journal entries); the demo loads only into an empty database", path, n)
	}
	progress := func(step string) {
		if !quiet {
			fmt.Fprintf(e.stderr, "demo: %s\n", step)
		}
	}
	if err := demo.Load(e.ctx, st, progress); err != nil {
		return fmt.Errorf("loading the demo: %w", err)
	}
	// Read after the commit, so that a signal now cannot make a done load look undone
	// (and remove the file it made).
	n, head, err := st.Head(context.WithoutCancel(e.ctx))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: demo record loaded: %s, head %s\n", path, nEN(n, "journal entry", "journal entries"), head)
	return nil
}
