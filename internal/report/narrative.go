package report

import (
	"fmt"
	"sort"
	"strings"

	"secretariat"
)

// Paragraph is one section's generated text, with the records it speaks of.
type Paragraph struct {
	Section string `json:"section"`
	Heading string `json:"heading"`
	Text    string `json:"text"`
	Records []Ref  `json:"records,omitempty"`
}

// Sections lists the review's sections in order.
var Sections = []string{"chairmanship", "tasks", "sessions", "pipeline", "threats", "operations", "publications", "comparison"}

// Heading returns a section's heading.
func Heading(section string, lang secretariat.Lang) string {
	h := map[string][2]string{
		"chairmanship": {"Chairmanship", "Председательство"},
		"tasks":        {"Tasks carried over", "Выполнение поручений предыдущей сессии"},
		"sessions":     {"Sessions", "Сессии и заседания"},
		"pipeline":     {"From the working bodies to the supreme body", "От рабочих органов к высшему органу"},
		"threats":      {"Threats", "Угрозы"},
		"operations":   {"Joint operations", "Совместные операции"},
		"publications": {"Publications", "Публикации"},
		"comparison":   {"The year against earlier years", "Год в сравнении с предыдущими"},
	}[section]
	return tr(lang, h[0], h[1])
}

// Narrate generates the narrative paragraph of each section from the review's figures.
func Narrate(r *YearReview, lang secretariat.Lang) []Paragraph {
	n := narrator{r: r, lang: lang}
	var out []Paragraph
	for _, s := range Sections {
		text, refs := n.section(s)
		out = append(out, Paragraph{Section: s, Heading: Heading(s, lang), Text: text, Records: refs})
	}
	return out
}

type narrator struct {
	r    *YearReview
	lang secretariat.Lang
}

func (n narrator) t(en, ru string) string { return tr(n.lang, en, ru) }

func (n narrator) section(s string) (string, []Ref) {
	switch s {
	case "chairmanship":
		return n.chairmanship()
	case "tasks":
		return n.tasks()
	case "sessions":
		return n.sessions()
	case "pipeline":
		return n.pipeline()
	case "threats":
		return n.threats()
	case "operations":
		return n.operations()
	case "publications":
		return n.publications()
	case "comparison":
		return n.comparison()
	}
	return "", nil
}

func (n narrator) chairmanship() (string, []Ref) {
	var b []string
	var refs []Ref
	body := n.r.SupremeName.In(n.lang)
	for _, t := range n.r.Chairmanship.Terms {
		refs = append(refs, t.Ref)
		state := t.StateName.In(n.lang)
		var s string
		if t.Until.IsZero() {
			s = n.t(fmt.Sprintf("%s has chaired the %s since %s.", state, body, FormatDate(t.From, n.lang)),
				fmt.Sprintf("Председатель (%s): %s, с %s.", body, state, FormatDate(t.From, n.lang)))
		} else {
			s = n.t(fmt.Sprintf("%s chaired the %s from %s to %s.", state, body, FormatDate(t.From, n.lang), FormatDate(t.Until, n.lang)),
				fmt.Sprintf("Председатель (%s): %s, с %s по %s.", body, state, FormatDate(t.From, n.lang), FormatDate(t.Until, n.lang)))
		}
		if p := len(t.Priorities); p > 0 {
			k := t.Fulfilled.N
			s += " " + n.t(fmt.Sprintf("It announced %s; ", count(n.lang, p, "priority", "priorities", "", "", "")),
				fmt.Sprintf("%s %s; ", secretariat.PluralRU(p, "Объявлен", "Объявлено", "Объявлено"), count(n.lang, p, "", "", "приоритет", "приоритета", "приоритетов")))
			switch {
			case k == p && p > 1:
				s += n.t(fmt.Sprintf("all %d are fulfilled, as assessed from the tasks that serve them.", p),
					fmt.Sprintf("по оценке поручений выполнены все %d.", p))
			case k == p:
				s += n.t("it is fulfilled, as assessed from the tasks that serve it.", "по оценке поручений он выполнен.")
			default:
				s += n.t(fmt.Sprintf("%d of them are fulfilled, as assessed from the tasks that serve them.", k),
					fmt.Sprintf("по оценке поручений выполнено %d из %d.", k, p))
			}
			refs = append(refs, t.Fulfilled.Records...)
			if st := statementOf(t); !st.IsZero() {
				s += " " + n.t("The end-of-term statement kept beside the assessment: ", "Заявление по итогам председательства: ") + quote(n.lang, st.In(n.lang))
			}
		}
		b = append(b, s)
	}
	if len(b) == 0 {
		return n.t("The record holds no chairmanship of the supreme body for the year.", "В записи нет сведений о председательстве в высшем органе в этом году."), nil
	}
	return strings.Join(b, " "), refs
}

