// Command secretariat keeps the record of an intergovernmental organization's decision
// cycle: sessions, positions and decisions, tasks and their implementation, threats and
// operations, and the year in review, with a journal that proves the record unaltered.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"secretariat/internal/safetext"
)

func main() {
	ctx, stop := signalContext()
	code := Main(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// stopSignal is the cause of a command's context when a signal stopped it.
type stopSignal struct{ sig os.Signal }

func (s stopSignal) Error() string {
	if s.sig == os.Interrupt {
		return "Ctrl-C (SIGINT)"
	}
	return "SIGTERM"
}

// signalContext returns a context cancelled, with a stopSignal as its cause, at the
// first SIGINT or SIGTERM, so that the command stops cleanly and says so. After that
// first signal the default handling returns: a second one ends the process at once (the
// record stays whole: every write is one transaction).
func signalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			cancel(stopSignal{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel(nil) }
}

// env is what a subcommand runs with: its output streams and the environment.
type env struct {
	ctx context.Context
	// stdout and stderr escape every control character and bidirectional override
	// (safetext), so that no text of the record or of an input file can move the
	// cursor, erase a line or reorder what the user reads.
	stdout io.Writer
	stderr io.Writer
	// data is standard output for a document in a format of its own (iCalendar, the
	// review as Markdown, HTML, JSON or PDF): passed byte for byte to a file or a pipe,
	// escaped like stdout when standard output is a terminal.
	data   io.Writer
	getenv func(string) string
	// wrote says that the command opened the record for writing.
	wrote bool
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(e *env, args []string) error
	// stopped says what a stop by Ctrl-C or SIGTERM leaves, where the defaults of
	// stoppedNote do not say it well.
	stopped string
}

// commands lists every subcommand; each lives in its own file.
var commands []command

func register(c command) { commands = append(commands, c) }

// usageError is a bad invocation: the program exits 2 with one line.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// Main runs the program with args (without the program name) and returns the exit code:
// 0 for success, 1 when the work failed, 2 for bad arguments.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	out, errw := safetext.NewWriter(stdout), safetext.NewWriter(stderr)
	defer out.Flush()
	defer errw.Flush()
	e := &env{ctx: ctx, stdout: out, stderr: errw, data: stdout, getenv: getenv}
	if isTerminal(stdout) {
		e.data = out
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printHelp(e.stdout)
		return 0
	}
	sort.Slice(commands, func(i, j int) bool { return commands[i].name < commands[j].name })
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(e, args[1:])
		var ue *usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(e.stderr, "secretariat %s: %s (see `secretariat %s -h`)\n", c.name, ue.msg, c.name)
			return 2
		case ctx.Err() != nil:
			// A stop by a signal, whatever error it surfaced as (the database driver
			// reports an interrupted statement in its own words).
			fmt.Fprintf(e.stderr, "secretariat %s: stopped by %s before it finished; %s\n", c.name, stopCause(ctx), stoppedNote(c, e))
			return 1
		default:
			fmt.Fprintf(e.stderr, "secretariat %s: %s\n", c.name, errorText(err))
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "secretariat: unknown command %q (run `secretariat -h` for the list)\n", args[0])
	return 2
}

// stopCause names what stopped a command: the signal, or a cancelled context.
func stopCause(ctx context.Context) string {
	var s stopSignal
	if errors.As(context.Cause(ctx), &s) {
		return s.Error()
	}
	return "a cancellation"
}

// stoppedNote says what a stop left: the command's own note, or what holds of every
// command that reads the record, and of every one that writes it (each change to the
// record is one transaction, which a stop rolls back).
func stoppedNote(c command, e *env) string {
	switch {
	case c.stopped != "":
		return c.stopped
	case e.wrote:
		return "nothing was written to the record: its change is one transaction, and it was rolled back"
	}
	return "nothing was written to the record: this command does not write to it"
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// errorText is what a person sees of an error: all of it, cause included, since the
// command line's user is the operator who can act on it. (The web pages and the API show
// "internal error" for errors without a code instead.)
func errorText(err error) string {
	return strings.TrimSpace(err.Error())
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "secretariat keeps the record of an intergovernmental organization's decision cycle.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: secretariat COMMAND [arguments] [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	sort.Slice(commands, func(i, j int) bool { return commands[i].name < commands[j].name })
	width := 0
	for _, c := range commands {
		width = max(width, len(c.name))
	}
	for _, c := range commands {
		fmt.Fprintf(w, "  %-*s %s\n", width, c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every command takes --db FILE or --db postgres://… (or SECRETARIAT_DB; default ./secretariat.db).")
	fmt.Fprintln(w, "Run `secretariat COMMAND -h` for a command's flags.")
}
