package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"secretariat"
	"secretariat/internal/exchange"
	"secretariat/internal/ui"
)

func init() {
	register(command{name: "export", summary: "write the record, as the reader may see it, in an open format: akn, popolo, csv, ical, atom, or the lossless bundle",
		run: runExport, stopped: "nothing was written: the unfinished output was removed"})
}

// exportFormats are the formats of export, and whether each writes a directory.
var exportFormats = map[string]bool{"akn": true, "csv": true, "popolo": false, "ical": false, "atom": false, "bundle": false}

func runExport(e *env, args []string) error {
	f := newFlags(e, "export", "--format akn|popolo|csv|ical|atom|bundle --out DIR|FILE [--viewer V] [--as-of T] [--lang ru|en] [--base-url URL]").withAsOf().withViewer().withLang()
	format := f.String("format", "", "akn (a directory of Akoma Ntoso documents), popolo (one JSON file), csv (a directory of CSV files), ical, atom, or bundle (the lossless JSON of the whole record)")
	out := f.String("out", "", "the directory (akn, csv) or file (the others; - for standard output) to write")
	section := f.String("section", "", "atom: only the publications of this section (news, press, statements, foreword)")
	base := f.baseURL()
	var baseURL string
	_, st, err := f.start(args, 0, 0, func([]string) error {
		dir, ok := exportFormats[*format]
		switch {
		case !ok:
			return usagef("--format must be one of akn, popolo, csv, ical, atom, bundle")
		case *out == "":
			return usagef("--out is required: the %s to write", map[bool]string{true: "directory", false: "file"}[dir])
		case dir && *out == "-":
			return usagef("--format %s writes a directory of files: give --out DIR", *format)
		case *format == "bundle" && !f.reader().SeesAll():
			return usagef("--viewer %s: the bundle is the whole record, nothing withheld: only an officer or an administrator exports it (export akn, popolo, csv, ical or atom, which show what the reader may see)", f.viewer)
		}
		var err error
		baseURL, err = parseBaseURL(*base)
		return err
	})
	if err != nil {
		return err
	}
	defer st.Close()
	link := func(kind, id string) string { return "" }
	if baseURL != "" {
		link = func(kind, id string) string { return baseURL + ui.RecordPath(kind, id) }
	}
	start := time.Now()
	if exportFormats[*format] {
		return writeDir(e, *out, func(create func(string) (io.WriteCloser, error)) (string, error) {
			switch *format {
			case "akn":
				sum, err := exchange.ExportAKN(e.ctx, st, f.reader(), create)
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("%s (%s as debates, %s)", nEN(sum.Files, "Akoma Ntoso document", "Akoma Ntoso documents"),
					nEN(sum.Debates, "session", "sessions"), nEN(sum.Decisions, "decision", "decisions")), nil
			case "csv":
				sum, err := exchange.ExportCSV(e.ctx, st, f.reader(), create)
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("%s (%s) and their description, columns.csv,", nEN(len(exchange.CSVTables()), "CSV file", "CSV files"), nEN(total(sum), "record", "records")), nil
			}
			return "", usagef("--format %s is not written yet", *format)
		})
	}
	return writeFile(e, *out, func(w io.Writer) (string, error) {
		switch *format {
		case "bundle":
			upTo, _ := st.AsOfSeq()
			sum, err := exchange.ExportBundle(e.ctx, st, f.reader(), w, exchange.BundleOptions{UpTo: upTo})
			if err != nil {
				return "", err
			}
			secs := time.Since(start).Seconds()
			return fmt.Sprintf("the bundle of %s, %s, %s and %s (head %s): %s in %.1f s (%.1f MB/s)",
				nEN(sum.Entries, "journal entry", "journal entries"), nEN(sum.Files, "file", "files"), nEN(sum.Checkpoints, "checkpoint", "checkpoints"),
				nEN(sum.Cosignatures, "cosignature", "cosignatures"), sum.Head, byteCount(sum.Bytes), secs, float64(sum.Bytes)/1e6/max(secs, 1e-9)), nil
		case "popolo":
			sum, err := exchange.ExportPopolo(e.ctx, st, f.reader(), w, f.language())
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("a Popolo document of %s, %s, %s, %s and %s (%s)",
				nEN(sum.Organizations, "organization", "organizations"), nEN(sum.Memberships, "membership", "memberships"), nEN(sum.Events, "event", "events"),
				nEN(sum.Motions, "motion", "motions"), nEN(sum.VoteEvents, "vote event", "vote events"), nEN(sum.Votes, "vote", "votes")), nil
		case "ical":
			cal, err := exchange.Calendar(e.ctx, st, f.reader(), exchange.CalendarOptions{Lang: f.language(), Link: link})
			if err != nil {
				return "", err
			}
			if _, err := cal.WriteTo(w); err != nil {
				return "", err
			}
			return nEN(len(cal.Events), "event", "events"), nil
		case "atom":
			feed, err := exchange.PublicationsFeed(e.ctx, st, f.reader(), exchange.FeedOptions{Lang: f.language(), Section: *section, Link: link, Base: baseURL})
			if err != nil {
				return "", err
			}
			if err := feed.Write(w); err != nil {
				return "", err
			}
			return "an Atom feed of " + nEN(len(feed.Entries), "publication", "publications"), nil
		}
		return "", usagef("--format %s is not written yet", *format)
	})
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// byteCount writes a size for people: "12.4 MB".
func byteCount(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d bytes", n)
}

// writeFile writes an export to path, or to standard output for "-". A file is written
// beside its place under a temporary name and renamed into place once whole, so that a
// failed or stopped export leaves nothing behind (and an earlier file as it was).
func writeFile(e *env, path string, write func(io.Writer) (string, error)) error {
	if path == "-" {
		what, err := write(e.data)
		if err == nil {
			fmt.Fprintf(e.stderr, "wrote %s to standard output\n", what)
		}
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // gone once renamed
	what, err := write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	fmt.Fprintf(e.stdout, "wrote %s to %s\n", what, path)
	return nil
}

// writeDir writes an export's files into the directory dir, which must not exist or be
// empty. They are written into a temporary directory beside it, renamed into place once
// all are whole.
func writeDir(e *env, dir string, write func(create func(string) (io.WriteCloser, error)) (string, error)) error {
	dir = filepath.Clean(dir)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return secretariat.Errorf(secretariat.EINVALID, "%s is not empty: export into a new or empty directory, so that no file of an earlier export is taken for this one's", dir)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", dir, err)
	}
	defer os.RemoveAll(tmp) // gone once renamed
	what, err := write(func(name string) (io.WriteCloser, error) {
		if name != filepath.Base(name) || strings.HasPrefix(name, ".") {
			return nil, fmt.Errorf("an export's file may not be named %q", name)
		}
		return os.Create(filepath.Join(tmp, name))
	})
	if err != nil {
		return err
	}
	os.Remove(dir) // an empty directory gives way
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("cannot write %s: %w", dir, err)
	}
	fmt.Fprintf(e.stdout, "wrote %s to %s\n", what, dir)
	return nil
}