// statementOf returns the chair's statement when every priority carries the same one,
// so that it is quoted once.
func statementOf(t ChairTerm) secretariat.Text {
	var st secretariat.Text
	for i, p := range t.Priorities {
		if i == 0 {
			st = p.Priority.Statement
		} else if p.Priority.Statement != st {
			return secretariat.Text{}
		}
	}
	return st
}

func (n narrator) tasks() (string, []Ref) {
	t := n.r.Tasks
	if t.SetAt == nil {
		return n.t("The record holds no regular session of the previous year, so no tasks are carried over.",
			"В записи нет очередной сессии предыдущего года, поэтому нет перешедших поручений."), nil
	}
	place := t.SetAt.Place.In(n.lang)
	set := n.t(fmt.Sprintf("The session of %s in %s set %s.", FormatDate(t.SetAt.Date, n.lang), place, count(n.lang, t.Set.N, "task", "tasks", "", "", "")),
		fmt.Sprintf("Сессия %s (%s) дала %s.", FormatDate(t.SetAt.Date, n.lang), place, count(n.lang, t.Set.N, "", "", "поручение", "поручения", "поручений")))
	when := n.t(fmt.Sprintf("As of %s", FormatDate(t.Checked, n.lang)), fmt.Sprintf("На %s", FormatDate(t.Checked, n.lang)))
	if t.CheckedAt != nil {
		when = n.t(fmt.Sprintf("At the session of %s", FormatDate(t.CheckedAt.Date, n.lang)), fmt.Sprintf("К сессии %s", FormatDate(t.CheckedAt.Date, n.lang)))
	}
	var status string
	switch {
	case t.Set.N > 0 && t.Fulfilled.N == t.Set.N:
		status = n.t(fmt.Sprintf("%s, all %d were fulfilled.", when, t.Set.N), fmt.Sprintf("%s выполнены все %d.", when, t.Set.N))
	default:
		status = n.t(fmt.Sprintf("%s, %d were fulfilled, %d were in progress and %d overdue.", when, t.Fulfilled.N, t.InProgress.N, t.Overdue.N),
			fmt.Sprintf("%s %s %d, в работе %d, просрочено %d.", when, secretariat.PluralRU(t.Fulfilled.N, "выполнено", "выполнено", "выполнено"), t.Fulfilled.N, t.InProgress.N, t.Overdue.N))
		if t.Cancelled.N > 0 {
			status += " " + n.t(fmt.Sprintf("%d were cancelled or superseded.", t.Cancelled.N), fmt.Sprintf("Отменено или заменено: %d.", t.Cancelled.N))
		}
	}
	refs := append([]Ref{t.SetAt.Ref}, t.Set.Records...)
	return set + " " + status, refs
}

var resultOrder = []secretariat.Result{secretariat.Adopted, secretariat.AdoptedLimited, secretariat.NotAdopted, secretariat.Deferred, secretariat.Withdrawn}

