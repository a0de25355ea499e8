package demo

import (
	"fmt"

	s "secretariat"
	"secretariat/internal/store"
)

func (l *loader) figure(f s.ResultFigure) error {
	_, err := l.st.ReportFigure(l.ctx, f)
	return err
}

func (l *loader) year2017() error {
	l.at("2017-01-01")
	if _, err := l.st.TakeChair(l.ctx, s.Chairmanship{ID: "csc-chair-2017", Body: "csc", State: BY, From: s.MustDate("2017-01-01"),
		// Belarus chaired from the 2016 session; the demo's record begins in 2017.
		Provenance: illustrative("csto-csc")}); err != nil {
		return err
	}
	l.at("2017-05-25")
	op := channel
	if _, err := l.st.RegisterOperation(l.ctx, op); err != nil {
		return err
	}
	if _, err := l.st.LinkThreat(l.ctx, "drug-trafficking", "operation", "channel"); err != nil {
		return err
	}
	if _, err := l.st.AssessThreat(l.ctx, "drug-trafficking", s.ThreatAssessment{Date: s.MustDate("2017-05-25"), Level: 4, Trend: s.Stable,
		Areas: []string{"AF", "tj-af-border"}, Body: "cssc", Sources: []string{"tass-2017-05-25"}, Illustrative: true}); err != nil {
		return err
	}
	if err := l.figure(s.ResultFigure{ID: "channel-drugs-since-2003-as-of-2017-05", Operation: "channel", Since: s.MustDate("2003-01-01"), AsOf: s.MustDate("2017-05-25"),
		Metric: "drugs_seized", Value: 335, Qualifier: s.About, Source: "tass-2017-05-25"}); err != nil {
		return err
	}
	if err := l.figure(s.ResultFigure{ID: "channel-firearms-since-2003-as-of-2017-05", Operation: "channel", Since: s.MustDate("2003-01-01"), AsOf: s.MustDate("2017-05-25"),
		Metric: "firearms_seized", Value: 12000, Qualifier: s.MoreThan, Source: "tass-2017-05-25"}); err != nil {
		return err
	}
	l.at("2017-06-05")
	if _, err := l.st.AddStage(l.ctx, "channel", s.Stage{ID: "western-barrier-2017", Name: s.T("Западный барьер", "Western Barrier"),
		From: s.MustDate("2017-05-29"), Until: s.MustDate("2017-06-02"), Provenance: src("facts-channel-2017")}); err != nil {
		return err
	}
	if err := l.figure(s.ResultFigure{ID: "channel-drugs-western-barrier-2017", Operation: "channel", Stage: "western-barrier-2017",
		Metric: "drugs_seized", Value: 17, Qualifier: s.About, Source: "facts-channel-2017"}); err != nil {
		return err
	}
	l.at("2017-11-30")
	if _, err := l.st.ScheduleSession(l.ctx, s.Session{ID: "csc-2017-11-30", Body: "csc", Date: s.MustDate("2017-11-30"),
		Place: s.T("Минск", "Minsk"), Kind: s.Regular, Chair: BY,
		Note:       s.TEN("The items of this session are outside the demo's facts and are not recorded.", "Вопросы этой сессии не входят в факты демонстрации и не записаны."),
		Provenance: src("csto-csc")}); err != nil {
		return err
	}
	if _, err := l.st.HandOverChairmanship(l.ctx, store.HandOver{Session: "csc-2017-11-30", ID: "csc-chair-2018", Provenance: src("csto-csc")}); err != nil {
		return err
	}
	l.at("2017-12-20")
	return l.figure(s.ResultFigure{ID: "channel-drugs-2017", Operation: "channel", Year: 2017,
		Metric: "drugs_seized", Value: 20.5, Qualifier: s.Exact, Source: "facts-channel-2017",
		Note: s.TEN("In four stages.", "За четыре этапа.")})
}

