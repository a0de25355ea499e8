package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"secretariat/internal/store"
	"secretariat/internal/translog"
)

func init() {
	register(command{name: "checkpoint", summary: "sign the journal's tree head as a checkpoint with the log's key, and keep it in the record", run: runCheckpoint})
}

func runCheckpoint(e *env, args []string) error {
	f := newFlags(e, "checkpoint", "--key FILE [--db FILE]")
	keyFile := f.String("key", e.getenv("SECRETARIAT_SIGN_KEY"), "the log's signer key file, from `secretariat keys generate` (env SECRETARIAT_SIGN_KEY)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	signer, err := logSigner(*keyFile)
	if err != nil {
		return err
	}
	st, err := f.openWrite(false)
	if err != nil {
		return err
	}
	defer st.Close()
	c, created, err := st.SignCheckpoint(e.ctx, signer)
	if err != nil {
		return err
	}
	if !created {
		all := fmt.Sprintf("all %d entries", c.Size)
		if c.Size == 1 {
			all = "the 1 entry"
		}
		fmt.Fprintf(e.stderr, "checkpoint: the latest checkpoint already covers %s\n", all)
	}
	_, err = e.stdout.Write(c.Served())
	return err
}

// logSigner reads the log's signer key file.
func logSigner(path string) (*translog.LogSigner, error) {
	if path == "" {
		return nil, usagef("give the log's signer key file with --key (make one with `secretariat keys generate --name ORIGIN`)")
	}
	skey, err := translog.ReadKeyFile(path)
	if err != nil {
		return nil, err
	}
	return translog.NewLogSigner(skey)
}

// signPeriodically signs a checkpoint whenever every entries have been added since the
// last one, or interval has passed with any entry added, until ctx ends. It looks at the
// journal every few seconds; a failure is logged and tried again.
func signPeriodically(ctx context.Context, st *store.Store, signer *translog.LogSigner, every int64, interval time.Duration, log *slog.Logger) {
	poll := min(interval, 5*time.Second)
	tick := time.NewTicker(poll)
	defer tick.Stop()
	last := time.Now()
	sign := func() {
		c, created, err := st.SignCheckpoint(ctx, signer)
		if err != nil {
			log.Error("signing a checkpoint", "err", err)
			return
		}
		last = time.Now()
		if created {
			log.Info("signed a checkpoint", "size", c.Size, "root", c.RootBase64())
		}
	}
	for {
		n, _, err := st.Head(ctx)
		if err == nil && n > 0 {
			var signed int64
			if c, err := st.LatestCheckpoint(ctx); err == nil {
				signed = c.Size
			}
			if checkpointDue(n, signed, time.Since(last), every, interval) {
				sign()
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// checkpointDue says whether serve signs a checkpoint now: when the journal has grown
// past the last checkpoint, and either by every entries, or for interval since the last
// signing, or never signed at all (a log with no checkpoint has nothing to prove against).
func checkpointDue(head, signed int64, sinceLast time.Duration, every int64, interval time.Duration) bool {
	return head > signed && (head-signed >= every || sinceLast >= interval || signed == 0)
}

// serveSigning are serve's flags for signing checkpoints.
type serveSigning struct {
	key      *string
	every    *int64
	interval *time.Duration
}

func signFlags(e *env, f *flags) serveSigning {
	return serveSigning{
		key:      f.String("sign-key", e.getenv("SECRETARIAT_SIGN_KEY"), "sign checkpoints with the log's signer key file (env SECRETARIAT_SIGN_KEY); without it, serve signs none"),
		every:    f.Int64("checkpoint-every", 100, "sign a checkpoint after this many new journal entries"),
		interval: f.Duration("checkpoint-interval", 10*time.Minute, "or after this long, when any entry is new"),
	}
}

// signer reads the signer key, if serve was given one.
func (s serveSigning) signer() (*translog.LogSigner, error) {
	if *s.key == "" {
		return nil, nil
	}
	if *s.every < 1 || *s.interval < time.Second {
		return nil, usagef("--checkpoint-every must be at least 1 and --checkpoint-interval at least 1s")
	}
	return logSigner(*s.key)
}
