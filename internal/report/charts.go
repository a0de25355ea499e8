package report

import (
	"fmt"
	"time"

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

// Charts draws the review's charts in lang. A chart is drawn only when it compares
// something: a single bar is a sentence, and the sentence is already in the text.
//   - items considered and adopted, year by year, when two or more years have items;
//   - outcomes by body, when two or more bodies considered items;
//   - the tasks of the previous session by state, when they are in two or more states;
//   - an operation's metric by year, when it has figures for two or more years;
//   - threat levels over time, on a time axis, a row per threat.
//
// HTML writes them as SVG; the PDF draws the same scenes.
func Charts(r *YearReview, lang secretariat.Lang) []Chart {
	var out []Chart
	format := func(v float64) string { return FormatNumber(v, lang) }
	// Items considered and adopted, year by year.
	withItems := 0
	for _, y := range r.Comparison.Years {
		if y.Items.N > 0 {
			withItems++
		}
	}
	if withItems >= 2 {
		spec := chart.BarSpec{Title: tr(lang, "Items considered and adopted by the supreme body, by year", "Вопросы, рассмотренные и принятые высшим органом, по годам"),
			Format: format, Unit: tr(lang, "items", "вопросов"), Height: 200}
		considered := chart.Series{Name: tr(lang, "considered", "рассмотрено"), Color: &colorOther}
		adopted := chart.Series{Name: tr(lang, "adopted", "принято"), Color: &colorAdopted}
		for _, y := range r.Comparison.Years {
			if y.Items.N == 0 {
				continue
			}
			spec.Categories = append(spec.Categories, fmt.Sprint(y.Year))
			considered.Values = append(considered.Values, float64(y.Items.N))
			adopted.Values = append(adopted.Values, float64(y.Adopted.N))
		}
		spec.Series = []chart.Series{considered, adopted}
		out = append(out, Chart{"comparison", chart.Bars(spec)})
	}
	// Outcomes of the year, body by body.
	var bodies []BodySessions
	for _, b := range r.Sessions.Bodies {
		if b.Items.N > 0 {
			bodies = append(bodies, b)
		}
	}
	if len(bodies) >= 2 {
		spec := chart.BarSpec{Title: tr(lang, fmt.Sprintf("Outcomes of the items of %d, by body", r.Year), fmt.Sprintf("Итоги рассмотрения вопросов в %d году, по органам", r.Year)),
			Stacked: true, Format: format, Unit: tr(lang, "items", "вопросов"), Height: 200}
		colors := map[secretariat.Result]*chart.Color{secretariat.Adopted: &colorAdopted, secretariat.AdoptedLimited: &colorLimited,
			secretariat.NotAdopted: &colorNot, secretariat.Deferred: &colorOther, secretariat.Withdrawn: &chart.Black}
		undecided := chart.Series{Name: tr(lang, "not yet decided", "не решено"), Color: &chart.Yellow}
		series := map[secretariat.Result]*chart.Series{}
		for _, res := range resultOrder {
			series[res] = &chart.Series{Name: secretariat.EnumResult.In(string(res), lang), Color: colors[res]}
		}
		for _, b := range bodies {
			name := r.Bodies[b.Body.ID]
			short := name.Short.In(lang)
			if short == "" {
				short = name.Name.In(lang)
			}
			spec.Categories = append(spec.Categories, short)
			for _, res := range resultOrder {
				series[res].Values = append(series[res].Values, float64(b.Outcome(res).N))
			}
			undecided.Values = append(undecided.Values, float64(b.Undecided.N))
		}
		for _, res := range resultOrder {
			if total(series[res].Values) > 0 {
				spec.Series = append(spec.Series, *series[res])
			}
		}
		if total(undecided.Values) > 0 {
			spec.Series = append(spec.Series, undecided)
		}
		out = append(out, Chart{"sessions", chart.Bars(spec)})
	}
	// The tasks of the previous session, by state.
	states := 0
	for _, p := range r.Tasks.Parts() {
		if p.Count.N > 0 {
			states++
		}
	}
	if states >= 2 {
		spec := chart.BarSpec{Title: tr(lang, "Tasks of the previous session, by state", "Поручения предыдущей сессии, по состоянию"),
			Format: format, Unit: tr(lang, "tasks", "поручений"), Height: 200}
		s := chart.Series{Name: tr(lang, "tasks", "поручений"), Color: &colorAdopted}
		for _, p := range r.Tasks.Parts() {
			if p.Count.N == 0 {
				continue
			}
			spec.Categories = append(spec.Categories, secretariat.EnumTaskState.In(string(p.State), lang))
			s.Values = append(s.Values, float64(p.Count.N))
		}
		spec.Series = []chart.Series{s}
		out = append(out, Chart{"tasks", chart.Bars(spec)})
	}
	// Each operation's metrics with figures for two or more years.
	for _, op := range r.Operations.Operations {
		for _, m := range op.Metrics {
			if len(m.Earlier) == 0 {
				continue
			}
			spec := chart.BarSpec{Title: fmt.Sprintf("%s: %s", quote(lang, op.CodeName.In(lang)), m.Metric.Name.In(lang)), Format: format, Unit: unitName(m.Metric.Unit, lang), Height: 200}
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
	if c, ok := threatChart(r, lang); ok {
		out = append(out, Chart{"threats", c})
	}
	return out
}

// day is a date's position on a time axis: days since 1970.
func day(d secretariat.Date) float64 { return float64(d.Time().Unix()) / 86400 }

var monthsShortEN = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
var monthsShortRU = []string{"янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек."}

// threatChart draws each threat's level as a row on a time axis from the first year of
// the register's history to the end of the review's year.
func threatChart(r *YearReview, lang secretariat.Lang) (chart.Scene, bool) {
	first := r.Year
	any := false
	for _, th := range r.Threats.Threats {
		for _, p := range th.History {
			first = min(first, p.Date.Year())
			any = true
		}
	}
	if !any {
		return chart.Scene{}, false
	}
	from, to := secretariat.NewDate(first, 1, 1), secretariat.NewDate(r.Year+1, 1, 1)
	spec := chart.StepSpec{Title: tr(lang, "Threat levels over time (1 low … 5 critical; a ring marks a level no source gives)",
		"Уровни угроз во времени (1 — низкий … 5 — критический; кольцо — уровень, не взятый из источников)"),
		From: day(from), To: day(to), Min: 1, Max: 5, NoData: tr(lang, "No assessment", "Оценок нет")}
	if r.Year-first >= 1 {
		for y := first; y <= r.Year; y++ {
			spec.Ticks = append(spec.Ticks, chart.Tick{Value: day(secretariat.NewDate(y, 1, 1)), Label: fmt.Sprint(y)})
		}
	} else {
		months := monthsShortEN
		if lang == secretariat.RU {
			months = monthsShortRU
		}
		for m := 1; m <= 12; m += 3 {
			label := months[m-1]
			if m == 1 {
				label += fmt.Sprintf(" %d", r.Year)
			}
			spec.Ticks = append(spec.Ticks, chart.Tick{Value: day(secretariat.NewDate(r.Year, time.Month(m), 1)), Label: label})
		}
	}
	for _, th := range r.Threats.Threats {
		row := chart.StepRow{Name: th.Name.In(lang)}
		for _, p := range th.History {
			row.Points = append(row.Points, chart.StepPoint{X: day(p.Date), Value: float64(p.Level), Label: FormatDate(p.Date, lang), Hollow: p.Illustrative})
		}
		spec.Rows = append(spec.Rows, row)
	}
	return chart.Steps(spec), true
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
