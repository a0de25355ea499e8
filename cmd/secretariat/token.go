package main

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"secretariat/internal/api"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "token", summary: "manage the JSON API's tokens for automation: create, list, revoke", run: runToken})
}

const tokenUsage = `create --user NAME --scope read|write --expires DURATION
       secretariat token list [--user NAME]
       secretariat token revoke ID`

func runToken(e *env, args []string) error {
	sub, rest, helped, err := subcommand(e, "token", tokenUsage, args,
		"A token reads the record as its account does; with --scope write, an officer's or an\nadministrator's token also runs the verbs. The token is printed once: only its hash is kept.\nDURATION is like 90d, 12h or 30m.")
	if helped || err != nil {
		return err
	}
	f := newFlags(e, "token "+sub, tokenUsage)
	user := f.String("user", "", "create, list: the account the token acts as")
	scope := f.String("scope", "", "create: read, or write (an officer's or administrator's account only)")
	expires := f.String("expires", "", "create: how long the token lasts, like 90d, 12h or 30m")
	var minArgs, maxArgs int
	switch sub {
	case "create", "list":
	case "revoke":
		minArgs, maxArgs = 1, 1
	default:
		return usagef("unknown subcommand %q: usage: secretariat token %s", sub, tokenUsage)
	}
	pos, err := f.parse(rest, minArgs, maxArgs)
	if err != nil {
		return err
	}
	var ttl time.Duration
	switch sub {
	case "create":
		if *user == "" || *expires == "" {
			return usagef("token create needs --user, --scope and --expires")
		}
		if *scope != store.ScopeRead && *scope != store.ScopeWrite {
			return usagef("--scope must be read or write")
		}
		if ttl, err = parseTTL(*expires); err != nil {
			return err
		}
	case "revoke":
		if *user != "" || *scope != "" || *expires != "" {
			return usagef("token revoke takes only the token's ID")
		}
	case "list":
		if *scope != "" || *expires != "" {
			return usagef("token list takes only --user")
		}
	}
	st, err := f.openWrite(false)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now().UTC()
	by := store.AuditEntry{At: now, Actor: actor(e), Address: "cli"}
	switch sub {
	case "create":
		acct, err := st.FindAccount(e.ctx, *user)
		if err != nil {
			return err
		}
		if *scope == store.ScopeWrite && !acct.Viewer().SeesAll() {
			return usagef("%s is a %s: only officers and administrators keep the record, so a write token for it could write nothing; make a read token", acct.Name, acct.Role)
		}
		token, t, err := api.CreateToken(e.ctx, st, *user, *scope, ttl, now, by)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, token)
		fmt.Fprintf(e.stderr, "token %s for %s (%s) until %s; it is shown only now: keep it secret, send it as Authorization: Bearer TOKEN\n",
			t.ID, t.Account, t.Scope, t.ExpiresAt.Format(time.DateTime+" MST"))
	case "revoke":
		if err := st.RevokeAPIToken(e.ctx, pos[0], by); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "revoked token %s\n", pos[0])
	case "list":
		tokens, err := st.APITokens(e.ctx, *user)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tUSER\tSCOPE\tCREATED (UTC)\tEXPIRES (UTC)\tSTATE")
		for _, t := range tokens {
			state := "active"
			switch {
			case t.Revoked():
				state = "revoked " + t.RevokedAt.Format(time.DateTime)
			case !t.ExpiresAt.After(now):
				state = "expired"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Account, t.Scope, t.CreatedAt.Format(time.DateTime), t.ExpiresAt.Format(time.DateTime), state)
		}
		return w.Flush()
	}
	return nil
}

// parseTTL reads a lifetime: a number of days (90d) or a Go duration (12h, 30m).
func parseTTL(s string) (time.Duration, error) {
	var d time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil {
			return 0, usagef("--expires %q: write days as 90d", s)
		}
		d = time.Duration(days) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, usagef("--expires %q is not a duration: write 90d, 12h or 30m", s)
		}
	}
	if d <= 0 || d > 3*366*24*time.Hour {
		return 0, usagef("--expires must be more than zero and at most three years")
	}
	return d, nil
}
