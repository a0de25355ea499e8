package report

import (
	"fmt"
	"math"
	"sort"

	"secretariat"
	"secretariat/internal/chart"
)

// Chart is a chart of one section of the review.
type Chart struct {
	Section string
	Scene   chart.Scene
}

var (
	colorAdopted = chart.BluishGreen
	colorLimited = chart.SkyBlue
	colorNot     = chart.Vermillion
	colorOther   = chart.Orange
)

// Charts draws the review's charts in lang: outcomes against earlier years, the status of
// the tasks carried over, operation figures by year, and threat levels over time. HTML
// writes them as SVG; the PDF draws the same scenes.
func Charts(r *YearReview, lang secretariat.Lang) []Chart {
	var out []Chart
	format := func(v float64) string { return FormatNumber(v, lang) }
	// Items considered and adopted, year by year.
	if ys := r.Comparison.Years; len(ys) > 0 {
		spec := chart.BarSpec{Title: tr(lang, "Items considered and adopted by the supreme body, by year", "Рассмотрено и принято вопросов высшим органом, по годам"),
			Format: format, Unit: tr(lang, "items", "вопросов")}
		considered := chart.Series{Name: tr(lang, "considered", "рассмотрено"), Color: &colorOther}
		adopted := chart.Series{Name: tr(lang, "adopted", "принято"), Color: &colorAdopted}
		for _, y := range ys {
			spec.Categories = append(spec.Categories, fmt.Sprint(y.Year))
			considered.Values = append(considered.Values, float64(y.Items.N))
			adopted.Values = append(adopted.Values, float64(y.Adopted.N))
		}
		spec.Series = []chart.Series{considered, adopted}
		out = append(out, Chart{"comparison", chart.Bars(spec)})
	}
	// Outcomes of the year, body by body.
	if bodies := r.Sessions.Bodies; len(bodies) > 0 {
		spec := chart.BarSpec{Title: tr(lang, fmt.Sprintf("Outcomes of the items of %d, by body", r.Year), fmt.Sprintf("Итоги рассмотрения вопросов в %d году, по органам", r.Year)),
			Stacked: true, Format: format, Unit: tr(lang, "items", "вопросов")}
		colors := map[secretariat.Result]*chart.Color{secretariat.Adopted: &colorAdopted, secretariat.AdoptedLimited: &colorLimited,
			secretariat.NotAdopted: &colorNot, secretariat.Deferred: &colorOther, secretariat.Withdrawn: &chart.Black}
		series := map[secretariat.Result]*chart.Series{}
		for _, res := range resultOrder {
			series[res] = &chart.Series{Name: resultName(res, lang), Color: colors[res]}
		}
		for _, b := range bodies {
			short := b.Short.In(lang)
			if short == "" {
				short = b.Name.In(lang)
			}
			spec.Categories = append(spec.Categories, short)
			for _, res := range resultOrder {
				series[res].Values = append(series[res].Values, float64(countOf(b.Outcomes, res)))
			}
		}
		for _, res := range resultOrder {
			if total(series[res].Values) > 0 {
				spec.Series = append(spec.Series, *series[res])
			}
		}
		out = append(out, Chart{"sessions", chart.Bars(spec)})
	}
	// The tasks carried over, by status at the session.
	if t := r.Tasks; t.Set.N > 0 {
		spec := chart.BarSpec{Title: tr(lang, "Tasks carried over, by status at the session", "Поручения предыдущей сессии, по состоянию на сессию"),
			Format: format, Unit: tr(lang, "tasks", "поручений")}
		s := chart.Series{Name: tr(lang, "tasks", "поручений"), Color: &colorAdopted}
		for _, c := range []struct {
			en, ru string
			n      int
		}{{"fulfilled", "выполнено", t.Fulfilled.N}, {"in progress", "в работе", t.InProgress.N}, {"overdue", "просрочено", t.Overdue.N}, {"cancelled", "отменено", t.Cancelled.N}} {
			spec.Categories = append(spec.Categories, tr(lang, c.en, c.ru))
			s.Values = append(s.Values, float64(c.n))
		}
		spec.Series = []chart.Series{s}
		out = append(out, Chart{"tasks", chart.Bars(spec)})
	}
	// Each operation's figures by year, for the metrics with more than one year.
	for _, op := range r.Operations.Operations {
		for _, m := range op.Metrics {
			if len(m.Earlier) == 0 {
				continue
			}
			spec := chart.BarSpec{Title: fmt.Sprintf("%s: %s", op.CodeName.In(lang), m.Metric.Name.In(lang)), Format: format, Unit: unitName(m.Metric.Unit, lang)}
			s := chart.Series{Name: m.Metric.Name.In(lang), Color: &colorAdopted}
			for _, e := range m.Earlier {
				spec.Categories = append(spec.Categories, e.Key)
				s.Values = append(s.Values, e.Amount.Value)
			}
			spec.Categories = append(spec.Categories, fmt.Sprint(r.Year))
			s.Values = append(s.Values, m.Total.Value)
			spec.Series = []chart.Series{s}
			out = append(out, Chart{"operations", chart.Bars(spec)})
		}
	}
	// Threat levels over time, up to the year's end.
	if len(r.Threats.Threats) > 0 {
		dates := map[string]bool{}
		for _, th := range r.Threats.Threats {
			for _, p := range th.History {
				dates[p.Date.String()] = true
			}
		}
		labels := make([]string, 0, len(dates))
		for d := range dates {
			labels = append(labels, d)
		}
		sort.Strings(labels)
		spec := chart.LineSpec{Title: tr(lang, "Threat levels over time (1 low … 5 critical)", "Уровни угроз во времени (1 — низкий … 5 — критический)"), Labels: labels,
			Y: &chart.Domain{Min: 1, Max: 5, Ticks: []chart.Tick{{Value: 1, Label: "1"}, {Value: 2, Label: "2"}, {Value: 3, Label: "3"}, {Value: 4, Label: "4"}, {Value: 5, Label: "5"}}}, Height: 300}
		for _, th := range r.Threats.Threats {
			if len(th.History) == 0 {
				continue
			}
			s := chart.Series{Name: th.Name.In(lang)}
			level := math.NaN()
			i := 0
			for _, l := range labels {
				for i < len(th.History) && th.History[i].Date.String() <= l {
					level = float64(th.History[i].Level)
					i++
				}
				s.Values = append(s.Values, level)
			}
			spec.Series = append(spec.Series, s)
		}
		if len(spec.Series) > 8 {
			spec.Series = spec.Series[:8]
		}
		out = append(out, Chart{"threats", chart.Lines(spec)})
	}
	return out
}

func total(vs []float64) float64 {
	t := 0.0
	for _, v := range vs {
		t += v
	}
	return t
}

func unitName(unit string, lang secretariat.Lang) string {
	switch unit {
	case "t":
		return tr(lang, "tonnes", "тонн")
	case "kg":
		return tr(lang, "kilograms", "кг")
	}
	return ""
}
