package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"secretariat"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "votes", summary: "questions of positions: record STATE, agreement A B, blocked [--body B]", run: runVotes})
	register(command{name: "diff", summary: "word-level difference between two versions of a draft", run: runDiff})
}

func period(from, to string) (store.Period, error) {
	var p store.Period
	var err error
	if from != "" {
		if p.From, err = secretariat.ParseDate(from); err != nil {
			return p, usagef("--from: %s", secretariat.ErrorMessage(err))
		}
	}
	if to != "" {
		if p.To, err = secretariat.ParseDate(to); err != nil {
			return p, usagef("--to: %s", secretariat.ErrorMessage(err))
		}
	}
	return p, nil
}

func runVotes(e *env, args []string) error {
	f := newFlags(e, "votes", "record STATE | agreement STATE STATE | blocked [--body BODY] [--from DATE] [--to DATE] [--json]").withJSON().withAsOf().withViewer()
	from := f.String("from", "", "first date of the period (YYYY-MM-DD)")
	to := f.String("to", "", "last date of the period (YYYY-MM-DD)")
	body := f.String("body", "", "only items of this body (blocked)")
	var p store.Period
	pos, st, err := f.start(args, 1, 3, func(pos []string) error {
		var err error
		if p, err = period(*from, *to); err != nil {
			return err
		}
		want := map[string]int{"record": 2, "agreement": 3, "blocked": 1}
		n, ok := want[pos[0]]
		if !ok {
			return usagef("unknown question %q: ask record, agreement or blocked", pos[0])
		}
		if len(pos) != n {
			return usagef("%s takes %d arguments", pos[0], n-1)
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer st.Close()
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	defer tw.Flush()
	switch pos[0] {
	case "record":
		rec, err := st.VotingRecord(e.ctx, f.reader(), pos[1], p)
		if err != nil {
			return err
		}
		if f.json {
			return writeJSON(e.stdout, rec)
		}
		fmt.Fprintln(tw, "DATE\tITEM\tSTANCE\tRESULT\tTITLE")
		for _, l := range rec.Votes {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", l.Date, l.Item, secretariat.Label(l.Stance, secretariat.EN),
				secretariat.EnumResult.In(l.Result, secretariat.EN), oneLine(l.Title, 60))
		}
		fmt.Fprintf(e.stderr, "%s: %s: %s\n", rec.State, nEN(len(rec.Votes), "position", "positions"), counts(rec.Counts))
	case "agreement":
		a, err := st.Agreement(e.ctx, f.reader(), pos[1], pos[2], p)
		if err != nil {
			return err
		}
		if f.json {
			return writeJSON(e.stdout, a)
		}
		fmt.Fprintf(e.stdout, "%s and %s took the same position on %d of the %d %s on which both took part: %.1f%%\n",
			a.A, a.B, a.Agreed, a.Together, secretariat.PluralEN(a.Together, "item", "items"), 100*a.Share)
	case "blocked":
		items, by, err := st.BlockedItems(e.ctx, f.reader(), *body, p)
		if err != nil {
			return err
		}
		if f.json {
			return writeJSON(e.stdout, map[string]any{"items": items, "blocked_by": by})
		}
		printBlocked(tw, e.stderr, items, by)
	}
	return nil
}

// printBlocked lists the items not adopted and, on stderr, the states that blocked most.
func printBlocked(tw, stderr io.Writer, items []store.BlockedItem, by map[string]int) {
	fmt.Fprintln(tw, "DATE\tITEM\tREASON\tBLOCKED BY\tTITLE")
	for _, it := range items {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", it.Date, it.Item, it.Reason, joinMax(it.Blockers, 8), oneLine(it.Title, 50))
	}
	type kv struct {
		k string
		v int
	}
	var top []kv
	for k, v := range by {
		top = append(top, kv{k, v})
	}
	sort.Slice(top, func(i, j int) bool { return top[i].v > top[j].v || top[i].v == top[j].v && top[i].k < top[j].k })
	fmt.Fprintf(stderr, "%s not adopted", nEN(len(items), "item", "items"))
	for i, x := range top {
		if i == 5 {
			break
		}
		fmt.Fprintf(stderr, "; %s blocked %d", x.k, x.v)
	}
	fmt.Fprintln(stderr)
}

// counts says how many positions of each stance, the stances by their labels.
func counts(m map[secretariat.Stance]int) string {
	var parts []string
	for _, st := range secretariat.Stances {
		if m[st] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", secretariat.Label(st, secretariat.EN), m[st]))
		}
	}
	return strings.Join(parts, ", ")
}

// joinMax lists at most n names, and says how many more there are.
func joinMax(list []string, n int) string {
	if len(list) <= n {
		return strings.Join(list, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(list[:n], ", "), len(list)-n)
}

func runDiff(e *env, args []string) error {
	f := newFlags(e, "diff", "DRAFT [--from N] [--to M] [--json]").withJSON().withAsOf().withViewer()
	from := f.Int("from", 0, "the earlier version (default: the one before --to)")
	to := f.Int("to", 0, "the later version (default: the latest)")
	pos, st, err := f.start(args, 1, 1, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := store.FindByID[secretariat.Draft](e.ctx, st, f.reader(), pos[0])
	if err != nil {
		return err
	}
	b := *to
	if b == 0 {
		b = len(d.Versions)
	}
	a := *from
	if a == 0 {
		a = b - 1
	}
	if a < 1 {
		return fmt.Errorf("draft %s has only one version: there is nothing to compare", d.ID)
	}
	diff, err := st.DraftDiff(e.ctx, f.reader(), pos[0], a, b)
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(e.stdout, diff)
	}
	fmt.Fprintf(e.stdout, "%s, version %d → %d: %s inserted, %d deleted\n\n%s\n", d.ID, a, b, nEN(diff.Inserted, "word", "words"), diff.Deleted, diff.Marked)
	return nil
}
