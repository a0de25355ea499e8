package main

import (
	"crypto/rand"
	"fmt"
	"os"
	"strings"

	"secretariat/internal/translog"
)

func init() {
	register(command{name: "keys", summary: "keys of the transparency log: generate a signer key (the log's, or a witness's), register a state's witness key, list them", run: runKeys})
}

func runKeys(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("give a subcommand: generate, register or list")
	}
	switch args[0] {
	case "generate":
		return runKeysGenerate(e, args[1:])
	case "register":
		return runKeysRegister(e, args[1:])
	case "list":
		return runKeysList(e, args[1:])
	case "-h", "--help", "help":
		fmt.Fprintln(e.stdout, "Usage: secretariat keys generate --name NAME [--witness] [--out FILE]\n       secretariat keys register STATE VERIFIER_KEY [--db FILE]\n       secretariat keys list [--db FILE]")
		return nil
	}
	return usagef("unknown subcommand %q: use generate, register or list", args[0])
}

// runKeysGenerate writes a signer key file, readable by its owner only, and prints the
// verifier key. The signer key never enters the database.
func runKeysGenerate(e *env, args []string) error {
	f := newFlags(e, "keys generate", "--name NAME [--witness] [--out FILE]")
	name := f.String("name", "", "the key's name: the log's origin (such as example.org/secretariat), or the witness's name (such as kg.example.org/witness)")
	witness := f.Bool("witness", false, "make a member state's witness key, which cosigns checkpoints (C2SP tlog-cosignature), instead of the log's key")
	out := f.String("out", "", "the signer key file to write (default NAME.key, with / as _); it is never overwritten")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if *name == "" {
		return usagef("give the key's name with --name")
	}
	kind := translog.LogKey
	if *witness {
		kind = translog.WitnessKey
	}
	skey, vkey, err := translog.GenerateKey(rand.Reader, *name, kind)
	if err != nil {
		return err
	}
	path := *out
	if path == "" {
		path = strings.NewReplacer("/", "_", ":", "_").Replace(*name) + ".key"
	}
	if err := translog.WriteKeyFile(path, skey); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote the signer key to %s (mode 0600): keep it secret, and out of the database\n", path)
	fmt.Fprintln(e.stdout, vkey)
	return nil
}

func runKeysRegister(e *env, args []string) error {
	f := newFlags(e, "keys register", "STATE VERIFIER_KEY [--db FILE]")
	pos, err := f.parse(args, 2, 2)
	if err != nil {
		return err
	}
	vkey, err := keyArg(pos[1])
	if err != nil {
		return err
	}
	st, err := f.openWrite(false)
	if err != nil {
		return err
	}
	defer st.Close()
	entry, err := st.RegisterWitnessKey(e.ctx, pos[0], vkey)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "registered %s's witness key (journal entry %d)\n", pos[0], entry.Seq)
	return nil
}

func runKeysList(e *env, args []string) error {
	f := newFlags(e, "keys list", "[--db FILE] [--json]").withJSON()
	_, st, err := f.start(args, 0, 0, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	keys, err := st.WitnessKeys(e.ctx)
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(e.stdout, keys)
	}
	if len(keys) == 0 {
		fmt.Fprintln(e.stdout, "no member state has registered a witness key (secretariat keys register STATE VERIFIER_KEY)")
	}
	for _, k := range keys {
		fmt.Fprintf(e.stdout, "%s\t%s\n", k.State, k.Key)
	}
	return nil
}

// keyArg reads a verifier key given on the command line, or the file that holds it.
func keyArg(s string) (string, error) {
	if strings.Count(s, "+") >= 2 && !strings.ContainsAny(s, "\n") {
		if _, err := os.Stat(s); err != nil {
			return s, nil
		}
	}
	b, err := os.ReadFile(s)
	if err != nil {
		return "", usagef("%q is neither a verifier key (NAME+HASH+KEY) nor a file that holds one", s)
	}
	return strings.TrimSpace(string(b)), nil
}
