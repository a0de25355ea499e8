package main

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"secretariat"
	"secretariat/internal/store"
)

// flags wraps a FlagSet with the flags most commands share.
type flags struct {
	*flag.FlagSet
	e      *env
	db     string
	asOf   string
	json   bool
	viewer string
	lang   string
	usage  string
}

func newFlags(e *env, name, usage string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f := &flags{FlagSet: fs, e: e, usage: usage}
	def := e.getenv("SECRETARIAT_DB")
	if def == "" {
		def = "secretariat.db"
	}
	fs.StringVar(&f.db, "db", def, "the record: a SQLite file, or postgres://… for PostgreSQL (env SECRETARIAT_DB)")
	return f
}

func (f *flags) withAsOf() *flags {
	f.StringVar(&f.asOf, "as-of", "", "read the record as it stood then: a date (end of that day, UTC) or an RFC 3339 time")
	return f
}

func (f *flags) withJSON() *flags {
	f.BoolVar(&f.json, "json", false, "write JSON for scripts")
	return f
}

func (f *flags) withViewer() *flags {
	f.StringVar(&f.viewer, "viewer", "officer", "read as: public, officer, admin or delegate:STATE")
	return f
}

func (f *flags) withLang() *flags {
	f.StringVar(&f.lang, "lang", "en", "language: en or ru")
	return f
}