// astanaItems are the questions the sources name for the 8 November 2018 session.
var astanaItems = []struct {
	title s.Text
	kind  s.DecisionKind
	prov  s.Provenance
}{
	{s.TEN("Declaration of the Collective Security Council, including concern about the INF Treaty after the United States stated it intended to withdraw", "Декларация Совета коллективной безопасности, в том числе об озабоченности судьбой Договора РСМД"), s.KindDeclaration, src("astanatimes-2018-11", "asiaplus-2018-11-09")},
	{s.TEN("Statement on coordinated measures regarding participants of armed conflicts on the side of international terrorist organizations", "Заявление о скоординированных мерах в отношении участников вооруженных конфликтов на стороне международных террористических организаций"), s.KindStatement, src("asiaplus-2018-11-09")},
	{s.TEN("Documents on the status of partner and observer", "Документы о статусе партнера и наблюдателя"), s.KindDecision, src("asiaplus-2018-11-09")},
	{s.TEN("Action plan on countering illegal migration", "План действий по противодействию незаконной миграции"), s.KindPlan, src("asiaplus-2018-11-09")},
	{s.TEN("Action plan on coordinated information policy", "План действий по согласованной информационной политике"), s.KindPlan, src("asiaplus-2018-11-09")},
	{s.TEN("Plan to develop the collective system countering illegal migration through 2025", "План развития коллективной системы противодействия незаконной миграции до 2025 года"), s.KindPlan, src("astanatimes-2018-11")},
	{s.TEN("The chairmanship of the Kyrgyz Republic in 2019 and its priorities", "О председательстве Кыргызской Республики в 2019 году и его приоритетах"), s.KindDecision, illustrative("kg24-100877")},
}

func (l *loader) year2018() error {
	l.at("2018-02-08")
	if err := l.figure(s.ResultFigure{ID: "channel-drugs-since-2003-as-of-2018-02", Operation: "channel", Since: s.MustDate("2003-01-01"), AsOf: s.MustDate("2018-02-08"),
		Metric: "drugs_seized", Value: 360, Qualifier: s.MoreThan, Source: "tass-2018-02-08"}); err != nil {
		return err
	}
	l.at("2018-09-14")
	if _, err := l.st.AddStage(l.ctx, "channel", s.Stage{ID: "red-dune-2018", Name: s.T("Красная дюна", "Red Dune"),
		From: s.MustDate("2018-09-10"), Until: s.MustDate("2018-09-14"), Provenance: src("facts-channel-2018")}); err != nil {
		return err
	}
	if err := l.figure(s.ResultFigure{ID: "channel-drugs-red-dune-2018", Operation: "channel", Stage: "red-dune-2018",
		Metric: "drugs_seized", Value: 9, Qualifier: s.MoreThan, Source: "facts-channel-2018"}); err != nil {
		return err
	}
	if err := l.figure(s.ResultFigure{ID: "channel-firearms-red-dune-2018", Operation: "channel", Stage: "red-dune-2018",
		Metric: "firearms_seized", Value: 115, Qualifier: s.Exact, Source: "facts-channel-2018"}); err != nil {
		return err
	}
	l.at("2018-10-01")
	for _, st := range []s.Stage{
		{ID: "illegal-2018-1", Name: s.T("Нелегал-2018, первый этап", "Illegal-2018, first stage"), From: s.MustDate("2018-05-15"), Until: s.MustDate("2018-05-23"), Provenance: src("eurasia-expert-32523")},
		{ID: "illegal-2018-2", Name: s.T("Нелегал-2018, второй этап", "Illegal-2018, second stage"), From: s.MustDate("2018-09-17"), Until: s.MustDate("2018-09-25"), Provenance: src("eurasia-expert-32523")},
	} {
		if _, err := l.st.AddStage(l.ctx, "illegal", st); err != nil {
			return err
		}
	}
	for _, f := range []s.ResultFigure{
		{ID: "illegal-violations-2018", Metric: "migration_violations", Value: 143000, Qualifier: s.MoreThan},
		{ID: "illegal-cases-2018", Metric: "criminal_cases", Value: 5000, Qualifier: s.MoreThan},
		{ID: "illegal-wanted-2018", Metric: "wanted_detained", Value: 443, Qualifier: s.Exact},
	} {
		f.Operation, f.Year, f.Source = "illegal", 2018, "eurasia-expert-32523"
		f.Note = s.TEN("Two stages: 15–23 May and 17–25 September.", "Два этапа: 15–23 мая и 17–25 сентября.")
		if err := l.figure(f); err != nil {
			return err
		}
	}
	l.at("2018-11-02")
	if _, err := l.st.ScheduleSession(l.ctx, s.Session{ID: "csc-2018-11-08", Body: "csc", Date: s.MustDate("2018-11-08"),
		Place: s.T("Астана", "Astana"), Kind: s.Regular, Chair: KZ, Provenance: src("csto-csc")}); err != nil {
		return err
	}
	// The items are known from the press of the day after the session: they enter the
	// record then, with the decisions.
	l.at("2018-11-09")
	if _, err := l.st.NoteSession(l.ctx, "csc-2018-11-08", s.TEN("Sources speak of some twenty issues in all; the seven found are recorded.", "Источники говорят примерно о двадцати вопросах; записаны семь найденных."),
		[]string{"astanatimes-2018-11"}); err != nil {
		return err
	}
	for i, it := range astanaItems {
		if _, err := l.st.AddAgendaItem(l.ctx, s.AgendaItem{Session: "csc-2018-11-08", Number: i + 1, Title: it.title,
			Kind: s.Substantive, DecisionKind: it.kind, Provenance: it.prov}); err != nil {
			return err
		}
	}
	for i := range astanaItems {
		d, err := l.agree(itemID("csc-2018-11-08", i+1), store.DecisionInput{}, nil)
		if err != nil {
			return err
		}
		if err := l.signAll(d.Decision, "2018-11-08"); err != nil {
			return err
		}
	}
	if _, err := l.st.LinkThreat(l.ctx, "arms-control", "decision", "csc-2018-1"); err != nil {
		return err
	}
	for _, link := range [][2]string{{"terrorism", "csc-2018-2"}, {"illegal-migration", "csc-2018-4"}, {"information", "csc-2018-5"}, {"illegal-migration", "csc-2018-6"}} {
		if _, err := l.st.LinkThreat(l.ctx, link[0], "decision", link[1]); err != nil {
			return err
		}
	}
	if _, err := l.st.HandOverChairmanship(l.ctx, store.HandOver{Session: "csc-2018-11-08", ID: "csc-chair-2019", Provenance: src("csto-csc", "kg24-100877")}); err != nil {
		return err
	}
	if _, err := l.st.AnnouncePriorities(l.ctx, "csc-chair-2019", s.MustDate("2018-11-08"), kyrgyzPriorities); err != nil {
		return err
	}
	if err := l.tasks2018(); err != nil {
		return err
	}
	return l.confirmRule()
}

