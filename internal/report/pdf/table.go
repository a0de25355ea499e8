package pdf

import (
	"fmt"
	"strings"

	"secretariat"
	"secretariat/internal/report"
)

// table is a table of a section: a caption (may be empty), columns and rows of text.
type table struct {
	caption string
	cols    []column
	rows    []row
}

// column is a table column: its heading, its share of the text width, and whether its
// figures are set flush right.
type column struct {
	head  string
	share float64
	right bool
}

// row is a table row. beside marks a figure shown beside the counted one, set apart as
// on the HTML page.
type row struct {
	cells  []string
	beside bool
}

// tables returns a section's tables, with the same content as the Markdown renderer's.
func (d *doc) tables(section string) []table {
	r, lang := d.r, d.lang
	switch section {
	case "chairmanship":
		var out []table
		for _, t := range r.Chairmanship.Terms {
			if len(t.Priorities) == 0 {
				continue
			}
			tb := table{
				caption: d.tr("Priorities of the chairmanship of ", "Приоритеты председательства: ") + t.StateName.In(lang),
				cols: []column{{head: d.tr("Priority", "Приоритет"), share: 0.5}, {head: d.tr("Assessment", "Оценка"), share: 0.22},
					{head: d.tr("Tasks", "Поручения"), share: 0.28}},
			}
			for _, p := range t.Priorities {
				tb.rows = append(tb.rows, row{cells: []string{
					fmt.Sprintf("%d. %s", p.Priority.N, p.Priority.Text.In(lang)),
					fmt.Sprintf("%s (%.0f%%)", d.assessment(p.Assessment), p.Rollup.Progress),
					strings.Join(p.Tasks, ", "),
				}})
			}
			out = append(out, tb)
		}
		return out
	case "tasks":
		if len(r.Tasks.Open) == 0 {
			return nil
		}
		tb := table{cols: []column{{head: d.tr("Task", "Поручение"), share: 0.46}, {head: d.tr("Status", "Состояние"), share: 0.18},
			{head: d.tr("Due", "Срок"), share: 0.14}, {head: d.tr("Responsible", "Ответственные"), share: 0.22}}}
		for _, t := range r.Tasks.Open {
			status := d.status(t.Status)
			if t.Overdue {
				status += d.tr(", overdue", ", просрочено")
			}
			tb.rows = append(tb.rows, row{cells: []string{t.ID + ": " + t.Text.In(lang), status, t.Due, strings.Join(t.Responsible, ", ")}, beside: t.Overdue})
		}
		return []table{tb}
	case "operations":
		var out []table
		for _, op := range r.Operations.Operations {
			tb := table{cols: []column{{head: op.CodeName.In(lang), share: 0.34}, {head: d.tr("Figure", "Показатель"), share: 0.15},
				{head: d.tr("Source", "Источник"), share: 0.37}, {head: d.tr("Counted", "Учтено"), share: 0.14}}}
			for _, m := range op.Metrics {
				for _, f := range m.Figures {
					tb.rows = append(tb.rows, row{cells: []string{m.Metric.Name.In(lang), report.FormatAmount(f.Amount, lang), f.SourceTitle.In(lang), d.tr("yes", "да")}})
				}
				for _, f := range m.Conflicts {
					source := f.SourceTitle.In(lang)
					if note := f.Note.In(lang); note != "" {
						source += " — " + note
					}
					tb.rows = append(tb.rows, row{cells: []string{m.Metric.Name.In(lang), report.FormatAmount(f.Amount, lang), source,
						d.tr("no: shown beside", "нет: приводится рядом")}, beside: true})
				}
			}
			out = append(out, tb)
		}
		return out
	case "threats":
		if len(r.Threats.Threats) == 0 {
			return nil
		}
		tb := table{cols: []column{{head: d.tr("Threat", "Угроза"), share: 0.44}, {head: d.tr("Level at year end", "Уровень на конец года"), share: 0.2},
			{head: d.tr("Trend", "Тенденция"), share: 0.14}, {head: d.tr("Answered by", "Ответные меры"), share: 0.22}}}
		for _, t := range r.Threats.Threats {
			level := "—"
			if t.Level > 0 {
				level = fmt.Sprint(t.Level)
				if t.Illustrative {
					level += d.tr(" (illustrative)", " (иллюстративно)")
				}
			}
			var by []string
			for _, a := range t.AnsweredBy {
				by = append(by, a.ID)
			}
			tb.rows = append(tb.rows, row{cells: []string{t.Name.In(lang), level, report.TrendName(t.Trend, lang), strings.Join(by, ", ")}})
		}
		return []table{tb}
	case "comparison":
		if len(r.Comparison.Years) == 0 {
			return nil
		}
		tb := table{cols: []column{{head: d.tr("Year", "Год"), share: 0.12}, {head: d.tr("Items considered", "Рассмотрено вопросов"), share: 0.22, right: true},
			{head: d.tr("Adopted", "Принято"), share: 0.22, right: true}, {head: d.tr("Tasks set", "Поручений дано"), share: 0.22, right: true},
			{head: d.tr("Tasks fulfilled", "Поручений выполнено"), share: 0.22, right: true}}}
		for _, y := range r.Comparison.Years {
			tb.rows = append(tb.rows, row{cells: []string{fmt.Sprint(y.Year), fmt.Sprint(y.Items.N),
				fmt.Sprintf("%d (%.0f%%)", y.Adopted.N, 100*y.Rate), fmt.Sprint(y.TasksSet.N), fmt.Sprint(y.TasksDone.N)}})
		}
		return []table{tb}
	}
	return nil
}

