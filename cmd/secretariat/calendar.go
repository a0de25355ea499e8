package main

import (
	"fmt"
	"os"

	"secretariat/internal/exchange"
)

func init() {
	register(command{name: "calendar", summary: "write the iCalendar feed (RFC 5545) of sessions and task deadlines", run: runCalendar})
}

func runCalendar(e *env, args []string) error {
	f := newFlags(e, "calendar", "[--responsible X] [--out FILE] [--lang ru|en]").withAsOf().withViewer().withLang()
	responsible := f.String("responsible", "", "only the deadlines of this party: a body, a state, secretariat or all_states")
	out := f.String("out", "", "write to FILE instead of standard output")
	_, st, err := f.start(args, 0, 0, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	cal, err := exchange.Calendar(e.ctx, st, f.reader(), exchange.CalendarOptions{Responsible: *responsible, Lang: f.language()})
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = cal.WriteTo(e.stdout)
		return err
	}
	w, err := os.Create(*out)
	if err != nil {
		return err
	}
	if _, err := cal.WriteTo(w); err != nil {
		w.Close()
		os.Remove(*out)
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %d events to %s\n", len(cal.Events), *out)
	return nil
}
