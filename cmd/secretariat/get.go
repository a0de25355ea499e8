package main

import (
	"encoding/json"
	"fmt"
	"io"
	"secretariat/internal/present"
	"strings"
	"text/tabwriter"

	"secretariat"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "get", summary: "show one record (with what the record knows about it): text for people, --json for scripts", run: runGet})
}

func runGet(e *env, args []string) error {
	f := newFlags(e, "get", "KIND ID [--json] [--as-of DATE]").withJSON().withAsOf().withViewer().withLang()
	pos, st, err := f.start(args, 2, 2, kindAndID)
	if err != nil {
		return err
	}
	defer st.Close()
	kind, id := pos[0], pos[1]
	view, err := st.View(e.ctx, f.reader(), kind, id)
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(e.stdout, view)
	}
	switch x := view.(type) {
	case *store.ItemView:
		return printItem(e.stdout, x, f.language())
	case *store.DecisionView:
		return printDecision(e.stdout, x, f.language())
	}
	raw, err := json.Marshal(view)
	if err != nil {
		return err
	}
	v, err := present.Decode(raw)
	if err != nil {
		return err
	}
	var fs []present.Field
	present.Flatten(v, "", f.language(), &fs)
	return writeFields(e.stdout, fs)
}

func printGrid(w io.Writer, grid []store.GridRow, lang secretariat.Lang) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  STATE\tSTANCE\tNOTE")
	for _, g := range grid {
		note := g.Reservation.In(lang)
		switch {
		case !g.Member:
			note = "not a member on the date: not counted"
		case !g.Recorded:
			note = "no position recorded: counted as absent"
		case g.Illustrative:
			note = strings.TrimSpace(note + " (illustrative: not published)")
		}
		fmt.Fprintf(tw, "  %s %s\t%s\t%s\n", g.State, g.Name.In(lang), g.Stance, note)
	}
	tw.Flush()
}

func printItem(w io.Writer, v *store.ItemView, lang secretariat.Lang) error {
	it := v.Item
	fmt.Fprintf(w, "%s  item %d of session %s (%s, %s)\n%s\n", it.ID, it.Number, it.Session, it.Body, it.Date, it.Title.In(lang))
	fmt.Fprintf(w, "kind: %s; classification: %s", it.Kind, it.Access.Level())
	if it.Illustrative {
		fmt.Fprint(w, "; illustrative")
	}
	fmt.Fprintln(w)
	if it.Outcome != nil {
		fmt.Fprintf(w, "\noutcome: %s\n%s\n", it.Outcome.Result, v.Explanation.In(lang))
	} else {
		fmt.Fprintln(w, "\noutcome: not decided yet")
	}
	fmt.Fprintln(w, "\npositions:")
	printGrid(w, v.Grid, lang)
	if v.Decision != nil {
		fmt.Fprintf(w, "\ndecision: %s (%s), signed by %d states\n", v.Decision.ID, v.Decision.Kind, len(v.Decision.Signatures))
	}
	for _, l := range v.CameFrom {
		fmt.Fprintf(w, "came from: %s %s on %s %s\n", l.Action, l.Body, l.Date, l.Item)
	}
	for _, l := range v.WentTo {
		fmt.Fprintf(w, "went to: %s %s on %s: %s\n", l.Body, l.Item, l.Date, l.Title.In(lang))
	}
	return nil
}

func printDecision(w io.Writer, v *store.DecisionView, lang secretariat.Lang) error {
	d := v.Decision
	fmt.Fprintf(w, "%s  decision no. %d of %s, %d (%s), %s\n%s\n", d.ID, d.Number, d.Body, d.Year, d.Kind, d.Date, d.Title.In(lang))
	if !d.PublicSummary.IsZero() {
		fmt.Fprintf(w, "public summary: %s\n", d.PublicSummary.In(lang))
	}
	if d.Text != "" {
		fmt.Fprintf(w, "\nauthentic text (ru):\n%s\n", d.Text)
	}
	for _, t := range d.Translations {
		fmt.Fprintf(w, "\ntranslation (%s, %s):\n%s\n", t.Lang, t.Status, t.Text)
	}
	signed := make([]string, len(d.Signatures))
	for i, s := range d.Signatures {
		signed[i] = s.State
	}
	fmt.Fprintf(w, "\nsigned by: %s\n", strings.Join(signed, ", "))
	if len(d.NotBound) > 0 {
		fmt.Fprintf(w, "not bound (limited format): %s\n", strings.Join(d.NotBound, ", "))
	}
	if v.Outcome != nil {
		fmt.Fprintf(w, "\n%s\n\npositions:\n", v.Explanation.In(lang))
		printGrid(w, v.Grid, lang)
	}
	return nil
}
