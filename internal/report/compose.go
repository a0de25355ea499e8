package report

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"secretariat"
)

// Sections lists the review's sections in order.
var Sections = []string{"chairmanship", "tasks", "sessions", "pipeline", "threats", "operations", "publications", "comparison", "about", "sources"}

// Heading returns a section's heading.
func Heading(section string, lang secretariat.Lang) string {
	h := map[string][2]string{
		"chairmanship": {"Chairmanship", "Председательство"},
		"tasks":        {"Tasks of the previous session", "Выполнение поручений предыдущей сессии"},
		"sessions":     {"Sessions and meetings", "Сессии и заседания"},
		"pipeline":     {"From the working bodies to the supreme body", "От рабочих органов к высшему органу"},
		"threats":      {"Threats", "Угрозы"},
		"operations":   {"Joint operations", "Совместные операции"},
		"publications": {"Publications", "Публикации"},
		"comparison":   {"The year against earlier years", "Год в сравнении с предыдущими"},
		"about":        {"About this review", "Об этом обзоре"},
		"sources":      {"Sources", "Источники"},
	}[section]
	return tr(lang, h[0], h[1])
}

// Compose writes the review in lang as a Document: the generated sentences, the tables
// and the charts of every section. links gives the address of a record's page, or ""
// (nil when the reader has none: a file read on its own).
func Compose(r *YearReview, lang secretariat.Lang, links func(kind, id string) string) *Document {
	if lang != secretariat.RU {
		lang = secretariat.EN
	}
	c := &composer{r: r, lang: lang, s: say{lang}, links: links}
	d := &Document{Lang: lang, Title: Title(r, lang), Cover: c.cover(), Provenance: c.provenance()}
	if r.Foreword != nil {
		if text := strings.TrimSpace(r.Foreword.Text.In(lang)); text != "" {
			d.Foreword = &ForewordPart{Heading: tr(lang, "Foreword by the Secretariat", "Предисловие Секретариата"),
				Note: tr(lang, "This text is the Secretariat's own; everything else in the review is generated from the record.",
					"Этот текст написан Секретариатом; все остальное в обзоре сформировано по записи."),
				Text: text}
		}
	}
	charts := Charts(r, lang)
	for _, id := range Sections {
		sec := Section{ID: id, Heading: Heading(id, lang)}
		switch id {
		case "chairmanship":
			c.chairmanship(&sec)
		case "tasks":
			c.tasks(&sec)
		case "sessions":
			c.sessions(&sec)
		case "pipeline":
			c.pipeline(&sec)
		case "threats":
			c.threats(&sec)
		case "operations":
			c.operations(&sec)
		case "publications":
			c.publications(&sec)
		case "comparison":
			c.comparison(&sec)
		case "about":
			c.about(&sec)
		case "sources":
			c.sources(&sec)
		}
		// Charts come after the words and before the tables: a table may break across
		// pages and fill the room a chart that moves on leaves.
		var cs []Block
		for i := range charts {
			if charts[i].Section == id {
				cs = append(cs, Block{Kind: ChartBlock, Chart: &charts[i].Scene})
			}
		}
		at := len(sec.Blocks)
		for i, b := range sec.Blocks {
			if b.Kind == TableBlock {
				at = i
				break
			}
		}
		sec.Blocks = append(sec.Blocks[:at], append(cs, sec.Blocks[at:]...)...)
		d.Sections = append(d.Sections, sec)
	}
	return d
}

type composer struct {
	r     *YearReview
	lang  secretariat.Lang
	s     say
	links func(kind, id string) string
}

func (c *composer) t(en, ru string) string { return tr(c.lang, en, ru) }

func (c *composer) date(d secretariat.Date) string { return FormatDate(d, c.lang) }

// Title is the review's title.
func Title(r *YearReview, lang secretariat.Lang) string {
	org := r.Organization.In(lang)
	if org == "" {
		return tr(lang, fmt.Sprintf("The year %d in review", r.Year), fmt.Sprintf("Итоги %d года", r.Year))
	}
	return tr(lang, fmt.Sprintf("%s: the year %d in review", org, r.Year), fmt.Sprintf("%s: итоги %d года", org, r.Year))
}

// whenRead is the day the review stands on, as a phrase: "the end of 2019", "20 August
// 2021".
func (c *composer) standing() (en, ru string) {
	if c.r.Complete {
		return fmt.Sprintf("the end of %d", c.r.Year), fmt.Sprintf("конец %d года", c.r.Year)
	}
	return FormatDate(c.r.Today, secretariat.EN), FormatDate(c.r.Today, secretariat.RU)
}

func (c *composer) reader() string {
	switch {
	case c.r.Viewer == string(secretariat.RolePublic):
		return c.t("as the public sees it", "в объеме, открытом для всех")
	case strings.HasPrefix(c.r.Viewer, string(secretariat.RoleDelegate)+":"):
		state := strings.TrimPrefix(c.r.Viewer, string(secretariat.RoleDelegate)+":")
		return c.t("as the delegate of "+c.stateName(state)+" sees it", "в объеме, доступном представителю государства-члена ("+c.stateName(state)+")")
	}
	return c.t("in full, as the Secretariat sees it", "в полном объеме, доступном Секретариату")
}

func (c *composer) cover() Cover {
	r := c.r
	en, ru := c.standing()
	asOf := c.t("The record as it stood at "+en, "Запись по состоянию на "+ru)
	if !r.Complete {
		asOf = c.t("The record as it stood on "+en, "Запись по состоянию на "+ru)
	}
	return Cover{
		Organization: r.Organization.In(c.lang),
		Title:        c.t("The year in review", "Итоги года"),
		Year:         fmt.Sprint(r.Year),
		Lines: []CoverLine{
			{Label: c.t("Built from", "Составлено по"), Value: asOf},
			{Label: c.t("Journal entries", "Записей журнала"), Value: fmt.Sprint(r.Journal.Entries)},
			{Label: c.t("Head hash of the journal", "Хеш головы журнала"), Value: r.Journal.Head, Mono: true},
			{Label: c.t("Reader", "Читатель"), Value: upperFirst(c.reader())},
		},
	}
}