// parse parses flags that may come before, between or after positional arguments, and
// checks the number of positional arguments. Everything after "--" is positional, even
// what looks like a flag.
func (f *flags) parse(args []string, minPos, maxPos int) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if err == flag.ErrHelp {
				f.printUsage()
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		rest := f.Args()
		if f.stoppedAtTerminator(args[:len(args)-len(rest)]) {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	switch {
	case len(pos) < minPos:
		return nil, usagef("missing arguments: usage: secretariat %s %s", f.Name(), f.usage)
	case maxPos >= 0 && len(pos) > maxPos:
		return nil, usagef("too many arguments (%s): usage: secretariat %s %s", strings.Join(pos[maxPos:], " "), f.Name(), f.usage)
	}
	if f.lang != "" {
		if _, err := secretariat.ParseLang(f.lang); err != nil {
			return nil, usagef("--lang: %s", secretariat.ErrorMessage(err))
		}
	}
	if f.viewer != "" {
		if _, err := secretariat.ParseViewer(f.viewer); err != nil {
			return nil, usagef("--viewer: %s", secretariat.ErrorMessage(err))
		}
	}
	if f.asOf != "" {
		if _, err := parseAsOf(f.asOf); err != nil {
			return nil, usagef("--as-of: %s", secretariat.ErrorMessage(err))
		}
	}
	return pos, nil
}

// stoppedAtTerminator reports whether the flag package, having consumed the arguments
// consumed, stopped because the last of them was the terminator "--" (which it swallows)
// rather than at a positional argument. It reads them as the flag package does, so that a
// "--" that is a flag's value (--db --) is no terminator.
func (f *flags) stoppedAtTerminator(consumed []string) bool {
	for i := 0; i < len(consumed); i++ {
		a := consumed[i]
		if a == "--" {
			return i == len(consumed)-1
		}
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		fl := f.Lookup(name)
		if fl == nil {
			continue
		}
		if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		i++ // the flag's value
	}
	return false
}

// start parses args as parse does, lets check refuse what the flags alone cannot (nil
// for nothing to check), and opens the record for reading as --db, --as-of and --viewer
// say. The caller closes the store.
func (f *flags) start(args []string, minPos, maxPos int, check func(pos []string) error) ([]string, *store.Store, error) {
	pos, err := f.parse(args, minPos, maxPos)
	if err != nil {
		return nil, nil, err
	}
	if check != nil {
		if err := check(pos); err != nil {
			return nil, nil, err
		}
	}
	st, err := f.open()
	if err != nil {
		return nil, nil, err
	}
	return pos, st, nil
}

// kindAndID checks the positional arguments KIND ID of get and history.
func kindAndID(pos []string) error { return checkKind(pos[0]) }

func (f *flags) printUsage() {
	w := f.e.stdout
	fmt.Fprintf(w, "Usage: secretariat %s %s\n\nFlags:\n", f.Name(), f.usage)
	f.SetOutput(w)
	f.PrintDefaults()
	f.SetOutput(io.Discard)
}

func (f *flags) language() secretariat.Lang {
	l, _ := secretariat.ParseLang(f.lang)
	if l == "" {
		return secretariat.EN
	}
	return l
}

func (f *flags) reader() secretariat.Viewer {
	v, err := secretariat.ParseViewer(f.viewer)
	if err != nil {
		return secretariat.Anonymous
	}
	return v
}

// parseAsOf reads a date (meaning the end of that day, UTC) or an RFC 3339 time.
func parseAsOf(s string) (time.Time, error) {
	if d, err := secretariat.ParseDate(s); err == nil {
		return d.EndTime(), nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, secretariat.Errorf(secretariat.EINVALID, "%q is neither a date (YYYY-MM-DD) nor a time (RFC 3339)", s)
	}
	return t, nil
}

// open opens the record for reading, as of --as-of when given. The returned store must
// be closed.
func (f *flags) open() (*store.Store, error) {
	st, err := store.Open(f.e.ctx, f.db, store.Options{ReadOnly: true, BusyTimeout: busyTimeout(f.e)})
	if err != nil {
		return nil, err
	}
	if f.viewer != "" {
		// A delegate of a state the record does not have would read restricted records.
		if err := st.CheckViewer(f.e.ctx, f.reader()); err != nil {
			st.Close()
			return nil, usagef("--viewer: %s", secretariat.ErrorMessage(err))
		}
	}
	if f.asOf == "" {
		return st, nil
	}
	t, _ := parseAsOf(f.asOf)
	past, err := st.AsOf(f.e.ctx, t, nil)
	if err != nil {
		st.Close()
		return nil, err
	}
	return past.ClosingAlso(st), nil
}

// baseURL adds --base-url, the site's public address (env SECRETARIAT_BASE_URL), from
// which links to record pages are made; check it with parseBaseURL.
func (f *flags) baseURL() *string {
	return f.String("base-url", f.e.getenv("SECRETARIAT_BASE_URL"),
		"the site's public address, such as https://record.example.org, for links to its pages (env SECRETARIAT_BASE_URL); without it the calendar's events carry no link")
}

// parseBaseURL checks a public base URL: absolute, http or https, with a host and
// nothing after the path. It returns it without a trailing slash ("" stays "").
func parseBaseURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", usagef("--base-url %q is not a URL: %v", s, err)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return "", usagef("--base-url %q must be an absolute http or https address, such as https://record.example.org", s)
	case u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return "", usagef("--base-url %q may hold only a scheme, a host and a path", s)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// openWrite opens the record for writing; create makes or upgrades the database.
func (f *flags) openWrite(create bool) (*store.Store, error) {
	f.e.wrote = true
	return store.Open(f.e.ctx, f.db, store.Options{Create: create, BusyTimeout: busyTimeout(f.e), Actor: actor(f.e)})
}

func busyTimeout(e *env) time.Duration {
	if d, err := time.ParseDuration(e.getenv("SECRETARIAT_BUSY_TIMEOUT")); err == nil {
		return d
	}
	return 5 * time.Second
}

func actor(e *env) string {
	if a := e.getenv("SECRETARIAT_ACTOR"); a != "" {
		return a
	}
	if u := e.getenv("USER"); u != "" {
		return "cli:" + u
	}
	return "cli"
}

// checkKind refuses a kind of record the program does not know, as a usage error.
func checkKind(kind string) error {
	if _, ok := secretariat.LookupKind(kind); !ok {
		return usagef("%q is not a kind of record; the kinds are: %s", kind, strings.Join(secretariat.KindNames(), ", "))
	}
	return nil
}

// subcommand reads the subcommand of a command made of several (token, user): it
// answers -h with the usage and about, refuses a missing subcommand with the usage, and
// otherwise returns the subcommand and its arguments; helped says -h was answered.
func subcommand(e *env, command, usage string, args []string, about string) (sub string, rest []string, helped bool, err error) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:], false, nil
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintf(e.stdout, "Usage: secretariat %s %s\n\n%s\n", command, usage, about)
		return "", nil, true, nil
	}
	return "", nil, false, usagef("say what to do: usage: secretariat %s %s", command, usage)
}
