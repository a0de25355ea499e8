package main

import (
	"fmt"
	"os"

	"secretariat"
	"secretariat/internal/exchange"
	"secretariat/internal/ui"
)

func init() {
	register(command{name: "calendar", summary: "write the iCalendar feed (RFC 5545) of sessions and task deadlines", run: runCalendar})
}

func runCalendar(e *env, args []string) error {
	f := newFlags(e, "calendar", "[--responsible X] [--out FILE] [--lang ru|en] [--base-url URL]").withAsOf().withViewer().withLang()
	responsible := f.String("responsible", "", "only the deadlines of this party: a body, a state, secretariat or all_states")
	out := f.String("out", "", "write to FILE instead of standard output")
	base := f.baseURL()
	var baseURL string
	_, st, err := f.start(args, 0, 0, func([]string) (err error) {
		baseURL, err = parseBaseURL(*base)
		return err
	})
	if err != nil {
		return err
	}
	defer st.Close()
	opts := exchange.CalendarOptions{Responsible: *responsible, Lang: f.language()}
	if baseURL != "" {
		opts.Link = func(kind, id string) string { return baseURL + ui.RecordPath(kind, id) }
	}
	cal, err := exchange.Calendar(e.ctx, st, f.reader(), opts)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = cal.WriteTo(e.data)
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
	n := len(cal.Events)
	fmt.Fprintln(e.stderr, label(f.language(),
		fmt.Sprintf("wrote %d %s to %s", n, secretariat.PluralEN(n, "event", "events"), *out),
		fmt.Sprintf("%s %d %s в %s", secretariat.PluralRU(n, "записано", "записаны", "записано"), n, secretariat.PluralRU(n, "событие", "события", "событий"), *out)))
	return nil
}