func (c *composer) provenance() []Span {
	r := c.r
	en, ru := c.standing()
	return []Span{{Text: c.t(
		fmt.Sprintf("Compiled from the record as it stood at %s (journal entry %d, head hash %s), %s. Every figure and every sentence below is computed from the record; ",
			en, r.Journal.Entries, short(r.Journal.Head), c.reader()),
		fmt.Sprintf("Составлено по записи на %s (запись журнала № %d, хеш %s) %s. Все цифры и все фразы ниже вычислены по записи; ",
			ru, r.Journal.Entries, short(r.Journal.Head), c.reader()))},
		{Text: "secretariat verify", Code: true},
		{Text: c.t(" proves the record unaltered against the head hash.", " подтверждает неизменность записи по хешу.") + c.retrospective()}}
}

// retrospective says, of a year entered into the record after it ended, that it is read
// as the record stands now.
func (c *composer) retrospective() string {
	if !c.r.Retrospective {
		return ""
	}
	return c.t(fmt.Sprintf(" The record of %d was entered after the year ended (the journal begins on %s), so it is read as it stands now: a status changed since then shows as it is now.",
		c.r.Year, FormatDate(c.r.JournalFrom, secretariat.EN)),
		fmt.Sprintf(" Сведения о %d годе внесены в запись после его окончания (журнал ведется с %s), поэтому они прочитаны в нынешнем состоянии: статус, изменившийся с тех пор, показан таким, каков он сейчас.",
			c.r.Year, FormatDate(c.r.JournalFrom, secretariat.RU)))
}

func short(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	return h
}

func (c *composer) stateName(id string) string {
	if n, ok := c.r.States[id]; ok {
		return n.In(c.lang)
	}
	return id
}

func (c *composer) stateNames(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = c.stateName(id)
	}
	return list(c.lang, names)
}

func (c *composer) bodyName(id string) string {
	if b, ok := c.r.Bodies[id]; ok {
		return b.Name.In(c.lang)
	}
	return id
}

// bodyShort is the body's abbreviation, or its name.
func (c *composer) bodyShort(id string) string {
	if b, ok := c.r.Bodies[id]; ok && !b.Short.IsZero() {
		return b.Short.In(c.lang)
	}
	return c.bodyName(id)
}

// bodyOf names a body after a noun: "the Collective Security Council" in English, "Совета
// коллективной безопасности" in Russian; a name the genitive cannot be formed for is
// quoted.
func (c *composer) bodyOf(id string) string {
	name := c.bodyName(id)
	if c.lang != secretariat.RU {
		return "the " + name
	}
	if g, ok := genitiveRU(name); ok {
		return g
	}
	return quote(c.lang, name)
}

// noun is what the body's meetings are called.
func (c *composer) noun(body string) Noun {
	switch c.r.Bodies[body].Kind {
	case secretariat.BodySupreme:
		return NounSession
	case secretariat.BodyJoint:
		return NounJoint
	}
	return NounMeeting
}

// atMeeting says where a step happened: "at the meeting of the CSSC", "на заседании
// КССБ", "на совместном заседании СМИД, СМО и КССБ".
func (c *composer) atMeeting(body string, joint []string) string {
	name := c.bodyShort(body)
	if c.noun(body) == NounJoint && len(joint) > 0 {
		shorts := make([]string, len(joint))
		for i, b := range joint {
			shorts[i] = c.bodyShort(b)
		}
		return c.t("at the joint meeting of the "+list(c.lang, shorts), "на совместном заседании "+list(c.lang, shorts))
	}
	if c.lang == secretariat.RU && name == c.bodyName(body) {
		name = c.bodyOf(body)
	}
	switch c.noun(body) {
	case NounSession:
		return c.t("at the session of the "+name, "на сессии "+name)
	case NounJoint:
		return c.t("at the "+lowerFirst(c.bodyName(body)), "на "+strings.Replace(lowerFirst(c.bodyName(body)), "совместное заседание", "совместном заседании", 1))
	}
	return c.t("at the meeting of the "+name, "на заседании "+name)
}

// where says where a session was held: "in Bishkek", "by videoconference"; in Russian
// the place stays in the nominative ("Бишкек"), after a comma.
func (c *composer) where(s SessionRef) string {
	for _, f := range s.Format {
		if f == secretariat.Video {
			return c.t("by videoconference", "в режиме видеоконференции")
		}
	}
	if p := s.Place.In(c.lang); p != "" {
		return c.t("in "+p, p)
	}
	return ""
}

// onDay is "on 28 November 2019 in Bishkek" / "28 ноября 2019 года, Бишкек".
func (c *composer) onDay(s SessionRef) string {
	w := c.where(s)
	if c.lang == secretariat.RU {
		if w == "" {
			return c.date(s.Date)
		}
		return c.date(s.Date) + ", " + w
	}
	if w == "" {
		return "on " + c.date(s.Date)
	}
	return "on " + c.date(s.Date) + " " + w
}

// ofSession is "of 8 November 2018 in Astana" / "8 ноября 2018 года (Астана)", for "the
// session …".
func (c *composer) ofSession(s SessionRef) string {
	w := c.where(s)
	if c.lang == secretariat.RU {
		if w == "" {
			return c.date(s.Date)
		}
		return c.date(s.Date) + " (" + w + ")"
	}
	switch {
	case w == "":
		return "of " + c.date(s.Date)
	case strings.HasPrefix(w, "by "):
		return "of " + c.date(s.Date) + " (" + w + ")"
	}
	return "of " + c.date(s.Date) + " " + w
}

func (c *composer) label(e secretariat.Enum, v string) string { return e.In(v, c.lang) }

