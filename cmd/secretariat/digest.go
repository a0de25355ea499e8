package main

import (
	"fmt"
	"io"

	"secretariat"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "digest", summary: "what falls due, what is overdue and what changed, by responsible party (--as-of DATE)", run: runDigest})
}

func runDigest(e *env, args []string) error {
	f := newFlags(e, "digest", "[--as-of DATE] [--due-within DAYS] [--changed-within DAYS] [--json]").withJSON().withAsOf().withViewer().withLang()
	due := f.Int("due-within", 30, "list tasks that fall due within this many days")
	changed := f.Int("changed-within", 7, "list what changed in this many days up to the date")
	_, st, err := f.start(args, 0, 0, func([]string) error {
		if *due < 0 || *changed < 0 {
			return usagef("--due-within and --changed-within are numbers of days, 0 or more")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := st.Digest(e.ctx, f.reader(), f.onDate(), *due, *changed)
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(e.stdout, d)
	}
	printDigest(e.stdout, d, f.language())
	return nil
}

func printDigest(w io.Writer, d *store.Digest, lang secretariat.Lang) {
	fmt.Fprintf(w, "Digest of %s: due within %d days, overdue, and changed in the %d days up to it.\n", d.On, d.DueWithinDays, d.ChangedDays)
	if len(d.Parties) == 0 {
		fmt.Fprintln(w, "\nNothing falls due, nothing is overdue, nothing changed.")
	}
	for _, p := range d.Parties {
		fmt.Fprintf(w, "\n== %s (%s)\n", partyName(p, lang), p.Party)
		if len(p.Overdue) > 0 {
			fmt.Fprintln(w, "Overdue:")
			printTasks(w, p.Overdue, lang)
		}
		if len(p.FallsDue) > 0 {
			fmt.Fprintln(w, "Falls due:")
			printTasks(w, p.FallsDue, lang)
		}
		if len(p.Changed) > 0 {
			fmt.Fprintln(w, "Changed:")
			for _, c := range p.Changed {
				fmt.Fprintf(w, "  #%d %s %s %s %s → %s\n", c.Seq, c.At[:10], c.Verb, c.Kind, c.ID, c.Status)
			}
		}
	}
}

// partyName names a responsible party in the reader's language: a body or state by its
// name in the record, the secretariat and all states by their labels.
func partyName(p store.PartyDigest, lang secretariat.Lang) string {
	switch {
	case !p.Name.IsZero():
		return p.Name.In(lang)
	case p.Party == string(secretariat.ResponsibleSecretariat):
		return secretariat.T("Секретариат", "the Secretariat").In(lang)
	case p.Party == string(secretariat.ResponsibleAllStates):
		return secretariat.T("все государства-члены", "all member states").In(lang)
	}
	return p.Party
}
