package main

import (
	"context"
	"fmt"

	"secretariat/internal/store"
)

func init() {
	register(command{name: "init", summary: "create an empty record, or upgrade one to this program's schema", run: runInit,
		stopped: "nothing was written: making or upgrading the schema is one transaction, and it was rolled back"})
}

func runInit(e *env, args []string) error {
	f := newFlags(e, "init", "[--db FILE]")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	st, err := f.openWrite(true)
	if err != nil {
		return err
	}
	defer st.Close()
	// Read after the commit, so that a signal now cannot make a done upgrade look undone.
	n, head, err := st.Head(context.WithoutCancel(e.ctx))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: schema version %d, %s, head %s\n", f.db, store.SchemaVersion(), nEN(n, "journal entry", "journal entries"), head)
	return nil
}
