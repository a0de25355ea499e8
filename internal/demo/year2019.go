package demo

import (
	"fmt"

	s "secretariat"
	"secretariat/internal/store"
)

var restricted = s.Access{Classification: s.Restricted,
	PublicSummary: s.TEN("A classified list of additional measures to reduce tension on the Tajik–Afghan border.", "Секретный перечень дополнительных мер по снижению напряженности на таджикско-афганской границе.")}

// Draft texts are not published: the versions below are illustrative, to show how a
// draft moves from body to body and what changed on the way.
var gctsV1 = "Утвердить План коллективных действий государств — членов ОДКБ по реализации Глобальной контртеррористической стратегии ООН на 2019–2020 годы. Поручить Секретариату ОДКБ ежегодно информировать Совет коллективной безопасности о ходе его выполнения."
var gctsV2 = "Утвердить План коллективных действий государств — членов ОДКБ по реализации Глобальной контртеррористической стратегии ООН на 2019–2021 годы. Поручить Секретариату ОДКБ ежегодно, до очередной сессии, информировать Совет коллективной безопасности о ходе его выполнения."
var gctsV2en = "To approve the Plan of collective actions of the CSTO member states to implement the UN Global Counter-Terrorism Strategy for 2019–2021. To instruct the CSTO Secretariat to inform the Collective Security Council every year, before the regular session, of its implementation."