func (n narrator) sessions() (string, []Ref) {
	var b []string
	var refs []Ref
	for _, bs := range n.r.Sessions.Bodies {
		name := bs.Name.In(n.lang)
		var s string
		if bs.Held.N > 0 {
			var dates []string
			for _, l := range bs.Sessions {
				if l.Held {
					dates = append(dates, FormatDate(l.Date, n.lang))
				}
			}
			s = n.t(fmt.Sprintf("The %s held %s (%s).", name, count(n.lang, bs.Held.N, "session", "sessions", "", "", ""), list(n.lang, dates)),
				fmt.Sprintf("%s: %s %s (%s).", name, secretariat.PluralRU(bs.Held.N, "проведена", "проведены", "проведено"), count(n.lang, bs.Held.N, "", "", "сессия", "сессии", "сессий"), list(n.lang, dates)))
		}
		for _, l := range bs.Sessions {
			if !l.Held {
				s += " " + n.t(fmt.Sprintf("A session of the %s is planned for %s.", name, FormatDate(l.Date, n.lang)),
					fmt.Sprintf("Сессия (%s) запланирована на %s.", name, FormatDate(l.Date, n.lang)))
			}
		}
		if items := bs.Items.N; items > 0 {
			adopted := countOf(bs.Outcomes, secretariat.Adopted) + countOf(bs.Outcomes, secretariat.AdoptedLimited)
			considered := n.t(fmt.Sprintf(" It considered %s", count(n.lang, items, "item", "items", "", "", "")),
				fmt.Sprintf(" %s %s", secretariat.PluralRU(items, "Рассмотрен", "Рассмотрено", "Рассмотрено"), count(n.lang, items, "", "", "вопрос", "вопроса", "вопросов")))
			if adopted == items && items > 1 {
				s += considered + n.t(fmt.Sprintf("; all %d were adopted", items), fmt.Sprintf("; приняты все %d", items))
			} else {
				var parts []string
				for _, res := range resultOrder {
					if c := countOf(bs.Outcomes, res); c > 0 {
						parts = append(parts, fmt.Sprintf("%d %s", c, resultName(res, n.lang)))
					}
				}
				if bs.Undecided.N > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", bs.Undecided.N, n.t("not yet decided", "еще не решены")))
				}
				s += considered + ": " + strings.Join(parts, ", ")
			}
			s += "."
			if len(bs.Limited) > 0 {
				var ls []string
				for _, l := range bs.Limited {
					ls = append(ls, fmt.Sprintf("%s (%s)", quote(n.lang, l.Title.In(n.lang)), strings.Join(l.NotBound, ", ")))
				}
				s += " " + n.t("Adopted in limited format, with the states that stood aside: ", "Приняты в ограниченном формате (не участвовали): ") + strings.Join(ls, "; ") + "."
			}
			refs = append(refs, bs.Items.Records...)
		}
		if sg := bs.Signed.N; sg > 0 {
			s += " " + n.t(fmt.Sprintf("%s signed.", capital(count(n.lang, sg, "document was", "documents were", "", "", ""))),
				fmt.Sprintf("%s %s.", secretariat.PluralRU(sg, "Подписан", "Подписано", "Подписано"), count(n.lang, sg, "", "", "документ", "документа", "документов")))
			refs = append(refs, bs.Signed.Records...)
		}
		b = append(b, strings.TrimSpace(s))
	}
	if h := n.r.Hidden.Items + n.r.Hidden.Decisions; h > 0 {
		b = append(b, n.t(fmt.Sprintf("%s of the year %s restricted and not shown to this reader.", count(n.lang, h, "more record", "more records", "", "", ""), plural(n.lang, h, "is", "are", "", "", "")),
			fmt.Sprintf("Еще %s за год %s ограниченного доступа и не показаны этому читателю.", count(n.lang, h, "", "", "запись", "записи", "записей"), secretariat.PluralRU(h, "относится к записям", "относятся к записям", "относятся к записям"))))
	}
	if len(b) == 0 {
		return n.t("The record holds no session in the year.", "В записи нет сессий за год."), nil
	}
	return strings.Join(b, " "), refs
}