func (d *doc) assessment(a string) string {
	n, ok := map[string][2]string{
		"fulfilled": {"fulfilled", "выполнен"}, "partly_fulfilled": {"partly fulfilled", "выполнен частично"},
		"not_fulfilled": {"not fulfilled", "не выполнен"}, "no_tasks": {"no tasks linked", "нет связанных поручений"},
	}[a]
	if !ok {
		return a
	}
	return d.tr(n[0], n[1])
}

func (d *doc) status(s secretariat.TaskStatus) string {
	n, ok := map[secretariat.TaskStatus][2]string{
		secretariat.TaskAssigned: {"assigned", "назначено"}, secretariat.TaskInProgress: {"in progress", "в работе"},
		secretariat.TaskReported: {"reported", "представлен отчет"}, secretariat.TaskFulfilled: {"fulfilled", "выполнено"},
		secretariat.TaskCancelled: {"cancelled", "отменено"}, secretariat.TaskSuperseded: {"superseded", "заменено"},
	}[s]
	if !ok {
		return string(s)
	}
	return d.tr(n[0], n[1])
}

// table draws a table across the text width. Cell text wraps within its column and rows
// grow to fit; a row that does not fit on the rest of the page moves to the next, under
// a repeated heading row, and only a row taller than a whole page is split.
func (d *doc) table(t table) {
	if len(t.cols) == 0 {
		return
	}
	body := style{size: tableSize, color: inkColor}
	head := style{size: tableSize, bold: true, color: inkColor}
	widths := make([]float64, len(t.cols))
	for i, c := range t.cols {
		widths[i] = c.share * textW
	}
	cellLines := func(cells []string, st style) [][][]token {
		out := make([][][]token, len(t.cols))
		for i := range t.cols {
			if i < len(cells) {
				out[i] = d.layout(tokenize([]span{{cells[i], st}}), widths[i]-2*tablePad)
			}
		}
		return out
	}
	heads := make([]string, len(t.cols))
	for i, c := range t.cols {
		heads[i] = c.head
	}
	headLines := cellLines(heads, head)
	headH := float64(maxLines(headLines))*tableLead + 2*tablePad
	drawHead := func() {
		d.fillRect(margin, d.y, textW, headH, headFill)
		d.cells(t.cols, widths, headLines, head, 0, maxLines(headLines))
		d.y += headH
		d.f.SetDrawColor(0x99, 0x99, 0x99)
		d.f.SetLineWidth(0.6)
		d.f.Line(margin, d.y, margin+textW, d.y)
	}
	captionH := 0.0
	if t.caption != "" {
		captionH = smallLead + 2
	}
	// The caption and the heading row stay with the first row, or its first lines.
	first := 1
	if len(t.rows) > 0 {
		first = min(maxLines(cellLines(t.rows[0].cells, body)), 3)
	}
	d.room(captionH + headH + float64(first)*tableLead + 2*tablePad)
	if t.caption != "" {
		d.flow([]span{{t.caption, style{size: smallSize, bold: true, color: mutedColor}}}, margin, textW, smallLead, nil)
		d.y += 2
	}
	drawHead()
	fullPage := int((bottom - top - headH - 2*tablePad) / tableLead)
	for _, rw := range t.rows {
		st := body
		if rw.beside {
			st.color = besideColor
		}
		lines := cellLines(rw.cells, st)
		done, total := 0, maxLines(lines)
		for done < total || total == 0 {
			left := total - done
			fit := int((bottom - d.y - 2*tablePad) / tableLead)
			n := left
			if left > fit {
				if left <= fullPage || fit < 1 {
					// The row fits on a page of its own: move it whole.
					d.newPage()
					drawHead()
					continue
				}
				n = fit
			}
			h := float64(max(n, 1))*tableLead + 2*tablePad
			if rw.beside {
				d.fillRect(margin, d.y, textW, h, besideFill)
			}
			d.cells(t.cols, widths, lines, st, done, done+n)
			d.y += h
			d.f.SetDrawColor(0xdd, 0xdd, 0xdd)
			d.f.SetLineWidth(0.5)
			d.f.Line(margin, d.y, margin+textW, d.y)
			done += n
			if total == 0 {
				break
			}
		}
	}
}

// cells writes lines [from, to) of each cell of a row whose box starts at the cursor.
func (d *doc) cells(cols []column, widths []float64, lines [][][]token, st style, from, to int) {
	x := margin
	for i, c := range cols {
		for k := from; k < to && k < len(lines[i]); k++ {
			line := lines[i][k]
			lx := x + tablePad
			if c.right {
				lx = x + widths[i] - tablePad - lineWidth(line)
			}
			d.drawLine(line, lx, baseline(d.y+tablePad+float64(k-from)*tableLead, tableLead, st.size))
		}
		x += widths[i]
	}
}

func maxLines(cells [][][]token) int {
	n := 0
	for _, c := range cells {
		n = max(n, len(c))
	}
	return n
}
