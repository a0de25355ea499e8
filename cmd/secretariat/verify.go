package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"secretariat"
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
			fmt.Fprintf(e.stderr, "verify: replayed %d of %d entries\n", done, total)
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
		fmt.Fprintf(e.stdout, "ok: %d journal entries, %d records, %d versions, %d links, %d files; head %s\n", r.Entries, r.Records, r.Versions, r.Links, r.Files, r.Head)
		if r.Log.Checkpoints > 0 {
			fmt.Fprintf(e.stdout, "ok: %d %s and %d %s of the transparency log; the latest signs %d entries, root %s\n",
				r.Log.Checkpoints, secretariat.PluralEN(int(r.Log.Checkpoints), "signed checkpoint", "signed checkpoints"),
				r.Log.Cosignatures, secretariat.PluralEN(int(r.Log.Cosignatures), "cosignature", "cosignatures"), r.Log.Size, r.Log.Root)
		}
		return
	}
	if r.BadEntry > 0 {
		fmt.Fprintf(e.stdout, "FAILED at journal entry %d: %s\n", r.BadEntry, r.Problem)
	} else {
		fmt.Fprintf(e.stdout, "FAILED: %s\n", r.Problem)
	}
}