func itemID(session string, n int) string { return fmt.Sprintf("%s-%d", session, n) }

// kyrgyzPriorities are the six priorities Kyrgyzstan announced on 8 November 2018
// (24.kg/english/100877).
var kyrgyzPriorities = []s.Priority{
	{Text: s.TEN("Increase the organization's capacity", "Наращивание потенциала Организации")},
	{Text: s.TEN("Complete the legal registration of the Crisis Response Center and move it to daily work", "Завершение юридического оформления Кризисного центра и перевод его в режим повседневной работы")},
	{Text: s.TEN("A legal basis for bases holding material reserves", "Правовая база для баз хранения материальных резервов")},
	{Text: s.TEN("Better preparation and use of the Collective Forces", "Совершенствование подготовки и применения Коллективных сил")},
	{Text: s.TEN("Defence-industry cooperation, including service centres that repair and maintain weapons", "Военно-техническое сотрудничество, включая сервисные центры по ремонту и обслуживанию вооружения")},
	{Text: s.TEN("Continue to build a common antiterrorist space", "Продолжение формирования общего антитеррористического пространства")},
}

// tasks2018 records the tasks the Astana decisions set. The decisions are in the sources;
// the wording of each task, its responsible body and due date are illustrative.
func (l *loader) tasks2018() error {
	due := s.MustDate("2019-11-28")
	body := func(b string) s.Responsible { return s.Responsible{Kind: s.ResponsibleBody, Body: b} }
	secretariat := s.Responsible{Kind: s.ResponsibleSecretariat}
	tasks := []s.Task{
		{ID: "t2018-arms-control", Decision: "csc-2018-1", Paragraph: "1", Responsible: body("cfm"),
			Text: s.TEN("Coordinate the member states' positions in international organizations on preserving the arms-control architecture, including the INF Treaty", "Координировать позиции государств-членов в международных организациях по сохранению архитектуры контроля над вооружениями, включая Договор РСМД")},
		{ID: "t2018-fighters", Decision: "csc-2018-2", Paragraph: "2", Responsible: body("cssc"),
			Text: s.TEN("Take coordinated measures regarding participants of armed conflicts on the side of international terrorist organizations", "Принять скоординированные меры в отношении участников вооруженных конфликтов на стороне международных террористических организаций")},
		{ID: "t2018-partners", Decision: "csc-2018-3", Paragraph: "2", Responsible: secretariat, Due: s.MustDate("2019-06-30"),
			Text: s.TEN("Prepare the procedure for granting partner and observer status and inform interested states", "Подготовить порядок предоставления статуса партнера и наблюдателя и проинформировать заинтересованные государства")},
		{ID: "t2018-migration-plan", Decision: "csc-2018-4", Paragraph: "2", Responsible: body("cc-migration"),
			Text: s.TEN("Implement the action plan on countering illegal migration and report to the next regular session", "Выполнить план действий по противодействию незаконной миграции и доложить очередной сессии")},
		{ID: "t2018-information-plan", Decision: "csc-2018-5", Paragraph: "2", Responsible: body("wg-information"),
			Text: s.TEN("Implement the action plan on coordinated information policy", "Выполнить план действий по согласованной информационной политике")},
		{ID: "t2018-migration-system", Decision: "csc-2018-6", Paragraph: "3", Responsible: s.Responsible{Kind: s.ResponsibleAllStates},
			Text: s.TEN("Approve the first-stage measures of the plan to develop the collective system countering illegal migration, and report on them", "Утвердить меры первого этапа плана развития коллективной системы противодействия незаконной миграции и доложить о них")},
		{ID: "t2018-p1-capacity", Decision: "csc-2018-7", Paragraph: "3.1", Responsible: secretariat, Priority: s.PriorityRef{Chairmanship: "csc-chair-2019", N: 1},
			Text: s.TEN("Prepare and carry out proposals to increase the organization's capacity", "Подготовить и реализовать предложения по наращиванию потенциала Организации")},
		{ID: "t2018-p2-crisis-center", Decision: "csc-2018-7", Paragraph: "3.2", Responsible: secretariat, Priority: s.PriorityRef{Chairmanship: "csc-chair-2019", N: 2}, Weight: 2,
			Text: s.TEN("Complete the legal registration of the Crisis Response Center and move it to daily work", "Завершить юридическое оформление Кризисного центра и перевести его в режим повседневной работы")},
		{ID: "t2018-p3-reserves", Decision: "csc-2018-7", Paragraph: "3.3", Responsible: body("cmd"), Priority: s.PriorityRef{Chairmanship: "csc-chair-2019", N: 3},
			Text: s.TEN("Draft the legal basis for bases holding material reserves", "Разработать правовую базу для баз хранения материальных резервов")},
		{ID: "t2018-p4-forces", Decision: "csc-2018-7", Paragraph: "3.4", Responsible: body("joint-staff"), Priority: s.PriorityRef{Chairmanship: "csc-chair-2019", N: 4},
			Text: s.TEN("Improve the preparation and use of the Collective Forces", "Совершенствовать подготовку и применение Коллективных сил")},
		{ID: "t2018-p5-defence-industry", Decision: "csc-2018-7", Paragraph: "3.5", Responsible: s.Responsible{Kind: s.ResponsibleAllStates}, Priority: s.PriorityRef{Chairmanship: "csc-chair-2019", N: 5},
			Text: s.TEN("Develop defence-industry cooperation, including service centres that repair and maintain weapons", "Развивать военно-техническое сотрудничество, включая сервисные центры по ремонту и обслуживанию вооружения")},
		{ID: "t2018-p6-antiterrorist-space", Decision: "csc-2018-7", Paragraph: "3.6", Responsible: body("cssc"), Priority: s.PriorityRef{Chairmanship: "csc-chair-2019", N: 6},
			Text: s.TEN("Continue to build the common antiterrorist space", "Продолжить формирование общего антитеррористического пространства")},
	}
	for i := range tasks {
		t := &tasks[i]
		if t.Due.IsZero() {
			t.Due = due
		}
		t.Illustrative = true
		if _, err := l.st.SetTask(l.ctx, *t); err != nil {
			return err
		}
	}
	return nil
}
