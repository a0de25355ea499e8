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
	due, changed := d.DueWithinDays, d.ChangedDays
	// "в течение" takes the genitive (1 дня, 21 дня), "за" the accusative (1 день, 2 дня).
	fmt.Fprintln(w, label(lang,
		fmt.Sprintf("Digest of %s: due within %d %s, overdue, and changed in the %d %s up to it.", d.On,
			due, secretariat.PluralEN(due, "day", "days"), changed, secretariat.PluralEN(changed, "day", "days")),
		fmt.Sprintf("Сводка на %s: срок в течение %d %s, просроченное и изменения за %d %s до этой даты.", d.On,
			due, secretariat.PluralRU(due, "дня", "дней", "дней"), changed, secretariat.PluralRU(changed, "день", "дня", "дней"))))
	if len(d.Parties) == 0 {
		fmt.Fprintf(w, "\n%s\n", label(lang, "Nothing falls due, nothing is overdue, nothing changed.",
			"Сроков в этот период нет, просроченного нет, изменений нет."))
	}
	for _, p := range d.Parties {
		fmt.Fprintf(w, "\n== %s (%s)\n", partyName(p, lang), p.Party)
		if len(p.Overdue) > 0 {
			fmt.Fprintln(w, label(lang, "Overdue:", "Просрочено:"))
			printTasks(w, p.Overdue, lang)
		}
		if len(p.FallsDue) > 0 {
			fmt.Fprintln(w, label(lang, "Falls due:", "Наступает срок:"))
			printTasks(w, p.FallsDue, lang)
		}
		if len(p.Changed) > 0 {
			fmt.Fprintln(w, label(lang, "Changed:", "Изменения:"))
			for _, c := range p.Changed {
				kind := c.Kind
				if k, ok := secretariat.LookupKind(c.Kind); ok {
					kind = k.Title.In(lang)
				}
				status := ""
				if c.Status != "" {
					status = " → " + secretariat.Label(c.Status, lang)
				}
				fmt.Fprintf(w, "  #%d %s %s %s %s%s\n", c.Seq, c.At[:10], c.Verb, kind, c.ID, status)
			}
		}
	}
}

// partyName names a responsible party in the reader's language: a body or state by its
// name in the record, the secretariat and all states by their labels.
func partyName(p store.PartyDigest, lang secretariat.Lang) string {
	if !p.Name.IsZero() {
		return p.Name.In(lang)
	}
	return partyLabel(p.Party, lang)
}