func (c *composer) chairmanship(sec *Section) {
	terms := c.r.Chairmanship.Terms
	if len(terms) == 0 {
		sec.Blocks = append(sec.Blocks, para(c.t("The record holds no chairmanship of the supreme body for the year.",
			"В записи нет сведений о председательстве в высшем органе в этом году.")))
		return
	}
	body := c.bodyOf(c.r.Supreme.ID)
	for _, t := range terms {
		sec.Records = append(sec.Records, t.Ref)
		state := c.stateName(t.State)
		var s string
		switch {
		case t.Until.IsZero():
			s = c.t(fmt.Sprintf("%s has chaired %s since %s.", state, body, c.date(t.From)),
				fmt.Sprintf("С %s председатель %s — %s.", c.date(t.From), body, state))
		default:
			s = c.t(fmt.Sprintf("%s chaired %s from %s to %s.", state, body, c.date(t.From), c.date(t.Until)),
				fmt.Sprintf("С %s по %s председателем %s %s %s.", c.date(t.From), c.date(t.Until), body, ruPast(state, "был", "была", "было"), state))
		}
		if t.Illustrative {
			s = sentences(s, c.t("The dates of this term are the demo's own: no source gives them.", "Сроки этого председательства не взяты из источников (иллюстративны)."))
		}
		if n := len(t.Priorities); n > 0 {
			assessed := c.s.PrioritiesFulfilled(t.Fulfilled, n)
			if !t.EndsInYear && !(!t.Until.IsZero() && t.Until.Before(c.r.Today)) {
				// The term goes on: its priorities are assessed at its end; the table
				// shows where their tasks stand.
				assessed = c.t("They are assessed at the end of the term; the table shows where the tasks that serve them stand.",
					"Их выполнение оценивается по итогам председательства; в таблице — состояние связанных с ними поручений.")
			}
			s = sentences(s, c.s.PrioritiesAnnounced(n), assessed)
			if !t.Statement.IsZero() {
				s = sentences(s, c.t("The statement made at the end of the term, kept beside this assessment: ", "Заявление по итогам председательства, приводимое рядом с этой оценкой: ")+
					quote(c.lang, endSentence(t.Statement.In(c.lang)))+".")
			}
		}
		sec.Blocks = append(sec.Blocks, para(s))
		if len(t.Priorities) > 0 {
			tb := &Table{Caption: c.t("Priorities of the chairmanship: ", "Приоритеты председательства: ") + state,
				Columns: []Column{{Head: c.t("Priority", "Приоритет"), Share: 0.58}, {Head: c.t("Assessment", "Оценка"), Share: 0.24},
					{Head: c.t("Tasks", "Поручений"), Share: 0.18, Right: true}}}
			for _, p := range t.Priorities {
				tasks := fmt.Sprint(p.Tasks.N)
				if p.Tasks.Restricted > 0 {
					tasks += " " + c.s.Restricted(p.Tasks.Restricted, p.Tasks.N)
				}
				tb.Rows = append(tb.Rows, Row{Cells: []string{fmt.Sprintf("%d. %s", p.N, p.Text.In(c.lang)),
					fmt.Sprintf("%s (%.0f%%)", c.label(secretariat.EnumAssessment, string(p.Assessment)), p.Progress), tasks},
					Marked: p.Assessment != secretariat.AssessedFulfilled})
				sec.Records = append(sec.Records, p.Tasks.Records...)
			}
			sec.Blocks = append(sec.Blocks, Block{Kind: TableBlock, Table: tb})
		}
	}
}

func (c *composer) tasks(sec *Section) {
	t := c.r.Tasks
	if t.SetAt == nil {
		sec.Blocks = append(sec.Blocks, para(c.t(fmt.Sprintf("The record holds no regular session of the supreme body in %d, so no tasks are carried over.", c.r.Year-1),
			fmt.Sprintf("В записи нет очередной сессии высшего органа %d года, поэтому перешедших поручений нет.", c.r.Year-1))))
		return
	}
	sec.Records = append(sec.Records, t.SetAt.Ref)
	sec.Records = append(sec.Records, t.Set.Records...)
	set := c.s.TasksSet(t.Set.N, c.ofSession(*t.SetAt))
	if r := c.s.Restricted(t.Set.Restricted, t.Set.N); r != "" {
		set = strings.TrimSuffix(set, ".") + " " + r + "."
	}
	if t.Set.N == 0 {
		sec.Blocks = append(sec.Blocks, para(set))
		return
	}
	var when string
	switch {
	case t.CheckedAt != nil:
		when = c.t("By the session of "+c.date(t.CheckedAt.Date)+", ", "К сессии "+c.date(t.CheckedAt.Date)+" ")
	case c.r.Complete && t.Checked == c.r.Today:
		when = c.t(fmt.Sprintf("By the end of %d, ", c.r.Year), fmt.Sprintf("К концу %d года ", c.r.Year))
	default:
		when = c.t("As of "+c.date(t.Checked)+", ", "На "+c.date(t.Checked)+" ")
	}
	var status string
	if t.Fulfilled.N == t.Set.N {
		status = when + c.s.TasksAllFulfilled(t.Set.N) + "."
	} else {
		var parts []string
		for _, p := range t.Parts() {
			if p.Count.N > 0 {
				parts = append(parts, c.s.TaskPart(p.State, p.Count.N))
			}
		}
		status = when + list(c.lang, parts) + "."
	}
	sec.Blocks = append(sec.Blocks, para(sentences(set, status)))
	if len(t.Open) > 0 {
		tb := &Table{Columns: []Column{{Head: c.t("Task", "Поручение"), Share: 0.5}, {Head: c.t("State", "Состояние"), Share: 0.17},
			{Head: c.t("Due", "Срок"), Share: 0.15}, {Head: c.t("Responsible", "Ответственные"), Share: 0.18}}}
		for _, l := range t.Open {
			due := c.date(l.Due)
			if due == "" {
				due = l.Cycle.In(c.lang)
			}
			text := l.Text.In(c.lang)
			if l.Illustrative {
				text += c.t(" (wording illustrative)", " (формулировка иллюстративна)")
			}
			tb.Rows = append(tb.Rows, Row{Cells: []string{text, c.label(secretariat.EnumTaskState, string(l.State)), due, c.responsible(l.Responsible)},
				Marked: l.State == secretariat.StateOverdue})
		}
		sec.Blocks = append(sec.Blocks, Block{Kind: TableBlock, Table: tb})
	}
	if hidden := t.Set.Restricted - (t.Fulfilled.Restricted); hidden > 0 {
		sec.Blocks = append(sec.Blocks, Block{Kind: Small, Spans: plain(c.s.HiddenTasks(hidden))})
	}
}

// responsible names who carries a task out.
func (c *composer) responsible(r secretariat.Responsible) string {
	switch r.Kind {
	case secretariat.ResponsibleBody:
		return c.bodyShort(r.Body)
	case secretariat.ResponsibleStates:
		return c.stateNames(r.States)
	}
	return upperFirst(c.label(secretariat.EnumResponsibleKind, string(r.Kind)))
}

