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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// env is what a subcommand runs with: its output streams and the environment.
type env struct {
	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(e *env, args []string) error
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
	e := &env{ctx: ctx, stdout: stdout, stderr: stderr, getenv: getenv}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printHelp(stdout)
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
			fmt.Fprintf(stderr, "secretariat %s: %s (see `secretariat %s -h`)\n", c.name, ue.msg, c.name)
			return 2
		default:
			fmt.Fprintf(stderr, "secretariat %s: %s\n", c.name, errorText(err))
			return 1
		}
	}
	fmt.Fprintf(stderr, "secretariat: unknown command %q (run `secretariat -h` for the list)\n", args[0])
	return 2
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
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every command takes --db FILE (or SECRETARIAT_DB; default ./secretariat.db).")
	fmt.Fprintln(w, "Run `secretariat COMMAND -h` for a command's flags.")
}
