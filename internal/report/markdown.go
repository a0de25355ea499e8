package report

import (
	"fmt"
	"io"
	"strings"

	"secretariat"
)

// RenderMarkdown writes the review as Markdown: the generated paragraph of each section,
// its tables, and the records behind its figures.
func RenderMarkdown(w io.Writer, r *YearReview, opts RenderOptions) error {
	lang := opts.Lang
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	cite := func(refs []Ref) string { return citeRefs(refs, opts.Links, lang) }
	p("# %s\n\n", Title(r, lang))
	p("_%s_\n\n", Provenance(r, lang))
	if r.Foreword != nil {
		p("## %s\n\n%s\n\n", tr(lang, "Foreword, by the secretariat", "Предисловие Секретариата"), r.Foreword.Text.In(lang))
	}
	for _, para := range Narrate(r, lang) {
		p("## %s\n\n%s\n\n", para.Heading, para.Text)
		switch para.Section {
		case "chairmanship":
			for _, t := range r.Chairmanship.Terms {
				if len(t.Priorities) == 0 {
					continue
				}
				p("| %s | %s | %s |\n|---|---|---|\n", tr(lang, "Priority", "Приоритет"), tr(lang, "Assessment", "Оценка"), tr(lang, "Tasks", "Поручения"))
				for _, pr := range t.Priorities {
					p("| %d. %s | %s (%.0f%%) | %s |\n", pr.Priority.N, pr.Priority.Text.In(lang), assessmentName(pr.Assessment, lang), pr.Rollup.Progress, strings.Join(pr.Tasks, ", "))
				}
				p("\n")
			}
		case "tasks":
			if len(r.Tasks.Open) > 0 {
				p("| %s | %s | %s | %s |\n|---|---|---|---|\n", tr(lang, "Task", "Поручение"), tr(lang, "Status", "Состояние"), tr(lang, "Due", "Срок"), tr(lang, "Responsible", "Ответственные"))
				for _, t := range r.Tasks.Open {
					status := string(t.Status)
					if t.Overdue {
						status += tr(lang, ", overdue", ", просрочено")
					}
					p("| %s: %s | %s | %s | %s |\n", t.ID, t.Text.In(lang), status, t.Due, strings.Join(t.Responsible, ", "))
				}
				p("\n")
			}
		case "operations":
			for _, op := range r.Operations.Operations {
				p("| %s | %s | %s | %s |\n|---|---|---|---|\n", op.CodeName.In(lang), tr(lang, "Figure", "Показатель"), tr(lang, "Source", "Источник"), tr(lang, "Counted", "Учтено"))
				for _, m := range op.Metrics {
					for _, f := range m.Figures {
						p("| %s | %s | %s | %s |\n", m.Metric.Name.In(lang), FormatAmount(f.Amount, lang), f.SourceTitle.In(lang), tr(lang, "yes", "да"))
					}
					for _, f := range m.Conflicts {
						note := f.Note.In(lang)
						if note != "" {
							note = " — " + note
						}
						p("| %s | %s | %s%s | %s |\n", m.Metric.Name.In(lang), FormatAmount(f.Amount, lang), f.SourceTitle.In(lang), note, tr(lang, "no: shown beside", "нет: приводится рядом"))
					}
				}
				p("\n")
			}
		case "threats":
			p("| %s | %s | %s | %s |\n|---|---|---|---|\n", tr(lang, "Threat", "Угроза"), tr(lang, "Level at year end", "Уровень на конец года"), tr(lang, "Trend", "Тенденция"), tr(lang, "Answered by", "Ответные меры"))
			for _, t := range r.Threats.Threats {
				level := "—"
				if t.Level > 0 {
					level = fmt.Sprint(t.Level)
					if t.Illustrative {
						level += tr(lang, " (illustrative)", " (иллюстративно)")
					}
				}
				var by []string
				for _, a := range t.AnsweredBy {
					by = append(by, a.ID)
				}
				p("| %s | %s | %s | %s |\n", t.Name.In(lang), level, TrendName(t.Trend, lang), strings.Join(by, ", "))
			}
			p("\n")
		case "comparison":
			p("| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n", tr(lang, "Year", "Год"), tr(lang, "Items considered", "Рассмотрено вопросов"), tr(lang, "Adopted", "Принято"), tr(lang, "Tasks set", "Поручений дано"), tr(lang, "Tasks fulfilled", "Поручений выполнено"))
			for _, y := range r.Comparison.Years {
				p("| %d | %d | %d (%s) | %d | %d |\n", y.Year, y.Items.N, y.Adopted.N, percent(y.Rate), y.TasksSet.N, y.TasksDone.N)
			}
			p("\n")
		}
		if len(para.Records) > 0 {
			p("%s %s\n\n", tr(lang, "Records:", "Записи:"), cite(para.Records))
		}
	}
	p("---\n\n%s\n", HowToRead(r, lang, opts.Links == nil))
	_, err := io.WriteString(w, b.String())
	return err
}

