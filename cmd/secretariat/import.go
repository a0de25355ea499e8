package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

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
				fmt.Fprintf(e.stderr, "import: %d of %d roll calls (%.0f%%), %s\n", done, total, 100*float64(done)/float64(total), time.Since(start).Round(time.Second))
				last = time.Now()
			}
		}})
	var ie *exchange.ImportError
	if errors.As(err, &ie) {
		for i, l := range ie.Lines {
			if i == 50 {
				fmt.Fprintf(e.stderr, "… and %d more malformed lines\n", len(ie.Lines)-50)
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
	fmt.Fprintf(e.stdout, "loaded %d roll calls and %d votes from %s (%d states added; source %s) in %s\n",
		sum.RollCalls, sum.Votes, pos[0], sum.States, sum.Source, time.Since(start).Round(time.Millisecond))
	printSkipped(e, pos[0], sum.Skipped)
	return nil
}

// printSkipped reports the roll calls --skip-bad set aside whole, and why.
func printSkipped(e *env, path string, skipped []exchange.SkippedRollCall) {
	if len(skipped) == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "skipped %d roll calls whole, none of their votes loaded, because a line of each is malformed or the record refuses it:\n", len(skipped))
	shown := 0
	for _, s := range skipped {
		fmt.Fprintf(e.stdout, "  roll call %s (%d good lines not loaded with it):\n", s.VoteID, s.GoodLines)
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
	fmt.Fprintf(e.stdout, "loaded %d result figures from %s\n", n, path)
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
	fmt.Fprintf(e.stdout, "wrote %d roll calls and %d votes to %s\n", st.RollCalls, st.Votes, *out)
	if len(st.Blanked) > 0 {
		lines := make([]string, len(st.Blanked))
		n := 0
		for i, b := range st.Blanked {
			lines[i] = fmt.Sprint(b.Line)
			n += b.Count
		}
		fmt.Fprintf(e.stdout, "replaced %d control characters with spaces in the descriptions of %d roll calls (un_roll_calls.csv lines %s): debris of the text's extraction from PDF\n",
			n, len(st.Blanked), strings.Join(lines, ", "))
	}
	return nil
}
