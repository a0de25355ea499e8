package main

import (
	"fmt"
	"time"

	"secretariat/internal/store"
)

func init() {
	register(command{name: "migrate-store", summary: "copy the whole record, with its journal and files, from one database to another (SQLite ↔ PostgreSQL)", run: runMigrateStore,
		stopped: "the copy is one transaction on the target: nothing of it was written"})
}

func runMigrateStore(e *env, args []string) error {
	f := newFlags(e, "migrate-store", "--from FILE|postgres://… --to FILE|postgres://…")
	from := f.String("from", "", "the record to copy: a SQLite file or a postgres:// URL")
	to := f.String("to", "", "an empty database to copy it into (made if missing): a SQLite file or a postgres:// URL")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return usagef("give both --from and --to")
	}
	src, err := store.Open(e.ctx, *from, store.Options{ReadOnly: true, BusyTimeout: busyTimeout(e)})
	if err != nil {
		return err
	}
	defer src.Close()
	n, head, err := src.Head(e.ctx)
	if err != nil {
		return err
	}
	e.wrote = true
	dst, err := store.Open(e.ctx, *to, store.Options{Create: true, BusyTimeout: busyTimeout(e)})
	if err != nil {
		return err
	}
	defer dst.Close()
	start, last := time.Now(), time.Time{}
	err = store.CopyRecord(e.ctx, src, dst, func(done, total int64) {
		if time.Since(last) > time.Second || done == total {
			fmt.Fprintf(e.stderr, "migrate-store: %d of %s\n", done, nEN(total, "journal entry", "journal entries"))
			last = time.Now()
		}
	})
	if err != nil {
		return err
	}
	r, err := dst.Verify(e.ctx, nil)
	if err != nil {
		return err
	}
	if !r.OK || r.Head != head {
		return fmt.Errorf("the copy in %s does not verify (%s; head %s, the source's %s): it must not be used", dst.Path(), r.Problem, r.Head, head)
	}
	fmt.Fprintf(e.stdout, "copied %s, %s and %s from %s to %s in %s; the copy verifies with the same head %s\n",
		nEN(n, "journal entry", "journal entries"), nEN(r.Records, "record", "records"), nEN(r.Files, "file", "files"), src.Path(), dst.Path(), time.Since(start).Round(time.Millisecond), head)
	return nil
}