func (c *composer) sessions(sec *Section) {
	bodies := c.r.Sessions.Bodies
	if len(bodies) == 0 {
		sec.Blocks = append(sec.Blocks, para(c.t("The record holds no session or meeting in the year.", "В записи нет сессий и заседаний за год.")))
		return
	}
	var items []Item
	var notes []string
	for _, bs := range bodies {
		noun := c.noun(bs.Body.ID)
		var held, planned []string
		extraordinary := func(l SessionLine) string {
			if l.Kind != secretariat.Extraordinary {
				return ""
			}
			if noun == NounSession {
				return c.t(" (extraordinary)", " (внеочередная)")
			}
			return c.t(" (extraordinary)", " (внеочередное)")
		}
		for _, l := range bs.Sessions {
			if l.Held {
				held = append(held, c.onDay(l.SessionRef)+extraordinary(l))
			}
		}
		var ss []string
		if bs.Held.N > 0 {
			sep := "; "
			if c.lang == secretariat.EN {
				sep = ", "
			}
			dates := strings.Join(held, sep)
			if c.lang == secretariat.EN && len(held) > 1 {
				dates = c.names(held)
			}
			ss = append(ss, c.s.SessionsHeld(noun, bs.Held.N, dates))
		}
		for _, l := range bs.Sessions {
			if !l.Held {
				planned = append(planned, c.onDay(l.SessionRef)+extraordinary(l))
			}
		}
		ss = append(ss, c.s.Planned(noun, len(planned), c.names(planned)))
		if bs.Items.N > 0 {
			s := c.s.ItemsConsidered(bs.Items.N)
			if r := c.s.Restricted(bs.Items.Restricted, bs.Items.N); r != "" {
				s += " " + r
			}
			adopted := bs.Outcome(secretariat.Adopted).N
			if adopted == bs.Items.N {
				s += "; " + c.s.AllAdopted(adopted) + "."
			} else {
				var parts []string
				for _, o := range bs.Outcomes {
					parts = append(parts, c.s.Outcome(o.Result, o.Count.N))
				}
				if bs.Undecided.N > 0 {
					parts = append(parts, c.s.Outcome("", bs.Undecided.N))
				}
				s += ": " + list(c.lang, parts) + "."
			}
			ss = append(ss, s)
			for _, l := range bs.Limited {
				ss = append(ss, c.t(fmt.Sprintf("Adopted in limited format: %s (%s did not take part).", quote(c.lang, l.Title.In(c.lang)), c.stateNames(l.NotBound)),
					fmt.Sprintf("В ограниченном формате принят вопрос %s (не участвовали: %s).", quote(c.lang, l.Title.In(c.lang)), c.stateNames(l.NotBound))))
			}
			sec.Records = append(sec.Records, bs.Items.Records...)
		}
		// A session whose items are not in the record: its note says why, or the review
		// says so.
		for _, l := range bs.Sessions {
			if !l.Held || l.Items.N > 0 {
				continue
			}
			switch {
			case !l.Note.IsZero():
				ss = append(ss, l.Note.In(c.lang))
			case len(held) == 1:
				ss = append(ss, c.t(fmt.Sprintf("The items of the %s are not in the record.", c.nounWord(noun)),
					fmt.Sprintf("Вопросы %s в записи отсутствуют.", c.nounGen(noun))))
			default:
				ss = append(ss, c.t(fmt.Sprintf("The items of the %s of %s are not in the record.", c.nounWord(noun), c.date(l.Date)),
					fmt.Sprintf("Вопросы %s %s в записи отсутствуют.", c.nounGen(noun), c.date(l.Date))))
			}
		}
		if bs.Signed.N > 0 {
			s := c.s.DocumentsSigned(bs.Signed.N)
			if r := c.s.Restricted(bs.Signed.Restricted, bs.Signed.N); r != "" {
				s = strings.TrimSuffix(s, ".") + " " + r + "."
			}
			ss = append(ss, s)
			sec.Records = append(sec.Records, bs.Signed.Records...)
		}
		items = append(items, Item{Lead: c.bodyName(bs.Body.ID) + ".", Spans: plain(sentences(ss...))})
		for _, l := range bs.Sessions {
			if !l.Note.IsZero() && l.Held && l.Items.N > 0 {
				var lead string
				switch {
				case noun == NounJoint:
					lead = c.bodyName(bs.Body.ID) + ", " + c.date(l.Date) + "."
				default:
					lead = c.t(fmt.Sprintf("The %s of the %s, %s.", c.nounWord(noun), c.bodyShort(bs.Body.ID), c.date(l.Date)),
						fmt.Sprintf("%s %s, %s.", upperFirst(c.nounWordRU(noun)), c.bodyShort(bs.Body.ID), c.date(l.Date)))
				}
				notes = append(notes, lead+" "+l.Note.In(c.lang))
			}
		}
	}
	sec.Blocks = append(sec.Blocks, Block{Kind: List, Items: items})
	if len(notes) > 0 {
		sec.Blocks = append(sec.Blocks, Block{Kind: Small, Spans: plain(c.t("What the record notes of these meetings. ", "Примечания записи к этим заседаниям. ") + strings.Join(notes, " "))})
	}
}

// nounWordRU is the meeting noun in Russian: "сессия", "заседание".
func (c *composer) nounWordRU(n Noun) string {
	return map[Noun]string{NounSession: "сессия", NounMeeting: "заседание", NounJoint: "совместное заседание"}[n]
}

func (c *composer) nounWord(n Noun) string {
	return map[Noun]string{NounSession: "session", NounMeeting: "meeting", NounJoint: "joint meeting"}[n]
}

// nounGen is the meeting noun in the genitive singular: "вопросы сессии", "вопросы
// заседания".
func (c *composer) nounGen(n Noun) string {
	return map[Noun]string{NounSession: "сессии", NounMeeting: "заседания", NounJoint: "совместного заседания"}[n]
}

func (c *composer) pipeline(sec *Section) {
	p := c.r.Pipeline
	body := c.bodyOf(c.r.Supreme.ID)
	if c.lang == secretariat.EN {
		body = c.bodyName(c.r.Supreme.ID)
	}
	head := c.s.PipelineCame(p.Count.N, body)
	if p.Count.N == 0 {
		sec.Blocks = append(sec.Blocks, para(head))
		return
	}
	if r := c.s.Restricted(p.Count.Restricted, p.Count.N); r != "" {
		head += " " + r
	}
	if len(p.Items) == 0 {
		sec.Blocks = append(sec.Blocks, para(head+"."))
		return
	}
	sec.Blocks = append(sec.Blocks, para(head+":"))
	var items []Item
	for _, it := range p.Items {
		sec.Records = append(sec.Records, it.Item)
		var steps []string
		for _, st := range it.Steps {
			action := c.label(secretariat.EnumLineageAction, st.Action)
			steps = append(steps, fmt.Sprintf("%s %s %s", action, c.atMeeting(st.Body, st.Bodies), c.t("on "+c.date(st.Date), c.date(st.Date))))
		}
		s := quote(c.lang, it.Title.In(c.lang)) + ": " + strings.Join(steps, "; ")
		if it.Result != "" {
			s += "; " + c.itemResult(it.Result) + " " + c.atMeeting(c.r.Supreme.ID, nil)
		}
		items = append(items, Item{Spans: plain(s + ".")})
	}
	sec.Blocks = append(sec.Blocks, Block{Kind: List, Items: items})
}

