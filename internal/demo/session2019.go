package demo

import (
	"slices"

	s "secretariat"
	"secretariat/internal/store"
)

// bishkek describes one of the 17 items of 28 November 2019.
type bishkek struct {
	title    s.Text
	kind     s.ItemKind
	decision s.DecisionKind
	draft    string
	lineage  []s.LineageStep
	prov     s.Provenance
	signed   bool
	access   *s.Access
}

var forwarded = s.LineageStep{Body: "joint-ministers", Date: s.MustDate("2019-11-27"), Action: "forwarded"}

// bishkekItems are the ten items the sources name, then the seven that are not
// published (illustrative). Fifteen documents were signed (Mir 24); which fifteen is not
// published: the demo leaves the report and the hand-over of the chair unsigned.
var bishkekItems = []bishkek{
	{title: s.TEN("Statement on improving international cooperation to strengthen security (a Kyrgyz initiative)", "Заявление о совершенствовании международного сотрудничества в целях укрепления безопасности (инициатива Кыргызстана)"),
		kind: s.Substantive, decision: s.KindStatement, prov: src("kg24-136259", "kremlin-62146"), signed: true},
	{title: s.TEN("Plan of collective actions on the UN Global Counter-Terrorism Strategy, 2019–2021", "План коллективных действий по реализации Глобальной контртеррористической стратегии ООН на 2019–2021 годы"),
		kind: s.Substantive, decision: s.KindPlan, draft: "draft-gcts", prov: src("kg24-136259", "inform-a3541619"), signed: true,
		lineage: []s.LineageStep{{Item: "cssc-2019-06-27-3", Body: "cssc", Date: s.MustDate("2019-06-27"), Action: "agreed"}, forwarded}},
	{title: s.TEN("List of additional measures to reduce tension on the Tajik–Afghan border (classified)", "Перечень дополнительных мер по снижению напряженности на таджикско-афганской границе (секретно)"),
		kind: s.Substantive, decision: s.KindDecision, draft: "draft-tj-af-border", prov: src("kg24-136259", "kg24-116466"), signed: true, access: &restricted,
		lineage: []s.LineageStep{{Item: "cmd-2019-04-30-1", Body: "cmd", Date: s.MustDate("2019-04-30"), Action: "prepared"},
			{Item: "cssc-2019-06-27-1", Body: "cssc", Date: s.MustDate("2019-06-27"), Action: "agreed"}, forwarded}},
	{title: s.TEN("Amendments to the organization's normative legal acts", "О внесении изменений в нормативные правовые акты Организации"),
		kind: s.Substantive, decision: s.KindDecision, prov: src("kg24-136259"), signed: true},
	{title: s.TEN("Budget of the organization for 2020", "О бюджете Организации на 2020 год"),
		kind: s.Substantive, decision: s.KindBudget, prov: src("kg24-136259"), signed: true},
	{title: s.TEN("Plan of events for the 75th anniversary of Victory", "План мероприятий к 75-летию Победы"),
		kind: s.Substantive, decision: s.KindPlan, prov: src("kg24-136259"), signed: true},
	{title: s.TEN("Joint statement of the heads of state", "Совместное заявление глав государств"),
		kind: s.Substantive, decision: s.KindStatement, prov: src("kg24-136259", "kremlin-62146"), signed: true},
	{title: s.TEN("Appointment of the Secretary General (Stanislav Zas, from 1 January 2020)", "О назначении Генерального секретаря (С. В. Зась, с 1 января 2020 года)"),
		kind: s.Substantive, decision: s.KindAppointment, prov: src("belta-126273"), signed: true},
	{title: s.TEN("The acting Secretary General's report on implementing the decisions of the previous session", "Доклад исполняющего обязанности Генерального секретаря о выполнении решений предыдущей сессии"),
		kind: s.Procedural, decision: s.KindReport, prov: src("kg24-136259")},
	{title: s.TEN("Transfer of the chairmanship to Russia, with Russia's priorities for 2020", "О передаче председательства Российской Федерации и приоритетах на 2020 год"),
		kind: s.Procedural, decision: s.KindDecision, prov: src("kg24-136259", "kremlin-62146")},
}

