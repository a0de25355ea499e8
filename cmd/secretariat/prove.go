package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"secretariat/internal/translog"
)

func init() {
	register(command{name: "prove", summary: "write a record's proof bundle: the entries that wrote it, the signed checkpoint and their inclusion proofs", run: runProve})
	register(command{name: "check-proof", summary: "check a proof bundle against the log's verifier key, with no database, and say what it proves", run: runCheckProof})
}

func runProve(e *env, args []string) error {
	f := newFlags(e, "prove", "KIND ID [--out FILE] [--viewer public|officer|delegate:STATE]").withViewer()
	out := f.String("out", "", "write the bundle to this file instead of the standard output")
	pos, st, err := f.start(args, 2, 2, kindAndID)
	if err != nil {
		return err
	}
	defer st.Close()
	b, err := st.ProveRecord(e.ctx, f.reader(), pos[0], pos[1])
	if err != nil {
		return err
	}
	data, err := b.Marshal()
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = e.stdout.Write(data)
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return fmt.Errorf("writing the bundle: %w", err)
	}
	fmt.Fprintf(e.stderr, "wrote the proof of %s %s (%s, checkpoint of %s) to %s\n", pos[0], pos[1], nEN(len(b.Entries), "entry", "entries"), nEN(checkpointSize(b), "entry", "entries"), *out)
	return nil
}

func checkpointSize(b *translog.Bundle) int64 {
	text, _, err := translog.SplitNote([]byte(b.Checkpoint))
	if err != nil {
		return 0
	}
	c, _ := translog.ParseCheckpoint(text)
	return c.Size
}

// keyList is a repeatable flag of verifier keys (or files that hold them).
type keyList []string

func (k *keyList) String() string { return strings.Join(*k, ",") }

func (k *keyList) Set(s string) error {
	*k = append(*k, s)
	return nil
}

// errProofFailed makes the program exit 1 after check-proof has said what failed.
var errProofFailed = errors.New("the proof does not hold")

func runCheckProof(e *env, args []string) error {
	f := newFlags(e, "check-proof", "FILE --key VERIFIER_KEY [--witness VERIFIER_KEY ...]")
	logKey := f.String("key", "", "the log's verifier key, or a file that holds it, as the log's keeper published it")
	var witnesses keyList
	f.Var(&witnesses, "witness", "a member state's witness key you trust, or a file that holds it (repeatable): cosignatures are counted by these")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	if *logKey == "" {
		return usagef("give the log's verifier key with --key")
	}
	vkey, err := keyArg(*logKey)
	if err != nil {
		return err
	}
	verifier, err := translog.NewLogVerifier(vkey)
	if err != nil {
		return err
	}
	var trusted []*translog.CosignatureVerifier
	for _, w := range witnesses {
		k, err := keyArg(w)
		if err != nil {
			return err
		}
		cv, err := translog.NewCosignatureVerifier(k)
		if err != nil {
			return err
		}
		trusted = append(trusted, cv)
	}
	data, err := readInput(e, pos[0])
	if err != nil {
		return err
	}
	b, err := translog.ParseBundle(data)
	if err == nil {
		var v *translog.Verdict
		if v, err = translog.Check(b, verifier, trusted); err == nil {
			fmt.Fprintln(e.stdout, v.Sentence())
			return nil
		}
	}
	fmt.Fprintf(e.stdout, "NOT PROVEN: %s\n", errorText(err))
	return errProofFailed
}

// readInput reads a file, or the standard input for "-", up to the size of a bundle.
func readInput(e *env, path string) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = os.Stdin
	} else {
		fh, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read the bundle: %w", err)
		}
		defer fh.Close()
		r = fh
	}
	data, err := io.ReadAll(io.LimitReader(r, translog.MaxBundleSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the bundle: %w", err)
	}
	return data, nil
}