func countOf(m map[secretariat.Result]*Count, r secretariat.Result) int {
	if c := m[r]; c != nil {
		return c.N
	}
	return 0
}

func resultName(r secretariat.Result, lang secretariat.Lang) string {
	names := map[secretariat.Result][2]string{
		secretariat.Adopted:        {"adopted", "принято"},
		secretariat.AdoptedLimited: {"adopted in limited format", "принято в ограниченном формате"},
		secretariat.NotAdopted:     {"not adopted", "не принято"},
		secretariat.Deferred:       {"deferred", "отложено"},
		secretariat.Withdrawn:      {"withdrawn", "снято"},
	}[r]
	return tr(lang, names[0], names[1])
}

func capital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func actionName(action string, lang secretariat.Lang) string {
	names := map[string][2]string{
		"agreed": {"agreed by", "одобрен"}, "approved": {"approved by", "утвержден"},
		"forwarded": {"forwarded by", "направлен"}, "prepared": {"prepared by", "подготовлен"},
	}[action]
	return tr(lang, names[0], names[1])
}

func (n narrator) pipeline() (string, []Ref) {
	p := n.r.Pipeline.Items
	if len(p) == 0 {
		return n.t("No item of the supreme body this year records a way through the working bodies.",
			"Ни один вопрос высшего органа в этом году не прошел через рабочие органы по записи."), nil
	}
	var refs []Ref
	s := n.t(fmt.Sprintf("%s came to the %s from the working bodies: ", capital(count(n.lang, len(p), "item", "items", "", "", "")), n.r.SupremeName.In(n.lang)),
		fmt.Sprintf("%s %s в %s через рабочие органы: ", count(n.lang, len(p), "", "", "вопрос", "вопроса", "вопросов"), secretariat.PluralRU(len(p), "поступил", "поступили", "поступили"), quote(n.lang, n.r.SupremeName.In(n.lang))))
	var items []string
	for _, it := range p {
		refs = append(refs, it.Item)
		var steps []string
		for _, st := range it.Steps {
			body := st.BodyName.In(n.lang)
			if n.lang == secretariat.RU {
				steps = append(steps, fmt.Sprintf("%s (%s) %s", actionName(st.Action, n.lang), body, FormatDate(st.Date, n.lang)))
			} else {
				steps = append(steps, fmt.Sprintf("%s the %s on %s", actionName(st.Action, n.lang), body, FormatDate(st.Date, n.lang)))
			}
		}
		items = append(items, quote(n.lang, it.Title.In(n.lang))+", "+strings.Join(steps, ", "))
	}
	return s + strings.Join(items, "; ") + ".", refs
}

