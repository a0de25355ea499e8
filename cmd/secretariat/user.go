package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"secretariat"
	"secretariat/internal/auth"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "user", summary: "manage the accounts that sign in to the web application: add, passwd, disable, enable, list, audit", run: runUser,
		stopped: "nothing was written: each change to an account is one transaction, and it was rolled back"})
}

const userUsage = `add NAME --role admin|officer|delegate [--state XX] --password-file FILE
       secretariat user passwd NAME --password-file FILE
       secretariat user disable NAME | enable NAME
       secretariat user list
       secretariat user audit [NAME]`

func runUser(e *env, args []string) error {
	sub, rest, helped, err := subcommand(e, "user", userUsage, args,
		"The password is read from the first line of FILE; --password-file - reads standard input.\nAccounts are kept in the database, outside the record's journal; `user audit` shows what happened to them.")
	if helped || err != nil {
		return err
	}
	f := newFlags(e, "user "+sub, userUsage)
	role := f.String("role", "", "add: admin, officer or delegate")
	state := f.String("state", "", "add: the member state a delegate is bound to, by its ID (see `secretariat list state`)")
	pwFile := f.String("password-file", "", "add, passwd: a file whose first line is the password; - for standard input")
	var minArgs, maxArgs int
	switch sub {
	case "add", "passwd", "disable", "enable":
		minArgs, maxArgs = 1, 1
	case "list":
		minArgs, maxArgs = 0, 0
	case "audit":
		minArgs, maxArgs = 0, 1
	default:
		return usagef("unknown subcommand %q: usage: secretariat user %s", sub, userUsage)
	}
	pos, err := f.parse(rest, minArgs, maxArgs)
	if err != nil {
		return err
	}
	password, err := userInput(sub, *role, *state, *pwFile)
	if err != nil {
		return err
	}
	st, err := f.openWrite(false)
	if err != nil {
		return err
	}
	defer st.Close()
	return userAction(e, st, sub, pos, secretariat.Role(*role), *state, password)
}

// userInput checks the flags against the subcommand, and reads the password of add and
// passwd.
func userInput(sub, role, state, pwFile string) (password string, err error) {
	if sub != "add" && (role != "" || state != "") {
		return "", usagef("--role and --state belong to user add")
	}
	if sub == "add" {
		switch secretariat.Role(role) {
		case secretariat.RoleAdmin, secretariat.RoleOfficer:
			if state != "" {
				return "", usagef("--state is for delegates only")
			}
		case secretariat.RoleDelegate:
			if state == "" {
				return "", usagef("a delegate is bound to a state: give --state XX")
			}
		default:
			return "", usagef("--role must be admin, officer or delegate")
		}
	}
	if sub != "add" && sub != "passwd" {
		if pwFile != "" {
			return "", usagef("--password-file belongs to user add and user passwd")
		}
		return "", nil
	}
	if pwFile == "" {
		return "", usagef("give the password with --password-file FILE (or - for standard input)")
	}
	return readPassword(pwFile)
}

// userAction does what the subcommand asks of the accounts.
func userAction(e *env, st *store.Store, sub string, pos []string, role secretariat.Role, state, password string) error {
	svc, err := auth.New(st)
	if err != nil {
		return err
	}
	by := auth.Actor{Name: actor(e), Address: "cli"}
	switch sub {
	case "add":
		if err := svc.AddAccount(e.ctx, by, pos[0], role, state, password); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added %s (%s)\n", pos[0], roleText(role, state))
	case "passwd":
		if err := svc.SetPassword(e.ctx, by, pos[0], password); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "changed the password of %s; its sign-ins have ended\n", pos[0])
	case "disable":
		if err := svc.Disable(e.ctx, by, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "disabled %s; its sign-ins have ended\n", pos[0])
	case "enable":
		if err := svc.Enable(e.ctx, by, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "enabled %s\n", pos[0])
	case "list":
		return listAccounts(e, st)
	case "audit":
		name := ""
		if len(pos) == 1 {
			name = pos[0]
		}
		return listAudit(e, st, name)
	}
	return nil
}

func roleText(r secretariat.Role, state string) string {
	if r == secretariat.RoleDelegate {
		return "delegate of " + state
	}
	return string(r)
}

// readPassword reads the first line of a file, or of standard input for "-".
func readPassword(path string) (string, error) {
	var r io.Reader
	if path == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("reading the password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("the password file %s is empty: put the password on its first line", path)
	}
	return line, nil
}

func listAccounts(e *env, st *store.Store) error {
	accounts, err := st.Accounts(e.ctx)
	if err != nil {
		return err
	}
	if len(accounts) == 0 {
		fmt.Fprintln(e.stdout, "no accounts yet: add the first administrator with `secretariat user add NAME --role admin --password-file FILE`")
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tROLE\tSTATE\tCREATED\tPASSWORD SET\tDISABLED")
	for _, a := range accounts {
		disabled := ""
		if a.Disabled() {
			disabled = a.DisabledAt.Format(time.DateTime)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", a.Name, a.Role, a.State, a.CreatedAt.Format(time.DateTime), a.PasswordAt.Format(time.DateTime), disabled)
	}
	return w.Flush()
}

func listAudit(e *env, st *store.Store, name string) error {
	log, total, err := st.AccountAudit(e.ctx, name, 0, 0)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "SEQ\tAT (UTC)\tACTOR\tACTION\tACCOUNT\tADDRESS\tDETAIL")
	for _, l := range log {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Seq, l.At.Format(time.DateTime), l.Actor, l.Action, l.Account, l.Address, l.Detail)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, nEN(total, "entry", "entries"))
	return nil
}
