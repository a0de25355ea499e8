package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"secretariat"
	"secretariat/internal/exchange"
)

func init() {
	register(command{name: "import", summary: "load recorded votes (rollcall), operation figures (figures-json, figures-csv), Akoma Ntoso debates and decisions (akn), Popolo (popolo), or a whole record (bundle), atomically", run: runImport,
		stopped: "nothing was written: the import is one transaction, and it was rolled back; the record is as it was"})
	register(command{name: "convert", summary: "convert an outside archive to a format `import` reads (unvotes: the UN General Assembly's votes)", run: runConvert,
		stopped: "nothing was written: the unfinished output file was removed"})
}

func runImport(e *env, args []string) error {
	f := newFlags(e, "import", "--format rollcall|figures-json|figures-csv|akn|popolo|bundle FILE [--skip-bad] [--json]").withJSON()
	format := f.String("format", "", "the file's format: rollcall, figures-json, figures-csv, akn (a document, or a directory of them), popolo or bundle (into an empty record)")
	skipBad := f.Bool("skip-bad", false, "load the good lines and report the malformed ones, instead of loading nothing")
	class := f.String("class", "", "popolo: the class of a document that is one Popolo object (organization, membership, event, motion, vote_event…), when its fields do not tell")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	if *skipBad && *format != "rollcall" {
		return usagef("--skip-bad is for roll calls only: every other import loads all of its file or nothing")
	}
	switch *format {
	case "rollcall":
	case "figures-json", "figures-csv":
		return importFigures(e, f, pos[0], strings.TrimPrefix(*format, "figures-"))
	case "bundle":
		return importBundle(e, f, pos[0])
	case "akn":
		return importAKN(e, f, pos[0])
	case "popolo":
		return importPopolo(e, f, pos[0], *class)
	default:
		return usagef("--format must be rollcall (the columns %v), figures-json, figures-csv, akn, popolo or bundle", exchange.RollCallColumns)
	}

	in, err := openInput(e, pos[0])
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := f.openWrite(false)
	if err != nil {
		return err
	}
	defer st.Close()
	start, last := time.Now(), time.Time{}
	fmt.Fprintf(e.stderr, "import: reading %s\n", pos[0])
	sum, err := exchange.ImportRollCalls(e.ctx, st, in, exchange.ImportOptions{SkipBad: *skipBad, Name: pos[0],
		Progress: func(done, total int) {
			if time.Since(last) > time.Second || done == total {
				fmt.Fprintf(e.stderr, "import: %d of %s (%.0f%%), %s\n", done, nEN(total, "roll call", "roll calls"), 100*float64(done)/float64(total), time.Since(start).Round(time.Second))
				last = time.Now()
			}
		}})
	var ie *exchange.ImportError
	if errors.As(err, &ie) {
		for i, l := range ie.Lines {
			if i == 50 {
				fmt.Fprintf(e.stderr, "… and %d more %s\n", len(ie.Lines)-50, secretariat.PluralEN(len(ie.Lines)-50, "malformed line", "malformed lines"))
				break
			}
			fmt.Fprintf(e.stderr, "%s: %s\n", pos[0], l)
		}
		return err
	}
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(e.stdout, sum)
	}
	fmt.Fprintf(e.stdout, "loaded %s and %s from %s (%s added; source %s) in %s\n",
		nEN(sum.RollCalls, "roll call", "roll calls"), nEN(sum.Votes, "vote", "votes"), pos[0], nEN(sum.States, "state", "states"), sum.Source, time.Since(start).Round(time.Millisecond))
	printSkipped(e, pos[0], sum.Skipped)
	return nil
}

// printSkipped reports the roll calls --skip-bad set aside whole, and why.
func printSkipped(e *env, path string, skipped []exchange.SkippedRollCall) {
	if len(skipped) == 0 {
		return
	}
	if len(skipped) == 1 {
		fmt.Fprintln(e.stdout, "skipped 1 roll call whole, none of its votes loaded, because a line of it is malformed or the record refuses it:")
	} else {
		fmt.Fprintf(e.stdout, "skipped %d roll calls whole, none of their votes loaded, because a line of each is malformed or the record refuses it:\n", len(skipped))
	}
	shown := 0
	for _, s := range skipped {
		fmt.Fprintf(e.stdout, "  roll call %s (%d good %s not loaded with it):\n", s.VoteID, s.GoodLines, secretariat.PluralEN(s.GoodLines, "line", "lines"))
		for _, l := range s.Reasons {
			if shown == 50 {
				fmt.Fprintf(e.stdout, "  … and more; --json lists them all\n")
				return
			}
			fmt.Fprintf(e.stdout, "    %s: %s\n", path, l)
			shown++
		}
	}
}

// openInput opens a file to import. A stop closes it, so that a read waiting on a pipe
// (import … /dev/stdin) ends at once instead of when the next bytes come.
func openInput(e *env, path string) (*os.File, error) {
	in, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	context.AfterFunc(e.ctx, func() { in.Close() })
	return in, nil
}

func importFigures(e *env, f *flags, path, format string) error {
	in, err := openInput(e, path)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := f.openWrite(false)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := exchange.ImportFigures(e.ctx, st, in, format)
	if err != nil {
		return fmt.Errorf("%s: nothing was loaded: %w", path, err)
	}
	fmt.Fprintf(e.stdout, "loaded %s from %s\n", nEN(n, "result figure", "result figures"), path)
	return nil
}

func runConvert(e *env, args []string) error {
	f := newFlags(e, "convert", "unvotes DIR --out FILE [--body NAME]")
	out := f.String("out", "", "the roll-call CSV to write")
	body := f.String("body", "UNGA", "the body column to write")
	pos, err := f.parse(args, 2, 2)
	if err != nil {
		return err
	}
	if pos[0] != "unvotes" {
		return usagef("unknown archive %q: the converter knows unvotes", pos[0])
	}
	if *out == "" {
		return usagef("--out is required")
	}
	w, err := os.Create(*out)
	if err != nil {
		return err
	}
	st, err := exchange.ConvertUNVotes(e.ctx, pos[1], *body, w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out)
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s and %s to %s\n", nEN(st.RollCalls, "roll call", "roll calls"), nEN(st.Votes, "vote", "votes"), *out)
	if len(st.Blanked) > 0 {
		lines := make([]string, len(st.Blanked))
		n := 0
		for i, b := range st.Blanked {
			lines[i] = fmt.Sprint(b.Line)
			n += b.Count
		}
		fmt.Fprintf(e.stdout, "replaced %s with spaces in the %s of %s (un_roll_calls.csv %s %s): debris of the text's extraction from PDF\n",
			nEN(n, "control character", "control characters"), secretariat.PluralEN(len(st.Blanked), "description", "descriptions"), nEN(len(st.Blanked), "roll call", "roll calls"),
			secretariat.PluralEN(len(lines), "line", "lines"), strings.Join(lines, ", "))
	}
	return nil
}
