package main

import (
	"fmt"

	"secretariat/internal/translog"
)

func init() {
	register(command{name: "witness", summary: "as a member state's witness: check that the log grew consistently since the last checkpoint seen, cosign it, and hand the cosignature to the log", run: runWitness})
}

func runWitness(e *env, args []string) error {
	f := newFlags(e, "witness", "--url URL --key STATE_SIGNER_FILE --trust VERIFIER_KEY --state-dir DIR")
	url := f.String("url", "", "the log's address, as `secretariat serve` serves it (http://HOST:PORT)")
	keyFile := f.String("key", "", "the state's witness signer key file, from `secretariat keys generate --witness`")
	trust := f.String("trust", "", "the log's verifier key, or a file that holds it, as the log's keeper published it")
	dir := f.String("state-dir", "", "the witness's own directory: it keeps the last checkpoint cosigned, and the ones refused")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	switch {
	case *url == "":
		return usagef("give the log's address with --url")
	case *keyFile == "":
		return usagef("give the state's witness key file with --key")
	case *trust == "":
		return usagef("give the log's verifier key with --trust")
	case *dir == "":
		return usagef("give the witness's state directory with --state-dir")
	}
	vkey, err := keyArg(*trust)
	if err != nil {
		return err
	}
	logKey, err := translog.NewLogVerifier(vkey)
	if err != nil {
		return err
	}
	skey, err := translog.ReadKeyFile(*keyFile)
	if err != nil {
		return err
	}
	signer, err := translog.NewCosigner(skey, nil)
	if err != nil {
		return err
	}
	w := &translog.Witness{URL: *url, Log: logKey, Signer: signer, StateDir: *dir}
	res, err := w.Run(e.ctx)
	if err != nil {
		if res != nil && res.Cosignature != "" {
			fmt.Fprintf(e.stdout, "cosignature (hand it to the log by other means):\n%s\n", res.Cosignature)
		}
		return err
	}
	if res.Previous == nil {
		fmt.Fprintf(e.stdout, "first checkpoint seen: %s\n", res.Checkpoint)
	} else if res.Previous.Size == res.Checkpoint.Size {
		fmt.Fprintf(e.stdout, "the log has not grown since %s\n", res.Previous)
	} else {
		fmt.Fprintf(e.stdout, "the log grew consistently from %d to %s\n", res.Previous.Size, nEN(res.Checkpoint.Size, "entry", "entries"))
	}
	fmt.Fprintf(e.stdout, "cosigned %s as %s; the log answered: %s\n", res.Checkpoint, signer.Name(), res.Reply)
	return nil
}