// Title is the review's title.
func Title(r *YearReview, lang secretariat.Lang) string {
	org := r.Organization.In(lang)
	if org == "" {
		org = "secretariat"
	}
	return tr(lang, fmt.Sprintf("%s: the year %d in review", org, r.Year), fmt.Sprintf("%s: итоги %d года", org, r.Year))
}

// Provenance says what the review was built from.
func Provenance(r *YearReview, lang secretariat.Lang) string {
	who := map[string][2]string{"public": {"the public", "публика"}, "officer": {"the secretariat", "секретариат"}, "admin": {"the secretariat", "секретариат"}}[r.Viewer]
	if who[0] == "" {
		who = [2]string{"the delegate of " + strings.TrimPrefix(r.Viewer, "delegate:"), "делегат " + strings.TrimPrefix(r.Viewer, "delegate:")}
	}
	return tr(lang,
		fmt.Sprintf("Generated from the record as it stood at %s (journal entry %d, head %s), as %s may see it. Every figure and every sentence is computed from the record.", r.AsOf, r.Journal.Entries, short(r.Journal.Head), who[0]),
		fmt.Sprintf("Сформировано из записи по состоянию на %s (запись журнала %d, хеш %s) в объеме, доступном читателю: %s. Все цифры и все фразы вычислены по записи.", r.AsOf, r.Journal.Entries, short(r.Journal.Head), who[1]))
}

func short(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	return h
}

// HowToRead tells how to open the records a review cites.
func HowToRead(r *YearReview, lang secretariat.Lang, commands bool) string {
	s := tr(lang, "Each record cited can be read with", "Каждую запись можно прочитать командой")
	if commands {
		s += " `secretariat get KIND ID`"
	} else {
		s += tr(lang, " its link, or `secretariat get KIND ID`", " по ссылке или `secretariat get KIND ID`")
	}
	s += tr(lang, "; `secretariat verify` proves the record unaltered against the head hash above.", "; `secretariat verify` подтверждает неизменность записи по хешу, указанному выше.")
	return s
}

// citeRefs writes the records behind a figure: links when the reader can follow them,
// kind/ID otherwise. Long lists are grouped by kind.
func citeRefs(refs []Ref, links func(kind, id string) string, lang secretariat.Lang) string {
	seen := map[Ref]bool{}
	var parts []string
	for _, r := range refs {
		if seen[r] {
			continue
		}
		seen[r] = true
		id := r.ID
		if i := strings.IndexByte(id, '#'); i >= 0 && r.Kind == "chairmanship" {
			continue // a priority: its chairmanship is cited already
		}
		if links != nil {
			if href := links(r.Kind, id); href != "" {
				parts = append(parts, fmt.Sprintf("[%s %s](%s)", r.Kind, id, href))
				continue
			}
		}
		parts = append(parts, fmt.Sprintf("`%s %s`", r.Kind, id))
	}
	return strings.Join(parts, ", ")
}

func assessmentName(a string, lang secretariat.Lang) string {
	n := map[string][2]string{
		"fulfilled": {"fulfilled", "выполнен"}, "partly_fulfilled": {"partly fulfilled", "выполнен частично"},
		"not_fulfilled": {"not fulfilled", "не выполнен"}, "no_tasks": {"no tasks linked", "нет связанных поручений"},
	}[a]
	return tr(lang, n[0], n[1])
}

// TrendName names a threat's trend in lang.
func TrendName(t secretariat.Trend, lang secretariat.Lang) string {
	n := map[secretariat.Trend][2]string{secretariat.Rising: {"rising", "растет"}, secretariat.Stable: {"stable", "без изменений"}, secretariat.Falling: {"falling", "снижается"}}[t]
	return tr(lang, n[0], n[1])
}