// importBundle loads a bundle into an empty record.
func importBundle(e *env, f *flags, path string) error {
	in, err := openInput(e, path)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := f.openWrite(true)
	if err != nil {
		return err
	}
	defer st.Close()
	start, last := time.Now(), time.Time{}
	sum, err := exchange.ImportBundle(e.ctx, st, in, exchange.BundleImportOptions{Progress: func(done, total int64) {
		if time.Since(last) > time.Second || done == total {
			fmt.Fprintf(e.stderr, "import: %d of %s replayed (%.0f%%), %s\n", done, nEN(total, "journal entry", "journal entries"), 100*float64(done)/float64(total), time.Since(start).Round(time.Second))
			last = time.Now()
		}
	}})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if f.json {
		return writeJSON(e.stdout, sum)
	}
	fmt.Fprintf(e.stdout, "loaded the bundle %s: %s (head %s), %s, %s, %s, in %s; `secretariat verify` proves it\n",
		path, nEN(sum.Entries, "journal entry", "journal entries"), sum.Head, nEN(sum.Files, "file", "files"), nEN(sum.Checkpoints, "checkpoint", "checkpoints"),
		nEN(sum.Cosignatures, "cosignature", "cosignatures"), time.Since(start).Round(time.Millisecond))
	return nil
}