// itemResult says what became of an item: "then adopted", "затем принят".
func (c *composer) itemResult(r secretariat.Result) string {
	ru := map[secretariat.Result]string{secretariat.Adopted: "принят", secretariat.AdoptedLimited: "принят в ограниченном формате",
		secretariat.NotAdopted: "не принят", secretariat.Deferred: "отложен", secretariat.Withdrawn: "снят с рассмотрения"}[r]
	return c.t("then "+c.label(secretariat.EnumResult, string(r)), "затем "+ru)
}

// names lists names in a sentence, with semicolons when a name has its own commas or
// colons.
func (c *composer) names(names []string) string {
	for _, n := range names {
		if strings.ContainsAny(n, ",:;") {
			if len(names) == 1 {
				return n
			}
			if c.lang == secretariat.RU {
				return strings.Join(names, "; ")
			}
			return strings.Join(names[:len(names)-1], "; ") + "; and " + names[len(names)-1]
		}
	}
	return list(c.lang, names)
}

func (c *composer) threats(sec *Section) {
	t := c.r.Threats
	en, ru := c.standing()
	when := c.t("At "+en, "На "+ru)
	if !c.r.Complete {
		when = c.t("On "+en, "На "+ru)
	}
	head := c.s.ThreatsNamed(t.Named.N, when)
	if t.Named.N == 0 {
		sec.Blocks = append(sec.Blocks, para(head))
		return
	}
	sec.Records = append(sec.Records, t.Named.Records...)
	var names []string
	for _, th := range t.Threats {
		names = append(names, lowerFirst(th.Name.In(c.lang)))
	}
	s := head
	if r := c.s.Restricted(t.Named.Restricted, t.Named.N); r != "" {
		s += " " + r
	}
	if len(names) > 0 {
		s += ": " + c.names(names)
	}
	s += "."
	var ss, changed []string
	ss = append(ss, s)
	type change struct {
		th ThreatLine
		ch secretariat.LevelPoint
	}
	var changes []change
	for _, th := range t.Threats {
		for _, ch := range th.Changes {
			changes = append(changes, change{th, ch})
		}
	}
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].ch.Date.Before(changes[j].ch.Date) })
	// Changes of one day in one direction are told in one sentence.
	for i := 0; i < len(changes); {
		j := i + 1
		for j < len(changes) && changes[j].ch.Date == changes[i].ch.Date && (changes[j].ch.Change > 0) == (changes[i].ch.Change > 0) {
			j++
		}
		en, ru := "rose", "повышен"
		if changes[i].ch.Change < 0 {
			en, ru = "fell", "понижен"
		}
		var parts []string
		for k, x := range changes[i:j] {
			name, from, to := quote(c.lang, x.th.Name.In(c.lang)), x.ch.Level-x.ch.Change, x.ch.Level
			switch {
			case k == 0:
				parts = append(parts, c.t(fmt.Sprintf("the level of %s %s from %d to %d", name, en, from, to), fmt.Sprintf("уровень угрозы %s %s с %d до %d", name, ru, from, to)))
			default:
				parts = append(parts, c.t(fmt.Sprintf("that of %s from %d to %d", name, from, to), fmt.Sprintf("угрозы %s — с %d до %d", name, from, to)))
			}
		}
		joined := strings.Join(parts, ", ")
		if len(parts) > 1 {
			joined = strings.Join(parts[:len(parts)-1], ", ") + c.t(", and ", ", ") + parts[len(parts)-1]
		}
		changed = append(changed, c.t("On "+c.date(changes[i].ch.Date)+" "+joined+".", upperFirst(c.date(changes[i].ch.Date))+" "+joined+"."))
		i = j
	}
	var un string
	if t.Unanswered.N == t.Named.N && t.Named.N > 0 {
		// Nothing answers any of them yet: say so once, and name only what operations do.
		un = c.s.NoneAnswered(t.Named.N)
		var parts []string
		for _, th := range t.Threats {
			if len(th.Operations) > 0 {
				var ops []string
				for _, o := range th.Operations {
					ops = append(ops, quote(c.lang, o.Name.In(c.lang)))
				}
				parts = append(parts, lowerFirst(th.Name.In(c.lang))+" ("+c.s.Operations(len(ops), list(c.lang, ops))+")")
			}
		}
		if len(parts) > 0 {
			un += c.t(" Operations alone answer some of them: ", " На некоторые из них отвечают только операции: ") + c.names(parts) + "."
		}
	} else {
		un = c.s.Unanswered(t.Unanswered.N)
		if t.Unanswered.N > 0 {
			var parts []string
			for _, th := range t.Threats {
				if th.Decisions.N > 0 {
					continue
				}
				part := lowerFirst(th.Name.In(c.lang))
				if len(th.Operations) > 0 {
					var ops []string
					for _, o := range th.Operations {
						ops = append(ops, quote(c.lang, o.Name.In(c.lang)))
					}
					part += " " + c.s.AnsweredOnlyBy(len(ops), list(c.lang, ops))
				}
				parts = append(parts, part)
			}
			if r := c.s.Restricted(t.Unanswered.Restricted, t.Unanswered.N); r != "" {
				un += " " + r
			}
			if len(parts) > 0 {
				un += ": " + c.names(parts)
			}
			un += "."
		}
	}
	ss = append(ss, un)
	illustrative := 0
	for _, th := range t.Threats {
		if th.Illustrative {
			illustrative++
		}
	}
	switch {
	case illustrative > 0 && illustrative == len(t.Threats):
		ss = append(ss, c.t("The levels are illustrative: no source gives them.", "Уровни иллюстративны: источники их не приводят."))
	case illustrative > 0:
		ss = append(ss, c.t("Levels marked illustrative are given by no source.", "Уровни, отмеченные как иллюстративные, источники не приводят."))
	}
	sec.Blocks = append(sec.Blocks, para(sentences(ss...)))
	if len(changed) > 0 {
		sec.Blocks = append(sec.Blocks, para(sentences(changed...)))
	}
	tb := &Table{Columns: []Column{{Head: c.t("Threat", "Угроза"), Share: 0.35}, {Head: c.t("Level at year end", "Уровень на конец года"), Share: 0.21},
		{Head: c.t("Trend", "Тенденция"), Share: 0.14}, {Head: c.t("Answered by", "Ответные меры"), Share: 0.3}}}
	if !c.r.Complete {
		tb.Columns[1].Head = c.t("Level", "Уровень")
	}
	for _, th := range t.Threats {
		level := "—"
		if th.Level > 0 {
			level = fmt.Sprint(th.Level)
			if th.Illustrative {
				level += c.t(" (illustrative)", " (иллюстративно)")
			}
		}
		var by []string
		for _, ref := range th.Decisions.Records {
			by = append(by, c.decisionName(ref.ID))
		}
		if th.Decisions.Restricted > 0 {
			by = append(by, c.s.RestrictedDecisions(th.Decisions.Restricted))
		}
		for _, o := range th.Operations {
			by = append(by, c.s.Operations(1, quote(c.lang, o.Name.In(c.lang))))
		}
		answer := strings.Join(by, "; ")
		if answer == "" {
			answer = c.t("nothing in the record", "в записи нет")
		}
		trend := "—"
		if th.Trend != "" {
			trend = c.label(secretariat.EnumTrend, string(th.Trend))
		}
		tb.Rows = append(tb.Rows, Row{Cells: []string{th.Name.In(c.lang), level, trend, answer}, Marked: th.Decisions.N == 0})
	}
	sec.Blocks = append(sec.Blocks, Block{Kind: TableBlock, Table: tb})
}