func (l *loader) year2019pipeline() error {
	l.at("2019-01-15")
	if _, err := l.st.AssessThreat(l.ctx, "arms-control", s.ThreatAssessment{Date: s.MustDate("2019-01-15"), Level: 4, Trend: s.Rising, Body: "cfm",
		Narrative:    s.TEN("The United States stated it would leave the INF Treaty.", "США заявили о выходе из Договора РСМД."),
		Sources:      []string{"astanatimes-2018-11"},
		Illustrative: true}); err != nil {
		return err
	}
	if err := l.reportsBefore("2019-04-30"); err != nil {
		return err
	}
	// CMD, Bishkek, 30 April 2019: the (secret) document on the Tajik–Afghan border.
	l.at("2019-04-30")
	if _, err := l.st.ScheduleSession(l.ctx, s.Session{ID: "cmd-2019-04-30", Body: "cmd", Date: s.MustDate("2019-04-30"),
		Place: s.T("Бишкек", "Bishkek"), Kind: s.Regular, Provenance: src("kg24-116438", "kg24-116466")}); err != nil {
		return err
	}
	if _, err := l.st.ProposeDraft(l.ctx, s.Draft{ID: "draft-tj-af-border", Body: "cmd", Access: restricted,
		Title: s.TEN("Additional measures to reduce tension on the Tajik–Afghan border", "Дополнительные меры по снижению напряженности на таджикско-афганской границе"),
		Versions: []s.DraftVersion{{Date: s.MustDate("2019-04-30"), Body: "cmd",
			Text: "Перечень дополнительных мер (секретно). Иллюстративный текст: подлинный текст не публикуется."}},
		Provenance: illustrative("kg24-116466")}); err != nil {
		return err
	}
	if _, err := l.st.AddAgendaItem(l.ctx, s.AgendaItem{Session: "cmd-2019-04-30", Number: 1, Kind: s.Substantive, DecisionKind: s.KindDecision,
		Title: s.TEN("Additional measures for the Tajik–Afghan border (secret document)", "Дополнительные меры на таджикско-афганской границе (секретный документ)"),
		Draft: "draft-tj-af-border", Access: restricted, Provenance: src("kg24-116466")}); err != nil {
		return err
	}
	d, err := l.agree("cmd-2019-04-30-1", store.DecisionInput{}, nil)
	if err != nil {
		return err
	}
	if err := l.signAll(d.Decision, "2019-04-30"); err != nil {
		return err
	}
	l.at("2019-05-20")
	if _, err := l.st.AssessThreat(l.ctx, "afghanistan", s.ThreatAssessment{Date: s.MustDate("2019-05-20"), Level: 4, Trend: s.Rising,
		Areas: []string{"af-north", "tj-af-border"}, Body: "cssc",
		Narrative:    s.TEN("About 5,000 militants in northern Afghanistan (Russia's FSB director).", "Около 5000 боевиков на севере Афганистана (директор ФСБ России)."),
		Sources:      []string{"fsb-2019-05"},
		Illustrative: true}); err != nil {
		return err
	}
	if err := l.reportsBefore("2019-06-27"); err != nil {
		return err
	}
	// CSSC, Bishkek, 27 June 2019: eight items.
	l.at("2019-06-27")
	if _, err := l.st.ScheduleSession(l.ctx, s.Session{ID: "cssc-2019-06-27", Body: "cssc", Date: s.MustDate("2019-06-27"),
		Place: s.T("Бишкек", "Bishkek"), Kind: s.Regular, Provenance: src("inform-a3541619", "newsam-520793")}); err != nil {
		return err
	}
	if _, err := l.st.ReviseDraft(l.ctx, "draft-tj-af-border", s.DraftVersion{Date: s.MustDate("2019-06-27"), Body: "cssc",
		Text: "Перечень дополнительных мер (секретно), одобренный для представления СКБ. Иллюстративный текст: подлинный текст не публикуется."}); err != nil {
		return err
	}
	if _, err := l.st.ProposeDraft(l.ctx, s.Draft{ID: "draft-gcts", Body: "cssc",
		Title:    s.TEN("Plan of collective actions to implement the UN Global Counter-Terrorism Strategy", "План коллективных действий по реализации Глобальной контртеррористической стратегии ООН"),
		Versions: []s.DraftVersion{{Date: s.MustDate("2019-06-27"), Body: "cssc", Text: gctsV1}}, Provenance: illustrative("inform-a3541619")}); err != nil {
		return err
	}
	cssc := []s.AgendaItem{
		{Title: s.TEN("Additional measures for the Tajik–Afghan border, for submission to the CSC", "Дополнительные меры на таджикско-афганской границе, для представления СКБ"), Draft: "draft-tj-af-border", Access: restricted,
			Lineage: []s.LineageStep{{Item: "cmd-2019-04-30-1", Body: "cmd", Date: s.MustDate("2019-04-30"), Action: "prepared"}}, Provenance: src("inform-a3541619")},
		{Title: s.TEN("Procedure for joint exercises, for submission to the CSC", "Порядок проведения совместных учений, для представления СКБ"), Provenance: src("inform-a3541619")},
		{Title: s.TEN("Plan of collective actions on the UN Global Counter-Terrorism Strategy, for submission to the CSC", "План коллективных действий по реализации Глобальной контртеррористической стратегии ООН, для представления СКБ"), Draft: "draft-gcts", Provenance: src("inform-a3541619", "newsam-520793")},
		{Title: s.TEN("Regulation of the Crisis Response Center on information exchange", "Положение Кризисного центра об информационном обмене"), Provenance: src("newsam-520793")},
		{Title: s.TEN("Joint training plan for 2020", "План совместной подготовки на 2020 год"), Provenance: src("newsam-520793")},
	}
	for n := 6; n <= 8; n++ {
		cssc = append(cssc, s.AgendaItem{Title: untitled(n), Provenance: illustrative("newsam-520793")})
	}
	for i := range cssc {
		it := &cssc[i]
		it.Session, it.Number, it.Kind, it.DecisionKind = "cssc-2019-06-27", i+1, s.Substantive, s.KindDecision
		e, err := l.st.AddAgendaItem(l.ctx, *it)
		if err != nil {
			return err
		}
		if _, err := l.agree(e.ID, store.DecisionInput{}, nil); err != nil {
			return err
		}
	}
	// The CSC's regular session is announced for Bishkek.
	if _, err := l.st.ScheduleSession(l.ctx, s.Session{ID: "csc-2019-11-28", Body: "csc", Date: s.MustDate("2019-11-28"),
		Place: s.T("Бишкек", "Bishkek"), Kind: s.Regular, Format: []s.SessionFormat{s.Narrow, s.Expanded}, Chair: KG,
		Provenance: src("csto-csc")}); err != nil {
		return err
	}
	return l.reportsBefore("2020-01-01")
}