// importAKN loads Akoma Ntoso documents: one file, or every .xml file of a directory.
func importAKN(e *env, f *flags, path string) error {
	files, err := inputFiles(path, ".xml")
	if err != nil {
		return err
	}
	var in []exchange.AKNFile
	for _, name := range files {
		in = append(in, exchange.AKNFile{Name: name, Open: func() (io.ReadCloser, error) { return openInput(e, name) }})
	}
	st, err := f.openWrite(false)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(e.stderr, "import: reading %s\n", nEN(len(in), "Akoma Ntoso document", "Akoma Ntoso documents"))
	rep, err := exchange.ImportAKN(e.ctx, st, in)
	if fe, ok := err.(exchange.FileErrors); ok {
		for _, l := range firstN(fe, 50) {
			fmt.Fprintln(e.stderr, l)
		}
		return fmt.Errorf("%s in the documents; nothing was loaded", nEN(len(fe), "error", "errors"))
	}
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(e.stdout, rep)
	}
	printLoaded(e, path, rep)
	return nil
}

// printLoaded reports what an import of Akoma Ntoso or Popolo loaded, and what it did not
// take.
func printLoaded(e *env, path string, rep exchange.LoadReport) {
	fmt.Fprintf(e.stdout, "loaded %s, %s, %s and %s from %s (%s and %s added)\n",
		nEN(rep.Sessions, "session", "sessions"), nEN(rep.Items, "item", "items"), nEN(rep.Positions, "position", "positions"),
		nEN(rep.Decisions, "decision", "decisions"), path, nEN(rep.BodiesAdded, "body", "bodies"), nEN(rep.StatesAdded, "state", "states"))
	printNotTaken(e, rep.NotTaken)
}

// printNotTaken reports what an import's documents carry that the record does not take.
func printNotTaken(e *env, notTaken []string) {
	if len(notTaken) == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "not taken (%d):\n", len(notTaken))
	for _, l := range firstN(notTaken, 50) {
		fmt.Fprintf(e.stdout, "  %s\n", l)
	}
	if len(notTaken) > 50 {
		fmt.Fprintf(e.stdout, "  … and %d more; --json lists them all\n", len(notTaken)-50)
	}
}

func firstN[T any](s []T, n int) []T { return s[:min(n, len(s))] }

// inputFiles is the file path, or the files of the directory path whose names end in
// ext, in order.
func inputFiles(path, ext string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	var out []string
	for _, en := range entries {
		if !en.IsDir() && strings.HasSuffix(en.Name(), ext) {
			out = append(out, filepath.Join(path, en.Name()))
		}
	}
	if len(out) == 0 {
		return nil, secretariat.Errorf(secretariat.EINVALID, "%s has no %s file to import", path, ext)
	}
	return out, nil
}

// importPopolo loads a Popolo document.
func importPopolo(e *env, f *flags, path, class string) error {
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
	rep, err := exchange.ImportPopolo(e.ctx, st, in, path, class)
	if fe, ok := err.(exchange.FileErrors); ok {
		for _, l := range firstN(fe, 50) {
			fmt.Fprintln(e.stderr, l)
		}
		return fmt.Errorf("%s in %s; nothing was loaded", nEN(len(fe), "error", "errors"), path)
	}
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(e.stdout, rep)
	}
	printLoaded(e, path, rep)
	return nil
}