// decisionName names a decision by its body, year and number: "CSC 2018, No. 1".
func (c *composer) decisionName(id string) string {
	// Decision IDs are BODY-YEAR-N (secretariat.DecisionID).
	i := strings.LastIndexByte(id, '-')
	j := strings.LastIndexByte(id[:max(i, 0)], '-')
	if i < 0 || j < 0 {
		return id
	}
	return fmt.Sprintf("%s %s, %s %s", c.bodyShort(id[:j]), id[j+1:i], c.t("No.", "№"), id[i+1:])
}

func (c *composer) operations(sec *Section) {
	o := c.r.Operations
	var ss []string
	metrics := func(ms []MetricYear) string {
		var parts []string
		for _, m := range ms {
			parts = append(parts, m.Metric.Name.In(c.lang)+" — "+FormatAmount(m.Total, c.lang))
		}
		return strings.Join(parts, "; ")
	}
	conflicts := false
	for _, op := range o.Operations {
		sec.Records = append(sec.Records, op.Ref)
		s := c.t(fmt.Sprintf("Operation %s (%d): ", quote(c.lang, op.CodeName.In(c.lang)), c.r.Year),
			fmt.Sprintf("Операция %s (%d год): ", quote(c.lang, op.CodeName.In(c.lang)), c.r.Year)) + metrics(op.Metrics) + "."
		var earlier []string
		for _, m := range op.Metrics {
			for _, e := range m.Earlier {
				earlier = append(earlier, c.t(fmt.Sprintf("%s — %s in %s", m.Metric.Name.In(c.lang), FormatAmount(e.Amount, c.lang), e.Key),
					fmt.Sprintf("%s — %s в %s году", m.Metric.Name.In(c.lang), FormatAmount(e.Amount, c.lang), e.Key)))
			}
			for _, f := range m.Conflicts {
				conflicts = true
				s = sentences(s, c.t(fmt.Sprintf("For %s, %s gives %s; it is not counted: %s.", m.Metric.Name.In(c.lang), quote(c.lang, c.sourceTitle(f.Source.ID)), FormatAmount(f.Amount, c.lang), f.Why.In(c.lang)),
					fmt.Sprintf("По показателю «%s» источник %s приводит %s; он не учтен: %s.", m.Metric.Name.In(c.lang), quote(c.lang, c.sourceTitle(f.Source.ID)), FormatAmount(f.Amount, c.lang), f.Why.In(c.lang))))
			}
			for _, f := range m.Figures {
				sec.Records = append(sec.Records, f.Ref)
			}
		}
		if len(earlier) > 0 {
			s = sentences(s, c.t("Earlier years: ", "Предыдущие годы: ")+strings.Join(earlier, "; ")+".")
		}
		ss = append(ss, s)
	}
	for _, w := range o.Wider {
		var who string
		switch w.Scope {
		case secretariat.ScopeProgramme:
			who = c.t(fmt.Sprintf("All regular operations of %d together", c.r.Year), fmt.Sprintf("Все регулярные операции %d года вместе", c.r.Year))
		default:
			var names []string
			for _, op := range w.Operations {
				names = append(names, quote(c.lang, op.Name.In(c.lang)))
			}
			who = c.t("Operations "+list(c.lang, names)+fmt.Sprintf(" together, %d", c.r.Year), "Операции "+list(c.lang, names)+fmt.Sprintf(" вместе, %d год", c.r.Year))
		}
		ss = append(ss, who+c.t(" (these figures cover the operations together and are not added to any one operation's): ",
			" (эти показатели относятся к операциям вместе и не прибавляются к показателям отдельных операций): ")+metrics(w.Metrics)+".")
		for _, m := range w.Metrics {
			for _, f := range m.Figures {
				sec.Records = append(sec.Records, f.Ref)
			}
		}
	}
	if len(o.Silent) > 0 {
		var names []string
		for _, op := range o.Silent {
			names = append(names, quote(c.lang, op.Name.In(c.lang)))
		}
		ss = append(ss, c.s.SilentOperations(len(names), c.r.Year, list(c.lang, names)))
	}
	if len(o.Operations) == 0 && len(o.Wider) == 0 && len(o.Silent) == 0 {
		ss = append(ss, c.t(fmt.Sprintf("The record holds no operation figure of %d.", c.r.Year), fmt.Sprintf("Показателей операций за %d год в записи нет.", c.r.Year)))
	}
	if o.Hidden > 0 {
		ss = append(ss, c.s.HiddenFigures(o.Hidden))
	}
	for _, s := range ss {
		sec.Blocks = append(sec.Blocks, para(s))
	}
	if conflicts {
		sec.Blocks = append(sec.Blocks, Block{Kind: Small, Spans: plain(c.t("Figures of different sources about the same thing are never added together: the most authoritative source is counted, and the others are shown beside it. Figures of different scope are never compared or added.",
			"Показатели разных источников об одном и том же не суммируются: учитывается наиболее авторитетный источник, остальные приводятся рядом. Показатели разного охвата не сравниваются и не складываются."))})
	}
	table := func(caption string, ms []MetricYear) {
		tb := &Table{Caption: caption, Columns: []Column{{Head: c.t("Metric", "Показатель"), Share: 0.36}, {Head: c.t("Figure", "Значение"), Share: 0.16, Right: true},
			{Head: c.t("Source", "Источник"), Share: 0.34}, {Head: c.t("Counted", "Учтено"), Share: 0.14}}}
		for _, m := range ms {
			for _, f := range m.Figures {
				tb.Rows = append(tb.Rows, Row{Cells: []string{m.Metric.Name.In(c.lang), FormatAmount(f.Amount, c.lang), c.sourceTitle(f.Source.ID), c.t("yes", "да")}})
			}
			for _, f := range m.Conflicts {
				tb.Rows = append(tb.Rows, Row{Cells: []string{m.Metric.Name.In(c.lang), FormatAmount(f.Amount, c.lang), c.sourceTitle(f.Source.ID),
					c.t("no: shown beside", "нет: приводится рядом")}, Marked: true})
			}
		}
		sec.Blocks = append(sec.Blocks, Block{Kind: TableBlock, Table: tb})
	}
	for _, op := range o.Operations {
		table(c.t("Operation ", "Операция ")+quote(c.lang, op.CodeName.In(c.lang)), op.Metrics)
	}
	for _, w := range o.Wider {
		caption := c.t(fmt.Sprintf("All regular operations of %d together", c.r.Year), fmt.Sprintf("Все регулярные операции %d года вместе", c.r.Year))
		if w.Scope == secretariat.ScopeOperations {
			var names []string
			for _, op := range w.Operations {
				names = append(names, quote(c.lang, op.Name.In(c.lang)))
			}
			caption = c.t("Operations ", "Операции ") + list(c.lang, names) + c.t(" together", " вместе")
		}
		table(caption, w.Metrics)
	}
}

