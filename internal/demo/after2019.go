package demo

import (
	s "secretariat"
	"secretariat/internal/store"
)

// tasks2019 records tasks the Bishkek decisions set. Their wording, responsible parties
// and dates are illustrative. Two of them are planted near-duplicates, for the
// overlapping-mandates check.
func (l *loader) tasks2019() error {
	body := func(b string) s.Responsible { return s.Responsible{Kind: s.ResponsibleBody, Body: b} }
	tasks := []s.Task{
		{ID: "t2019-gcts", Decision: "csc-2019-2", Paragraph: "2", Responsible: s.Responsible{Kind: s.ResponsibleAllStates},
			Cycle:  s.TEN("annually, before the regular session", "ежегодно, до очередной сессии"),
			Sunset: s.MustDate("2021-12-31"),
			Text: s.T("Реализовать План коллективных действий государств — членов ОДКБ по реализации Глобальной контртеррористической стратегии ООН на 2019–2021 годы и ежегодно информировать Совет коллективной безопасности о ходе его выполнения",
				"Implement the Plan of collective actions of the CSTO member states on the UN Global Counter-Terrorism Strategy for 2019–2021 and inform the Collective Security Council every year of its implementation")},
		{ID: "t2019-joint-statement-gcts", Decision: "csc-2019-7", Paragraph: "5", Responsible: body("cfm"), Due: s.MustDate("2020-12-02"),
			Text: s.T("Обеспечить выполнение плана коллективных действий государств-членов по реализации Глобальной контртеррористической стратегии ООН на 2019–2021 годы",
				"Ensure the implementation of the member states' plan of collective actions on the UN Global Counter-Terrorism Strategy for 2019–2021")},
		{ID: "t2019-border", Decision: "csc-2019-3", Paragraph: "2", Responsible: s.Responsible{Kind: s.ResponsibleStates, States: []string{TJ, RU}},
			Due: s.MustDate("2020-12-31"), Access: restricted,
			Text: s.TEN("Carry out the additional measures on the Tajik–Afghan border", "Реализовать дополнительные меры на таджикско-афганской границе")},
		{ID: "t2019-victory", Decision: "csc-2019-6", Paragraph: "2", Responsible: s.Responsible{Kind: s.ResponsibleSecretariat}, Due: s.MustDate("2020-05-09"),
			Text: s.TEN("Hold the events for the 75th anniversary of Victory", "Провести мероприятия к 75-летию Победы")},
		{ID: "t2019-budget", Decision: "csc-2019-5", Paragraph: "3", Responsible: s.Responsible{Kind: s.ResponsibleSecretariat}, Due: s.MustDate("2020-12-31"),
			Text: s.TEN("Execute the 2020 budget and report on its execution", "Исполнить бюджет на 2020 год и доложить о его исполнении")},
		{ID: "t2019-cooperation", Decision: "csc-2019-1", Paragraph: "2", Responsible: body("cfm"), Due: s.MustDate("2020-09-30"),
			Text: s.TEN("Promote the statement's proposals for international security cooperation at the United Nations", "Продвигать предложения Заявления о международном сотрудничестве в сфере безопасности в ООН")},
	}
	for i := range tasks {
		t := &tasks[i]
		t.Illustrative = true
		if _, err := l.st.SetTask(l.ctx, *t); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) year2019after() error {
	l.at("2019-11-29")
	if _, err := l.st.AssessThreat(l.ctx, "afghanistan", s.ThreatAssessment{Date: s.MustDate("2019-11-29"), Level: 4, Trend: s.Rising,
		Areas: []string{"af-north", "tj-af-border"}, Body: "secretariat",
		Narrative: s.TEN("Thousands of militants concentrate in northern Afghanistan, near the border with Tajikistan, and train fighters to send into the member states (the acting Secretary General).",
			"Тысячи боевиков сосредоточены на севере Афганистана у границы с Таджикистаном и готовят боевиков для заброски в государства-члены (и. о. Генерального секретаря)."),
		Sources: []string{"asiaplus-2019-11-29", "interview-semerikov-2019"}, Illustrative: true}); err != nil {
		return err
	}
	l.at("2019-12-18")
	if _, err := l.st.RegisterOperation(l.ctx, s.Operation{ID: "mercenary", CodeName: s.T("Наемник", "Mercenary"), Since: s.MustDate("2019-01-01"),
		Purpose:     s.TEN("Against recruitment and transit for terrorist organizations; first run in 2019.", "Противодействие вербовке и транзиту в интересах террористических организаций; впервые проведена в 2019 году."),
		MandateNote: s.TEN("The decision that set it up is not in the record.", "Решение о ее проведении в записи отсутствует."),
		Metrics: []s.Metric{
			{Key: "people_identified", Name: s.TEN("accomplices and members of terrorist organizations identified", "выявлено пособников и членов террористических организаций"), Unit: "count"},
			{Key: "migration_channels", Name: s.TEN("illegal-migration channels identified", "выявлено каналов незаконной миграции"), Unit: "count"},
		},
		Provenance: src("interview-semerikov-2019")}); err != nil {
		return err
	}
	// Patrushev's figures are for all the regular operations of 2019 together, not for
	// Mercenary: they are recorded with the programme's scope, so that they are never
	// set against Mercenary's own figures nor added to them.
	for _, f := range []s.ResultFigure{
		{ID: "operations-checked-2019-patrushev", Metric: "people_checked", MetricName: s.TEN("people checked", "проверено лиц"), Value: 250000, Qualifier: s.MoreThan},
		{ID: "operations-detained-2019-patrushev", Metric: "people_detained", MetricName: s.TEN("people detained", "задержано лиц"), Value: 100, Qualifier: s.About},
		{ID: "operations-wanted-2019-patrushev", Metric: "wanted_listed", MetricName: s.TEN("people put on the wanted list", "объявлено в розыск лиц"), Value: 61, Qualifier: s.Exact},
		{ID: "operations-channels-2019-patrushev", Metric: "migration_channels_closed", MetricName: s.TEN("illegal-migration channels closed", "перекрыто каналов незаконной миграции"), Value: 39, Qualifier: s.Exact},
	} {
		f.Scope, f.Year, f.Unit, f.Source = s.ScopeProgramme, 2019, "count", "patrushev-2019-12-18"
		if err := l.figure(f); err != nil {
			return err
		}
	}
	l.at("2019-12-27")
	for _, f := range []s.ResultFigure{
		{ID: "mercenary-people-2019-interview", Metric: "people_identified", Value: 600, Qualifier: s.About},
		{ID: "mercenary-channels-2019-interview", Metric: "migration_channels", Value: 30, Qualifier: s.MoreThan},
	} {
		f.Operation, f.Year, f.Source = "mercenary", 2019, "interview-semerikov-2019"
		if err := l.figure(f); err != nil {
			return err
		}
	}
	for _, link := range [][2]string{{"terrorism", "mercenary"}, {"illegal-migration", "mercenary"}} {
		if _, err := l.st.LinkThreat(l.ctx, link[0], "operation", link[1]); err != nil {
			return err
		}
	}
	for _, a := range []struct {
		threat string
		level  int
		trend  s.Trend
		areas  []string
	}{
		{"terrorism", 4, s.Stable, []string{"csto-space"}},
		{"information", 4, s.Rising, []string{"csto-space"}},
		{"space", 3, s.Rising, nil},
		{"illegal-migration", 3, s.Stable, []string{"csto-space"}},
	} {
		if _, err := l.st.AssessThreat(l.ctx, a.threat, s.ThreatAssessment{Date: s.MustDate("2019-12-27"), Level: a.level, Trend: a.trend,
			Areas: a.areas, Body: "secretariat", Sources: []string{"interview-semerikov-2019"}, Illustrative: true}); err != nil {
			return err
		}
	}
	return l.publications2019()
}

// publications2019 are the interview (the seed) and, marked illustrative, the news items
// the organization's site would have carried.
func (l *loader) publications2019() error {
	interview := &s.Publication{ID: "interview-semerikov-2019", Kind: s.Interview, Section: "news", Date: s.MustDate("2019-12-27"),
		Title:     s.TEN("The Acting Secretary General Valery Semerikov sums up the work of the Organization in 2019: an interview with MIRK “MIR”", "Исполняющий обязанности Генерального секретаря Валерий Семериков подвел итоги работы Организации в 2019 году: интервью МИРК „МИР“"),
		URL:       "https://en.odkb-csto.org/news/",
		Video:     true,
		Languages: []s.Lang{s.EN},
		Parts: []s.PublicationPart{
			{Heading: s.TEN("What can you say about the outgoing year?", ""), Body: s.TEN("The year was tense. This tension was caused, first of all, by the need to fulfill the tasks that the heads of state set before us at the session in 2018. Secondly, these are the priorities that the President of Kyrgyzstan announced for the period of the organization's chairmanship. I can say that this work has been completed, as evidenced by the agenda of the 2019 session, where our presidents considered 17 issues. All of them received approval and a corresponding decision.", "")},
			{Heading: s.TEN("What are the main threats to the member countries?", ""), Body: s.TEN("First of all, this is the destruction of the international security architecture that exists today. It is also the militarization of space and information aggression. The second global threat, which was recognized within the UN framework and was noted at the session by the heads of our states, is international terrorism.", "")},
			{Heading: s.TEN("Is one of the main threats emanating from Afghanistan?", ""), Body: s.TEN("This year we conducted an operation codenamed \"Mercenary\" and identified about 600 people - accomplices and members of terrorist organizations. On the territory of our states, we have identified more than 30 channels of illegal migration. Their concentration in northern Afghanistan is of great concern to us, because it is the border with Tajikistan.", "")},
		},
		About: []s.RecordRef{{Kind: "session", ID: "csc-2019-11-28"}, {Kind: "operation", ID: "mercenary"}, {Kind: "chairmanship", ID: "csc-chair-2019"},
			{Kind: "threat", ID: "arms-control"}, {Kind: "threat", ID: "space"}, {Kind: "threat", ID: "information"}, {Kind: "threat", ID: "terrorism"}, {Kind: "threat", ID: "afghanistan"}},
		Note: s.TEN("The source gives no date: the interview sums up 2019 and was published at the year's end. The page's own address was not retrieved: the link is to the news section where it was published. A video version was published with the interview; its address is not in the record. The Russian original is not in the record; the text is abridged.",
			"Источник не указывает даты: интервью подводит итоги 2019 года и опубликовано в конце года. Адрес самой страницы не установлен: ссылка ведет в раздел новостей, где оно опубликовано. Вместе с интервью опубликована видеоверсия; ее адрес в записи отсутствует. Русский оригинал в записи отсутствует; текст приведен с сокращениями."),
		Provenance: src("interview-semerikov-2019")}
	if _, err := l.st.Publish(l.ctx, *interview); err != nil {
		return err
	}
	news := []s.Publication{
		{ID: "news-2019-06-27-cssc", Date: s.MustDate("2019-06-27"), Title: s.TEN("Committee of Secretaries of Security Councils meets in Bishkek", "В Бишкеке прошло заседание Комитета секретарей советов безопасности"),
			About: []s.RecordRef{{Kind: "session", ID: "cssc-2019-06-27"}}, Provenance: illustrative("inform-a3541619")},
		{ID: "news-2019-11-28-csc", Date: s.MustDate("2019-11-28"), Title: s.TEN("Collective Security Council meets in Bishkek", "В Бишкеке прошла сессия Совета коллективной безопасности"),
			About: []s.RecordRef{{Kind: "session", ID: "csc-2019-11-28"}}, Provenance: illustrative("kremlin-62146")},
		{ID: "news-2019-11-28-zas", Date: s.MustDate("2019-11-28"), Title: s.TEN("Stanislav Zas appointed Secretary General from 1 January 2020", "Станислав Зась назначен Генеральным секретарем с 1 января 2020 года"),
			About: []s.RecordRef{{Kind: "decision", ID: "csc-2019-8"}}, Provenance: illustrative("belta-126273")},
		{ID: "press-2019-04-30-cmd", Kind: s.PressRelease, Section: "press", Date: s.MustDate("2019-04-30"), Title: s.TEN("Defence ministers meet in Bishkek", "В Бишкеке прошло заседание Совета министров обороны"),
			About: []s.RecordRef{{Kind: "session", ID: "cmd-2019-04-30"}}, Provenance: illustrative("kg24-116438")},
	}
	for i := range news {
		p := &news[i]
		if p.Kind == "" {
			p.Kind, p.Section = s.News, "news"
		}
		p.Languages = []s.Lang{s.EN, s.RU}
		if _, err := l.st.Publish(l.ctx, *p); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) year2020and2021() error {
	l.at("2020-01-15")
	for _, f := range []s.ResultFigure{
		{ID: "illegal-wanted-since-2008", Operation: "illegal", Metric: "wanted_detained", Value: 1600, Qualifier: s.MoreThan},
		{ID: "proxy-identified-since-2009", Operation: "proxy", Metric: "web_resources_identified", Value: 80000, Qualifier: s.About},
		{ID: "proxy-blocked-since-2009", Operation: "proxy", Metric: "web_resources_blocked", Value: 33500, Qualifier: s.Exact},
		{ID: "proxy-cases-since-2009", Operation: "proxy", Metric: "criminal_cases", Value: 15000, Qualifier: s.MoreThan},
	} {
		f.Source = "tass-947551"
		f.Since = s.MustDate("2008-01-01")
		if f.Operation == "proxy" {
			f.Since = s.MustDate("2009-01-01")
		}
		if err := l.figure(f); err != nil {
			return err
		}
	}
	l.at("2020-05-09")
	if _, err := l.st.ReportImplementation(l.ctx, s.ImplementationReport{Task: "t2019-victory", Date: s.MustDate("2020-05-09"), Author: "secretariat",
		SpeaksFor: "secretariat", Progress: 100, Text: s.TEN("The events were held (illustrative).", "Мероприятия проведены (иллюстративно)."),
		Provenance: s.Provenance{Illustrative: true}}, nil); err != nil {
		return err
	}
	if _, err := l.st.FulfilTask(l.ctx, "t2019-victory"); err != nil {
		return err
	}
	l.at("2020-06-15")
	if _, err := l.st.ReportImplementation(l.ctx, s.ImplementationReport{Task: "t2019-gcts", Date: s.MustDate("2020-06-15"), Author: "secretariat",
		SpeaksFor: "all_states", Progress: 40, Text: s.TEN("First annual information on the plan's implementation (illustrative).", "Первая ежегодная информация о ходе выполнения плана (иллюстративно)."),
		Provenance: s.Provenance{Illustrative: true}}, nil); err != nil {
		return err
	}
	l.at("2020-11-20")
	if _, err := l.st.ScheduleSession(l.ctx, s.Session{ID: "csc-2020-12-02", Body: "csc", Date: s.MustDate("2020-12-02"),
		Place: s.T("в режиме видеоконференции", "by videoconference"), Kind: s.Regular, Format: []s.SessionFormat{s.Video}, Chair: RU,
		Note:       s.TEN("The items of this session are outside the demo's facts and are not recorded.", "Вопросы этой сессии не входят в факты демонстрации и не записаны."),
		Provenance: src("csto-csc")}); err != nil {
		return err
	}
	l.at("2020-12-02")
	if _, err := l.st.HandOverChairmanship(l.ctx, store.HandOver{Session: "csc-2020-12-02", ID: "csc-chair-2021", Provenance: src("csto-csc")}); err != nil {
		return err
	}
	l.at("2021-08-20")
	for _, ses := range []s.Session{
		{ID: "csc-2021-08-23", Date: s.MustDate("2021-08-23"), Place: s.T("в режиме видеоконференции", "by videoconference"), Kind: s.Extraordinary, Format: []s.SessionFormat{s.Video}},
		{ID: "csc-2021-09-16", Date: s.MustDate("2021-09-16"), Place: s.T("Душанбе", "Dushanbe"), Kind: s.Regular},
	} {
		ses.Body, ses.Chair, ses.Provenance = "csc", TJ, src("csto-csc")
		ses.Note = s.TEN("The items of this session are outside the demo's facts and are not recorded.", "Вопросы этой сессии не входят в факты демонстрации и не записаны.")
		if _, err := l.st.ScheduleSession(l.ctx, ses); err != nil {
			return err
		}
	}
	return nil
}
