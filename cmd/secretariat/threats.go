package main

import (
	"fmt"
	"strings"

	"secretariat"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "threats", summary: "questions of the threat register: history ID [--from --to], unanswered [--by decision|any], area AREA", run: runThreats})
}

func runThreats(e *env, args []string) error {
	f := newFlags(e, "threats", "history THREAT [--from DATE] [--to DATE] | unanswered [--by decision|any] | area AREA  [--json]").withJSON().withAsOf().withViewer().withLang()
	from := f.String("from", "", "first date of the period (history)")
	to := f.String("to", "", "last date of the period (history)")
	by := f.String("by", "decision", "unanswered: by a decision, or by anything (a decision or an operation)")
	var p store.Period
	pos, st, err := f.start(args, 1, 2, func(pos []string) error {
		want := map[string]int{"history": 2, "unanswered": 1, "area": 2}
		if n, ok := want[pos[0]]; !ok || n != len(pos) {
			return usagef("ask history THREAT, unanswered, or area AREA")
		}
		if *by != "decision" && *by != "any" {
			return usagef("--by is decision or any")
		}
		var err error
		p, err = period(*from, *to)
		return err
	})
	if err != nil {
		return err
	}
	defer st.Close()
	lang, v := f.language(), f.reader()
	switch pos[0] {
	case "history":
		tv, err := st.ThreatView(e.ctx, v, pos[1], p)
		if err != nil {
			return err
		}
		if f.json {
			return writeJSON(e.stdout, tv)
		}
		fmt.Fprintf(e.stdout, "%s\n", tv.Threat.Name.In(lang))
		for _, h := range tv.History {
			change := ""
			if h.Change != 0 {
				change = fmt.Sprintf(" (%+d)", h.Change)
			}
			if h.Trend != "" {
				change += ", " + secretariat.Label(h.Trend, lang)
			}
			ill := ""
			if h.Illustrative {
				ill = "  [" + label(lang, "illustrative", "иллюстративно") + "]"
			}
			fmt.Fprintf(e.stdout, "  %s  %s %d%s — %s%s\n", h.Date, label(lang, "level", "уровень"), h.Level, change, secretariat.ThreatLevels[h.Level].In(lang), ill)
		}
	case "unanswered":
		field := "answered_by_decision"
		if *by == "any" {
			field = "answered"
		}
		threats, _, err := store.FindAll[secretariat.Threat](e.ctx, st, v, store.Where(field, "false"))
		if err != nil {
			return err
		}
		if f.json {
			return writeJSON(e.stdout, threats)
		}
		n := len(threats)
		if *by == "any" {
			fmt.Fprintln(e.stdout, label(lang,
				fmt.Sprintf("%d %s that neither a decision nor an operation answers:", n, secretariat.PluralEN(n, "threat", "threats")),
				fmt.Sprintf("%d %s не отвечают ни решения, ни операции:", n, secretariat.PluralRU(n, "угроза, на которую", "угрозы, на которые", "угроз, на которые"))))
		} else {
			fmt.Fprintln(e.stdout, label(lang,
				fmt.Sprintf("%d %s that no decision answers:", n, secretariat.PluralEN(n, "threat", "threats")),
				fmt.Sprintf("%d %s не отвечает ни одно решение:", n, secretariat.PluralRU(n, "угроза, на которую", "угрозы, на которые", "угроз, на которые"))))
		}
		for _, t := range threats {
			ops := ""
			if len(t.Operations) > 0 {
				ops = fmt.Sprintf(" (%s: %s)", pl(lang, len(t.Operations), "operation", "operations", "операция", "операции", "операции"), strings.Join(t.Operations, ", "))
			}
			fmt.Fprintf(e.stdout, "  %s: %s%s\n", t.ID, t.Name.In(lang), ops)
		}
	case "area":
		threats, err := st.ThreatsInArea(e.ctx, v, pos[1])
		if err != nil {
			return err
		}
		if f.json {
			return writeJSON(e.stdout, threats)
		}
		n := len(threats)
		fmt.Fprintln(e.stdout, label(lang,
			fmt.Sprintf("%d %s assessed in %s or an area within it:", n, secretariat.PluralEN(n, "threat", "threats"), pos[1]),
			fmt.Sprintf("%d %s в районе %s или в районе, входящем в него:", n, secretariat.PluralRU(n, "угроза оценена", "угрозы оценены", "угроз оценено"), pos[1])))
		for _, t := range threats {
			fmt.Fprintf(e.stdout, "  %s: %s\n", t.ID, t.Name.In(lang))
		}
	}
	return nil
}