func (c *composer) sourceTitle(id string) string {
	for _, s := range c.r.Sources {
		if s.Ref.ID == id {
			return s.Title.In(c.lang)
		}
	}
	return id
}

func (c *composer) publications(sec *Section) {
	p := c.r.Publications
	if p.Total.N == 0 {
		sec.Blocks = append(sec.Blocks, para(c.s.Published(0, c.r.Year)))
		return
	}
	sec.Records = append(sec.Records, p.Total.Records...)
	var parts []string
	for _, s := range p.Sections {
		name := quote(c.lang, c.label(secretariat.EnumPublicationSection, s.Section))
		parts = append(parts, c.t(fmt.Sprintf("%d in %s", s.Count.N, name), fmt.Sprintf("%d — в разделе %s", s.Count.N, name)))
	}
	s := c.s.Published(p.Total.N, c.r.Year)
	if r := c.s.Restricted(p.Total.Restricted, p.Total.N); r != "" {
		s += " " + r
	}
	sep := ": "
	if c.lang == secretariat.RU {
		sep = ": "
	}
	spans := []Span{{Text: s + sep + strings.Join(parts, c.t(", ", "; ")) + "."}}
	for _, iv := range p.Interviews {
		spans = append(spans, Span{Text: c.t(" Among them is the interview ", " Среди них — интервью ")})
		title := Span{Text: quote(c.lang, iv.Title.In(c.lang))}
		if c.links != nil {
			title.Href = c.links(iv.Ref.Kind, iv.Ref.ID)
		}
		spans = append(spans, title, Span{Text: " (" + c.date(iv.Date) + ")"})
		if iv.URL != "" {
			spans = append(spans, Span{Text: c.t(", published ", ", опубликованное ")}, Span{Text: c.t("on the organization's site", "на сайте Организации"), Href: iv.URL})
		}
		switch {
		case iv.VideoURL != "":
			spans = append(spans, Span{Text: c.t(", with ", ", с ")}, Span{Text: c.t("a video version", "видеоверсией"), Href: iv.VideoURL}, Span{Text: "."})
		case iv.Video:
			spans = append(spans, Span{Text: c.t("; a video version was published with it, but its address is not in the record.",
				"; вместе с ним опубликована видеоверсия, но ее адрес в записи отсутствует.")})
		default:
			spans = append(spans, Span{Text: "."})
		}
	}
	sec.Blocks = append(sec.Blocks, Block{Kind: Para, Spans: spans})
}

func (c *composer) comparison(sec *Section) {
	ys := c.r.Comparison.Years
	if len(ys) == 0 {
		return
	}
	cur := ys[len(ys)-1]
	body := c.bodyName(c.r.Supreme.ID)
	if c.lang == secretariat.RU {
		body = c.bodyOf(c.r.Supreme.ID)
	}
	var ss []string
	switch {
	case cur.Items.N > 0:
		s := c.s.YearItems(cur.Items.N, cur.Year, body)
		if r := c.s.Restricted(cur.Items.Restricted, cur.Items.N); r != "" {
			s += " " + r
		}
		ss = append(ss, s+c.s.YearAdopted(cur.Adopted.N, cur.Items.N))
	default:
		ss = append(ss, c.yearWithoutItems(cur))
	}
	var earlier []string
	for i := len(ys) - 2; i >= 0; i-- {
		y := ys[i]
		var what string
		switch {
		case y.Items.N > 0:
			what = c.s.EarlierYear(y.Adopted.N, y.Items.N)
		case y.Sessions > 0:
			what = c.t("its items are not in the record", "вопросы в записи отсутствуют")
		default:
			what = c.t("no session in the record", "сессий в записи нет")
		}
		earlier = append(earlier, c.t(fmt.Sprintf("%d — %s", y.Year, what), fmt.Sprintf("%d год — %s", y.Year, what)))
	}
	if len(earlier) > 0 {
		ss = append(ss, c.t("Earlier years in the record: ", "Предыдущие годы в записи: ")+strings.Join(earlier, "; ")+".")
	}
	var done []string
	for _, y := range ys {
		if y.TasksSet.N > 0 {
			done = append(done, c.s.TasksOfYearFulfilled(y.TasksDone.N, y.TasksSet.N, y.Year))
		}
	}
	if len(done) > 0 {
		en, ru := c.standing()
		ss = append(ss, c.t("By "+en+", ", "К "+strings.Replace(ru, "конец", "концу", 1)+": ")+strings.Join(done, "; ")+".")
	}
	sec.Blocks = append(sec.Blocks, para(sentences(ss...)))
	tb := &Table{Columns: []Column{{Head: c.t("Year", "Год"), Share: 0.1}, {Head: c.t("Sessions", "Сессий"), Share: 0.12, Right: true},
		{Head: c.t("Items considered", "Рассмотрено вопросов"), Share: 0.22, Right: true}, {Head: c.t("Adopted", "Принято"), Share: 0.18, Right: true},
		{Head: c.t("Tasks set", "Дано поручений"), Share: 0.18, Right: true}, {Head: c.t("Tasks fulfilled", "Выполнено поручений"), Share: 0.2, Right: true}}}
	for _, y := range ys {
		items, adopted := fmt.Sprint(y.Items.N), fmt.Sprintf("%d (%s)", y.Adopted.N, percentOf(y.Adopted.N, y.Items.N))
		switch {
		case y.Items.N == 0 && y.Sessions > 0:
			items, adopted = c.t("not in the record", "нет в записи"), "—"
		case y.Items.N == 0:
			items, adopted = "—", "—"
		}
		set, done := fmt.Sprint(y.TasksSet.N), fmt.Sprint(y.TasksDone.N)
		if y.TasksSet.N == 0 {
			set, done = "—", "—"
		}
		tb.Rows = append(tb.Rows, Row{Cells: []string{fmt.Sprint(y.Year), fmt.Sprint(y.Sessions), items, adopted, set, done}})
	}
	sec.Blocks = append(sec.Blocks, Block{Kind: TableBlock, Table: tb})
	var notes []string
	for _, y := range ys[:len(ys)-1] {
		if y.Items.N > 0 {
			for _, n := range y.Notes {
				notes = append(notes, fmt.Sprintf("%d: %s", y.Year, n.In(c.lang)))
			}
		}
	}
	if len(notes) > 0 {
		sec.Blocks = append(sec.Blocks, Block{Kind: Small, Spans: plain(strings.Join(notes, " "))})
	}
	sec.Records = append(sec.Records, cur.Items.Records...)
}