func (n narrator) threats() (string, []Ref) {
	t := n.r.Threats
	if t.Named.N == 0 {
		return n.t("The register holds no threat.", "Реестр угроз пуст."), nil
	}
	var names []string
	illustrative := false
	for _, th := range t.Threats {
		names = append(names, th.Name.In(n.lang))
		illustrative = illustrative || th.Illustrative
	}
	s := n.t(fmt.Sprintf("The register names %s: %s.", count(n.lang, t.Named.N, "threat", "threats", "", "", ""), list(n.lang, names)),
		fmt.Sprintf("В реестре %s: %s.", count(n.lang, t.Named.N, "", "", "угроза", "угрозы", "угроз"), list(n.lang, names)))
	for _, th := range t.Threats {
		for _, c := range th.Changes {
			dir := n.t("rose", "повысился")
			if c.Change < 0 {
				dir = n.t("fell", "понизился")
			}
			s += " " + n.t(fmt.Sprintf("The level of %s %s from %d to %d on %s.", quote(n.lang, th.Name.In(n.lang)), dir, c.Level-c.Change, c.Level, FormatDate(c.Date, n.lang)),
				fmt.Sprintf("Уровень угрозы %s %s с %d до %d (%s).", quote(n.lang, th.Name.In(n.lang)), dir, c.Level-c.Change, c.Level, FormatDate(c.Date, n.lang)))
		}
	}
	var unanswered []string
	for _, th := range t.Threats {
		if slicesContainsRef(t.Unanswered.Records, th.Ref) {
			unanswered = append(unanswered, th.Name.In(n.lang))
		}
	}
	if len(unanswered) > 0 {
		s += " " + n.t(fmt.Sprintf("No decision answers %s: %s.", count(n.lang, len(unanswered), "threat", "threats", "", "", ""), list(n.lang, unanswered)),
			fmt.Sprintf("Без ответного решения %s: %s.", secretariat.PluralRU(len(unanswered), "остается", "остаются", "остаются")+" "+count(n.lang, len(unanswered), "", "", "угроза", "угрозы", "угроз"), list(n.lang, unanswered)))
	}
	if illustrative {
		s += " " + n.t("Levels marked illustrative are not given by any source.", "Уровни, отмеченные как иллюстративные, не взяты из источников.")
	}
	return s, t.Named.Records
}

func slicesContainsRef(refs []Ref, r Ref) bool {
	for _, x := range refs {
		if x == r {
			return true
		}
	}
	return false
}

func (n narrator) operations() (string, []Ref) {
	ops := n.r.Operations.Operations
	if len(ops) == 0 {
		return n.t(fmt.Sprintf("No operation reported figures for %d.", n.r.Year), fmt.Sprintf("За %d год операции не сообщали показателей.", n.r.Year)), nil
	}
	var b []string
	var refs []Ref
	for _, op := range ops {
		var parts []string
		for _, m := range op.Metrics {
			part := fmt.Sprintf("%s: %s", m.Metric.Name.In(n.lang), FormatAmount(m.Total, n.lang))
			var srcs []string
			for _, f := range m.Figures {
				srcs = append(srcs, f.SourceTitle.In(n.lang))
				refs = append(refs, f.Ref)
			}
			if len(srcs) > 0 && len(srcs) <= 2 {
				part += " (" + strings.Join(srcs, "; ") + ")"
			}
			for _, c := range m.Conflicts {
				refs = append(refs, c.Ref)
				part += n.t(fmt.Sprintf(", beside which %s gives %s", c.SourceTitle.In(n.lang), FormatAmount(c.Amount, n.lang)),
					fmt.Sprintf(", тогда как источник %s приводит %s", quote(n.lang, c.SourceTitle.In(n.lang)), FormatAmount(c.Amount, n.lang)))
				if note := c.Note.In(n.lang); note != "" {
					part += " (" + strings.TrimSuffix(note, ".") + ")"
				}
			}
			if len(m.Earlier) > 0 {
				var earlier []string
				for _, e := range m.Earlier {
					earlier = append(earlier, fmt.Sprintf("%s %s", e.Key, FormatAmount(e.Amount, n.lang)))
				}
				part += n.t("; earlier years: ", "; предыдущие годы: ") + strings.Join(earlier, ", ")
			}
			parts = append(parts, part)
		}
		b = append(b, n.t(fmt.Sprintf("Operation %s, %d: ", quote(n.lang, op.CodeName.In(n.lang)), n.r.Year), fmt.Sprintf("Операция %s, %d год: ", quote(n.lang, op.CodeName.In(n.lang)), n.r.Year))+
			strings.Join(parts, "; ")+".")
	}
	s := strings.Join(b, " ")
	s += " " + n.t("Figures from different sources for the same thing are never added together; the most authoritative source is taken and the others are shown beside it.",
		"Показатели разных источников об одном и том же не суммируются: берется наиболее авторитетный источник, остальные приводятся рядом.")
	if h := n.r.Hidden.Figures; h > 0 {
		s += " " + n.t(fmt.Sprintf("%s restricted and not counted here.", capital(count(n.lang, h, "figure is", "figures are", "", "", ""))),
			fmt.Sprintf("Еще %s ограниченного доступа не учтены.", count(n.lang, h, "", "", "показатель", "показателя", "показателей")))
	}
	return s, refs
}

