package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"secretariat/internal/store"
)

func init() {
	register(command{name: "verify", summary: "prove the record unaltered: recompute the journal's hash chain and replay it against the tables", run: runVerify})
}

// errVerifyFailed makes the program exit 1 after verify has printed its findings.
var errVerifyFailed = errors.New("verification failed")

func runVerify(e *env, args []string) error {
	f := newFlags(e, "verify", "[--db FILE] [--json]").withJSON()
	_, st, err := f.start(args, 0, 0, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	last := time.Now()
	progress := func(done, total int64) {
		if time.Since(last) > time.Second || done == total {
			fmt.Fprintf(e.stderr, "verify: replayed %d of %s\n", done, nEN(total, "entry", "entries"))
			last = time.Now()
		}
	}
	r, err := st.Verify(e.ctx, progress)
	if err != nil {
		return err
	}
	if f.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	} else {
		printVerify(e, r)
	}
	if !r.OK {
		return errVerifyFailed
	}
	return nil
}

func printVerify(e *env, r store.Report) {
	for _, n := range r.Notes {
		fmt.Fprintf(e.stderr, "verify: note: %s\n", n)
	}
	if r.OK {
		fmt.Fprintf(e.stdout, "ok: %s, %s, %s, %s, %s; head %s\n", nEN(r.Entries, "journal entry", "journal entries"), nEN(r.Records, "record", "records"),
			nEN(r.Versions, "version", "versions"), nEN(r.Links, "link", "links"), nEN(r.Files, "file", "files"), r.Head)
		if r.Log.Checkpoints > 0 {
			fmt.Fprintf(e.stdout, "ok: %s and %s of the transparency log; the latest signs %s, root %s\n",
				nEN(r.Log.Checkpoints, "signed checkpoint", "signed checkpoints"), nEN(r.Log.Cosignatures, "cosignature", "cosignatures"),
				nEN(r.Log.Size, "entry", "entries"), r.Log.Root)
		}
		return
	}
	if r.BadEntry > 0 {
		fmt.Fprintf(e.stdout, "FAILED at journal entry %d: %s\n", r.BadEntry, r.Problem)
	} else {
		fmt.Fprintf(e.stdout, "FAILED: %s\n", r.Problem)
	}
}