// percentOf writes k of n as a whole percentage, a half rounded up, as people round.
func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

func percentOf(k, n int) string {
	if n == 0 {
		return "—"
	}
	return fmt.Sprintf("%d%%", (200*k+n)/(2*n))
}

func (c *composer) yearWithoutItems(y YearLine) string {
	body := c.bodyName(c.r.Supreme.ID)
	if y.Sessions == 0 && !c.r.Complete {
		return c.t(fmt.Sprintf("As of %s, the %s has not yet met in %d.", c.date(c.r.Today), body, y.Year),
			fmt.Sprintf("На %s сессий %s в %d году еще не проводилось.", c.date(c.r.Today), c.bodyOf(c.r.Supreme.ID), y.Year))
	}
	if y.Sessions > 0 {
		return c.t(fmt.Sprintf("The items of the %s's %s of %d are not in the record.", body, secretariat.PluralEN(y.Sessions, "session", "sessions"), y.Year),
			fmt.Sprintf("Вопросы %s %s %d года в записи отсутствуют.", secretariat.PluralRU(y.Sessions, "сессии", "сессий", "сессий"), c.bodyOf(c.r.Supreme.ID), y.Year))
	}
	return c.t(fmt.Sprintf("The record holds no session of the %s held in %d.", body, y.Year),
		fmt.Sprintf("В записи нет сессий %s, проведенных в %d году.", c.bodyOf(c.r.Supreme.ID), y.Year))
}

func (c *composer) about(sec *Section) {
	sec.Blocks = append(sec.Blocks, para(c.s.Illustrative(c.r.Illustrative.N)))
	how := []Span{{Text: c.t("Each record cited under a section can be read ", "Каждую запись, указанную в разделе, можно прочитать ")}}
	if c.links != nil {
		how = append(how, Span{Text: c.t("at its link, or ", "по ссылке или ")})
	}
	how = append(how, Span{Text: c.t("with ", "командой ")}, Span{Text: "secretariat get KIND ID", Code: true},
		Span{Text: c.t("; ", "; ")}, Span{Text: "secretariat verify", Code: true},
		Span{Text: c.t(" proves the record unaltered against the head hash given above.", " подтверждает неизменность записи по хешу, указанному выше.")})
	sec.Blocks = append(sec.Blocks, Block{Kind: Small, Spans: how})
	c.logCheckpoint(sec)
}

// sentenceEnd is what closes a sentence that ends with text: a full stop, unless the text
// ends with one already ("2018 г.", "Inc."), which would make two.
func sentenceEnd(text string) string {
	if strings.HasSuffix(text, ".") || strings.HasSuffix(text, "!") || strings.HasSuffix(text, "?") {
		return ""
	}
	return "."
}

func (c *composer) sources(sec *Section) {
	if len(c.r.Sources) == 0 {
		sec.Blocks = append(sec.Blocks, para(c.t("The records behind this review cite no source.", "Записи, на которых основан обзор, не ссылаются на источники.")))
		return
	}
	var items []Item
	for _, s := range c.r.Sources {
		var spans []Span
		spans = append(spans, Span{Text: s.Title.In(c.lang)})
		var about []string
		// The publisher is kept as the source names itself; a Russian reader is given
		// it when it is written in Russian (the title and address identify the rest).
		if s.Publisher != "" && (c.lang == secretariat.EN || hasCyrillic(s.Publisher)) {
			about = append(about, s.Publisher)
		}
		if !s.Date.IsZero() {
			about = append(about, c.date(s.Date))
		}
		about = append(about, c.label(secretariat.EnumSourceClass, string(s.Class)))
		spans = append(spans, Span{Text: sentenceEnd(s.Title.In(c.lang)) + " " + upperFirst(strings.Join(about, ", ")) + "."})
		switch {
		case s.URL != "":
			spans = append(spans, Span{Text: " "}, Span{Text: s.URL, Href: s.URL})
		case s.Reference != "" && (c.lang == secretariat.EN || hasCyrillic(s.Reference)):
			// A document's reference is kept as the source gives it, like its publisher,
			// and given to a Russian reader when it is written in Russian.
			spans = append(spans, Span{Text: " " + s.Reference + sentenceEnd(s.Reference)})
		}
		if note := s.Note.In(c.lang); note != "" {
			spans = append(spans, Span{Text: " " + note})
		}
		items = append(items, Item{Spans: spans})
	}
	sec.Blocks = append(sec.Blocks, Block{Kind: List, Items: items})
}