func (n narrator) publications() (string, []Ref) {
	p := n.r.Publications
	if p.Total.N == 0 {
		return n.t("Nothing was published in the year.", "За год публикаций нет."), nil
	}
	var secs []string
	keys := make([]string, 0, len(p.Sections))
	for k := range p.Sections {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		secs = append(secs, fmt.Sprintf("%d %s %s", p.Sections[k].N, n.t("in", "в разделе"), quote(n.lang, k)))
	}
	return n.t(fmt.Sprintf("%s appeared: %s.", capital(count(n.lang, p.Total.N, "publication", "publications", "", "", "")), list(n.lang, secs)),
		fmt.Sprintf("%s %s: %s.", secretariat.PluralRU(p.Total.N, "Опубликован", "Опубликовано", "Опубликовано"), count(n.lang, p.Total.N, "", "", "материал", "материала", "материалов"), list(n.lang, secs))), p.Total.Records
}

func (n narrator) comparison() (string, []Ref) {
	ys := n.r.Comparison.Years
	if len(ys) == 0 {
		return "", nil
	}
	cur := ys[len(ys)-1]
	body := n.r.SupremeName.In(n.lang)
	s := n.t(fmt.Sprintf("In %d the %s considered %s and adopted %s.", cur.Year, body, count(n.lang, cur.Items.N, "item", "items", "", "", ""), percent(cur.Rate)),
		fmt.Sprintf("В %d году %s: %s, %s принято.", cur.Year, quote(n.lang, body), count(n.lang, cur.Items.N, "", "", "вопрос рассмотрен", "вопроса рассмотрено", "вопросов рассмотрено"), percent(cur.Rate)))
	var earlier []string
	for _, y := range ys[:len(ys)-1] {
		if y.Items.N == 0 {
			continue
		}
		earlier = append(earlier, n.t(fmt.Sprintf("%s in %d (%s adopted)", count(n.lang, y.Items.N, "item", "items", "", "", ""), y.Year, percent(y.Rate)),
			fmt.Sprintf("%d году — %s (%s принято)", y.Year, count(n.lang, y.Items.N, "", "", "вопрос", "вопроса", "вопросов"), percent(y.Rate))))
	}
	if len(earlier) > 0 {
		s += " " + n.t("The record holds, for earlier years: ", "Для сравнения, в ") + list(n.lang, earlier) + "."
	}
	var done []string
	for _, y := range ys {
		if y.TasksSet.N > 0 {
			done = append(done, n.t(fmt.Sprintf("%d of the %d tasks set in %d", y.TasksDone.N, y.TasksSet.N, y.Year),
				fmt.Sprintf("%d из %d поручений %d года", y.TasksDone.N, y.TasksSet.N, y.Year)))
		}
	}
	if len(done) > 0 {
		s += " " + n.t("Fulfilled so far: ", "Выполнено на сегодня: ") + list(n.lang, done) + "."
	}
	if n.r.Illustrative > 0 {
		s += " " + n.t(fmt.Sprintf("%s behind this review %s illustrative: no source gives them.", capital(count(n.lang, n.r.Illustrative, "record", "records", "", "", "")), plural(n.lang, n.r.Illustrative, "is", "are", "", "", "")),
			fmt.Sprintf("%s, на которых основан обзор, %s: источники их не приводят.", capital(count(n.lang, n.r.Illustrative, "", "", "запись", "записи", "записей")), secretariat.PluralRU(n.r.Illustrative, "иллюстративна", "иллюстративны", "иллюстративны")))
	}
	return s, cur.Items.Records
}