func untitled(n int) s.Text {
	return s.TEN(fmt.Sprintf("Item %d (title not published; illustrative)", n), fmt.Sprintf("Вопрос %d (наименование не опубликовано; иллюстративно)", n))
}

type rep struct {
	date, task, author, speaksFor string
	progress                      int
	text                          s.Text
	prov                          s.Provenance
}

func progress(date, task, author, party string, p int) rep {
	return rep{date, task, author, party, p,
		s.TEN("Progress report on the task (illustrative).", "Доклад о ходе выполнения поручения (иллюстративно)."), s.Provenance{Illustrative: true}}
}

// reports2019 are the implementation reports on the 2018 tasks through 2019, in date
// order. What they say is illustrative, except the Crisis Response Center's
// registration (24.kg 136301).
var reports2019 = []rep{
	progress("2019-03-15", "t2018-partners", "secretariat", "secretariat", 60),
	progress("2019-04-20", "t2018-p1-capacity", "secretariat", "secretariat", 40),
	progress("2019-05-30", "t2018-arms-control", "cfm", "cfm", 50),
	progress("2019-06-10", "t2018-partners", "secretariat", "secretariat", 100),
	progress("2019-06-27", "t2018-fighters", "cssc", "cssc", 70),
	progress("2019-06-27", "t2018-p6-antiterrorist-space", "cssc", "cssc", 60),
	progress("2019-07-15", "t2018-migration-plan", "cc-migration", "cc-migration", 60),
	progress("2019-08-01", "t2018-information-plan", "wg-information", "wg-information", 50),
	progress("2019-09-10", "t2018-p4-forces", "joint-staff", "joint-staff", 70),
	progress("2019-09-25", "t2018-p3-reserves", "cmd", "cmd", 80),
	progress("2019-10-01", "t2018-p5-defence-industry", "RU", "RU", 60),
	progress("2019-10-15", "t2018-migration-system", "KZ", "KZ", 50),
	progress("2019-11-01", "t2018-p2-crisis-center", "secretariat", "secretariat", 80),
	progress("2019-11-20", "t2018-arms-control", "cfm", "cfm", 100),
	progress("2019-11-20", "t2018-fighters", "cssc", "cssc", 100),
	progress("2019-11-20", "t2018-p6-antiterrorist-space", "cssc", "cssc", 100),
	progress("2019-11-21", "t2018-migration-plan", "cc-migration", "cc-migration", 100),
	progress("2019-11-21", "t2018-information-plan", "wg-information", "wg-information", 100),
	progress("2019-11-22", "t2018-p1-capacity", "secretariat", "secretariat", 100),
	progress("2019-11-22", "t2018-p3-reserves", "cmd", "cmd", 100),
	progress("2019-11-22", "t2018-p4-forces", "joint-staff", "joint-staff", 100),
	progress("2019-11-25", "t2018-p5-defence-industry", "RU", "all_states", 100),
	progress("2019-11-25", "t2018-migration-system", "KZ", "all_states", 100),
	{"2019-11-27", "t2018-p2-crisis-center", "secretariat", "secretariat", 100,
		s.TEN("The legal registration of the Crisis Response Center was completed.", "Юридическое оформление Кризисного центра завершено."), src("kg24-136301")},
}

// reportsBefore files the 2019 reports dated before date that are not filed yet, each on
// its own date.
func (l *loader) reportsBefore(date string) error {
	for ; l.nextReport < len(reports2019) && reports2019[l.nextReport].date < date; l.nextReport++ {
		r := reports2019[l.nextReport]
		l.at(r.date)
		if _, err := l.st.ReportImplementation(l.ctx, s.ImplementationReport{Task: r.task, Date: s.MustDate(r.date), Author: r.author,
			SpeaksFor: r.speaksFor, Progress: r.progress, Text: r.text, Provenance: r.prov}, nil); err != nil {
			return err
		}
	}
	return nil
}