func (l *loader) year2019session() error {
	items := slices.Clone(bishkekItems)
	for n := 11; n <= 17; n++ {
		items = append(items, bishkek{title: untitled(n), kind: s.Substantive, decision: s.KindDecision,
			prov: illustrative("kg24-136259"), signed: true})
	}
	// The joint meeting of the ministers and secretaries forwards the drafts.
	l.at("2019-11-27")
	if _, err := l.st.ScheduleSession(l.ctx, s.Session{ID: "joint-2019-11-27", Body: "joint-ministers", Date: s.MustDate("2019-11-27"),
		Place: s.T("Бишкек", "Bishkek"), Kind: s.Regular, Bodies: []string{"cfm", "cmd", "cssc"},
		Note:       s.TEN("About 20 questions, with draft decisions forwarded to the CSC; the questions are not recorded one by one.", "Около 20 вопросов; проекты решений направлены в СКБ. Вопросы по отдельности не записаны."),
		Provenance: src("inform-a3589475")}); err != nil {
		return err
	}
	if _, err := l.st.ReviseDraft(l.ctx, "draft-gcts", s.DraftVersion{Date: s.MustDate("2019-11-27"), Body: "joint-ministers", Text: gctsV2,
		Translations: []s.Translation{{Lang: s.EN, Text: gctsV2en, Status: s.Working}}}); err != nil {
		return err
	}
	if _, err := l.st.ReviseDraft(l.ctx, "draft-tj-af-border", s.DraftVersion{Date: s.MustDate("2019-11-27"), Body: "joint-ministers",
		Text: "Перечень дополнительных мер по снижению напряженности на таджикско-афганской границе (секретно), представляемый СКБ. Иллюстративный текст: подлинный текст не публикуется."}); err != nil {
		return err
	}
	// The agenda is known from the reports of the day of the session, which disagree on
	// its length.
	l.at("2019-11-28")
	if _, err := l.st.NoteSession(l.ctx, "csc-2019-11-28", s.TEN("17 items on the agenda (24.kg; the interview). The Kyrgyz presidential office said 21 and the organization's site \"more than 20\". 15 documents were signed (Mir 24).",
		"17 вопросов в повестке (24.kg; интервью). Аппарат президента Кыргызстана сообщил о 21, сайт Организации — «более 20». Подписано 15 документов (Мир 24)."),
		[]string{"kremlin-62146", "kg24-136259", "kg-president-2019-11", "csto-site-2019-11", "mir24-16387803"}); err != nil {
		return err
	}
	for i, b := range items {
		it := &s.AgendaItem{Session: "csc-2019-11-28", Number: i + 1, Title: b.title, Kind: b.kind, DecisionKind: b.decision,
			Draft: b.draft, Lineage: b.lineage, Provenance: b.prov}
		if _, err := l.st.AddAgendaItem(l.ctx, *it); err != nil {
			return err
		}
	}
	// The session: each item decided by the rule engine from the recorded positions.
	for i, b := range items {
		in := store.DecisionInput{Access: b.access}
		d, err := l.agree(itemID("csc-2019-11-28", i+1), in, nil)
		if err != nil {
			return err
		}
		if b.signed {
			if err := l.signAll(d.Decision, "2019-11-28"); err != nil {
				return err
			}
		}
	}
	// The acting Secretary General's report (item 9): the tasks of 2018 are fulfilled.
	for _, t := range []string{"t2018-arms-control", "t2018-fighters", "t2018-partners", "t2018-migration-plan", "t2018-information-plan",
		"t2018-migration-system", "t2018-p1-capacity", "t2018-p2-crisis-center", "t2018-p3-reserves", "t2018-p4-forces",
		"t2018-p5-defence-industry", "t2018-p6-antiterrorist-space"} {
		if _, err := l.st.FulfilTask(l.ctx, t); err != nil {
			return err
		}
	}
	statement := s.TEN("The Secretary General stated that the priorities of Kyrgyzstan's chairmanship were fully implemented.",
		"Генеральный секретарь заявил, что приоритеты председательства Кыргызстана выполнены в полном объеме.")
	for n := 1; n <= len(kyrgyzPriorities); n++ {
		srcs := []string{"kg24-136323"}
		if n == 2 {
			srcs = append(srcs, "kg24-136301")
		}
		if _, err := l.st.StateOnPriority(l.ctx, "csc-chair-2019", n, statement, srcs); err != nil {
			return err
		}
	}
	if _, err := l.st.HandOverChairmanship(l.ctx, store.HandOver{Session: "csc-2019-11-28", ID: "csc-chair-2020", Provenance: src("kremlin-62146", "kg24-136259")}); err != nil {
		return err
	}
	for _, link := range [][2]string{{"terrorism", "csc-2019-2"}, {"afghanistan", "csc-2019-3"}} {
		if _, err := l.st.LinkThreat(l.ctx, link[0], "decision", link[1]); err != nil {
			return err
		}
	}
	return l.tasks2019()
}
