package report

import (
	"reflect"
	"testing"

	"secretariat"
)

// counts are the counts every template is rendered with: zero, one, the first "few"
// and "many" of Russian, the teens that break the rule, and the "one" of 21 and 101.
var counts = []int{0, 1, 2, 5, 11, 21, 101}

type templateCase struct {
	name   string
	method string // the say method under test
	render func(s say, n int) string
	en, ru [7]string
}

// The expected strings below are written by hand, one per count, as an editor would
// accept them. They are not generated: a change to a template must change them here.
var templateCases = []templateCase{
	{name: "priorities announced", method: "PrioritiesAnnounced", render: func(s say, n int) string { return s.PrioritiesAnnounced(n) },
		en: [7]string{
			"No priorities were announced for the term.",
			"1 priority was announced for the term.",
			"2 priorities were announced for the term.",
			"5 priorities were announced for the term.",
			"11 priorities were announced for the term.",
			"21 priorities were announced for the term.",
			"101 priorities were announced for the term."},
		ru: [7]string{
			"Приоритеты председательства не объявлялись.",
			"Объявлен 1 приоритет председательства.",
			"Объявлены 2 приоритета председательства.",
			"Объявлено 5 приоритетов председательства.",
			"Объявлено 11 приоритетов председательства.",
			"Объявлен 21 приоритет председательства.",
			"Объявлен 101 приоритет председательства."}},
	{name: "all priorities fulfilled", method: "PrioritiesFulfilled", render: func(s say, n int) string { return s.PrioritiesFulfilled(n, n) },
		en: [7]string{
			"",
			"Assessed from the tasks that serve it, it was fulfilled.",
			"Assessed from the tasks that serve them, both were fulfilled.",
			"Assessed from the tasks that serve them, all 5 were fulfilled.",
			"Assessed from the tasks that serve them, all 11 were fulfilled.",
			"Assessed from the tasks that serve them, all 21 were fulfilled.",
			"Assessed from the tasks that serve them, all 101 were fulfilled."},
		ru: [7]string{
			"",
			"По оценке связанных с ним поручений он выполнен.",
			"По оценке связанных с ними поручений выполнены оба.",
			"По оценке связанных с ними поручений выполнены все 5.",
			"По оценке связанных с ними поручений выполнены все 11.",
			"По оценке связанных с ними поручений выполнены все 21.",
			"По оценке связанных с ними поручений выполнены все 101."}},
	{name: "some priorities fulfilled", method: "PrioritiesFulfilled", render: func(s say, n int) string { return s.PrioritiesFulfilled(n, 200) },
		en: [7]string{
			"Assessed from the tasks that serve them, none was fulfilled.",
			"Assessed from the tasks that serve them, 1 of the 200 was fulfilled.",
			"Assessed from the tasks that serve them, 2 of the 200 were fulfilled.",
			"Assessed from the tasks that serve them, 5 of the 200 were fulfilled.",
			"Assessed from the tasks that serve them, 11 of the 200 were fulfilled.",
			"Assessed from the tasks that serve them, 21 of the 200 were fulfilled.",
			"Assessed from the tasks that serve them, 101 of the 200 were fulfilled."},
		ru: [7]string{
			"По оценке связанных с ними поручений не выполнен ни один.",
			"По оценке связанных с ними поручений выполнен 1 из 200.",
			"По оценке связанных с ними поручений выполнены 2 из 200.",
			"По оценке связанных с ними поручений выполнено 5 из 200.",
			"По оценке связанных с ними поручений выполнено 11 из 200.",
			"По оценке связанных с ними поручений выполнен 21 из 200.",
			"По оценке связанных с ними поручений выполнен 101 из 200."}},
	{name: "tasks set", method: "TasksSet", render: func(s say, n int) string {
		return s.TasksSet(n, tr(s.lang, "of 8 November 2018 in Astana", "8 ноября 2018 года (Астана)"))
	},
		en: [7]string{
			"The record holds no task set at the session of 8 November 2018 in Astana.",
			"The session of 8 November 2018 in Astana set 1 task.",
			"The session of 8 November 2018 in Astana set 2 tasks.",
			"The session of 8 November 2018 in Astana set 5 tasks.",
			"The session of 8 November 2018 in Astana set 11 tasks.",
			"The session of 8 November 2018 in Astana set 21 tasks.",
			"The session of 8 November 2018 in Astana set 101 tasks."},
		ru: [7]string{
			"Поручений сессии 8 ноября 2018 года (Астана) в записи нет.",
			"На сессии 8 ноября 2018 года (Астана) было дано 1 поручение.",
			"На сессии 8 ноября 2018 года (Астана) было дано 2 поручения.",
			"На сессии 8 ноября 2018 года (Астана) было дано 5 поручений.",
			"На сессии 8 ноября 2018 года (Астана) было дано 11 поручений.",
			"На сессии 8 ноября 2018 года (Астана) было дано 21 поручение.",
			"На сессии 8 ноября 2018 года (Астана) было дано 101 поручение."}},
	{name: "some restricted", method: "Restricted", render: func(s say, n int) string { return s.Restricted(n, n+1) },
		en: [7]string{"", "(1 of them restricted)", "(2 of them restricted)", "(5 of them restricted)", "(11 of them restricted)", "(21 of them restricted)", "(101 of them restricted)"},
		ru: [7]string{"", "(в том числе 1 с ограниченным доступом)", "(в том числе 2 с ограниченным доступом)", "(в том числе 5 с ограниченным доступом)",
			"(в том числе 11 с ограниченным доступом)", "(в том числе 21 с ограниченным доступом)", "(в том числе 101 с ограниченным доступом)"}},
	{name: "all restricted", method: "Restricted", render: func(s say, n int) string { return s.Restricted(n, n) },
		en: [7]string{"", "(restricted)", "(both restricted)", "(all of them restricted)", "(all of them restricted)", "(all of them restricted)", "(all of them restricted)"},
		ru: [7]string{"", "(с ограниченным доступом)", "(все — с ограниченным доступом)", "(все — с ограниченным доступом)", "(все — с ограниченным доступом)",
			"(все — с ограниченным доступом)", "(все — с ограниченным доступом)"}},
	{name: "all tasks fulfilled", method: "TasksAllFulfilled", render: func(s say, n int) string { return s.TasksAllFulfilled(n) },
		en: [7]string{"", "the task had been fulfilled", "both had been fulfilled", "all 5 had been fulfilled", "all 11 had been fulfilled", "all 21 had been fulfilled", "all 101 had been fulfilled"},
		ru: [7]string{"", "поручение выполнено", "выполнены оба", "выполнены все 5", "выполнены все 11", "выполнены все 21", "выполнены все 101"}},
	{name: "tasks fulfilled", method: "TaskPart", render: func(s say, n int) string { return s.TaskPart(secretariat.StateFulfilled, n) },
		en: [7]string{"0 had been fulfilled", "1 had been fulfilled", "2 had been fulfilled", "5 had been fulfilled", "11 had been fulfilled", "21 had been fulfilled", "101 had been fulfilled"},
		ru: [7]string{"выполнено 0", "выполнено 1", "выполнено 2", "выполнено 5", "выполнено 11", "выполнено 21", "выполнено 101"}},
	{name: "tasks reported", method: "TaskPart", render: func(s say, n int) string { return s.TaskPart(secretariat.StateReported, n) },
		en: [7]string{"0 had been reported on and awaited acceptance", "1 had been reported on and awaited acceptance", "2 had been reported on and awaited acceptance",
			"5 had been reported on and awaited acceptance", "11 had been reported on and awaited acceptance", "21 had been reported on and awaited acceptance",
			"101 had been reported on and awaited acceptance"},
		ru: [7]string{"доложено об исполнении 0", "доложено об исполнении 1", "доложено об исполнении 2", "доложено об исполнении 5", "доложено об исполнении 11",
			"доложено об исполнении 21", "доложено об исполнении 101"}},
	{name: "tasks in progress", method: "TaskPart", render: func(s say, n int) string { return s.TaskPart(secretariat.StateInProgress, n) },
		en: [7]string{"0 were in progress", "1 was in progress", "2 were in progress", "5 were in progress", "11 were in progress", "21 were in progress", "101 were in progress"},
		ru: [7]string{"в работе 0", "в работе 1", "в работе 2", "в работе 5", "в работе 11", "в работе 21", "в работе 101"}},
	{name: "tasks overdue", method: "TaskPart", render: func(s say, n int) string { return s.TaskPart(secretariat.StateOverdue, n) },
		en: [7]string{"0 were overdue", "1 was overdue", "2 were overdue", "5 were overdue", "11 were overdue", "21 were overdue", "101 were overdue"},
		ru: [7]string{"просрочено 0", "просрочено 1", "просрочено 2", "просрочено 5", "просрочено 11", "просрочено 21", "просрочено 101"}},
	{name: "tasks cancelled", method: "TaskPart", render: func(s say, n int) string { return s.TaskPart(secretariat.StateCancelled, n) },
		en: [7]string{"0 had been cancelled", "1 had been cancelled", "2 had been cancelled", "5 had been cancelled", "11 had been cancelled", "21 had been cancelled", "101 had been cancelled"},
		ru: [7]string{"отменено 0", "отменено 1", "отменено 2", "отменено 5", "отменено 11", "отменено 21", "отменено 101"}},
	{name: "tasks superseded", method: "TaskPart", render: func(s say, n int) string { return s.TaskPart(secretariat.StateSuperseded, n) },
		en: [7]string{"0 had been superseded by other tasks", "1 had been superseded by other tasks", "2 had been superseded by other tasks", "5 had been superseded by other tasks",
			"11 had been superseded by other tasks", "21 had been superseded by other tasks", "101 had been superseded by other tasks"},
		ru: [7]string{"заменено другими поручениями 0", "заменено другими поручениями 1", "заменено другими поручениями 2", "заменено другими поручениями 5",
			"заменено другими поручениями 11", "заменено другими поручениями 21", "заменено другими поручениями 101"}},
	{name: "hidden tasks", method: "HiddenTasks", render: func(s say, n int) string { return s.HiddenTasks(n) },
		en: [7]string{"0 restricted tasks are not shown.", "1 restricted task is not shown.", "2 restricted tasks are not shown.", "5 restricted tasks are not shown.",
			"11 restricted tasks are not shown.", "21 restricted tasks are not shown.", "101 restricted tasks are not shown."},
		ru: [7]string{"Поручений с ограниченным доступом, не показанных в таблице: 0.", "Поручений с ограниченным доступом, не показанных в таблице: 1.",
			"Поручений с ограниченным доступом, не показанных в таблице: 2.", "Поручений с ограниченным доступом, не показанных в таблице: 5.",
			"Поручений с ограниченным доступом, не показанных в таблице: 11.", "Поручений с ограниченным доступом, не показанных в таблице: 21.",
			"Поручений с ограниченным доступом, не показанных в таблице: 101."}},
	{name: "sessions held", method: "SessionsHeld", render: func(s say, n int) string { return s.SessionsHeld(NounSession, n, "D") },
		en: [7]string{"It held no session.", "It held 1 session, D.", "It held 2 sessions: D.", "It held 5 sessions: D.", "It held 11 sessions: D.", "It held 21 sessions: D.", "It held 101 sessions: D."},
		ru: [7]string{"Сессии не проводились.", "Проведена 1 сессия: D.", "Проведены 2 сессии: D.", "Проведено 5 сессий: D.", "Проведено 11 сессий: D.", "Проведена 21 сессия: D.", "Проведена 101 сессия: D."}},
	{name: "meetings held", method: "SessionsHeld", render: func(s say, n int) string { return s.SessionsHeld(NounMeeting, n, "D") },
		en: [7]string{"It held no meeting.", "It held 1 meeting, D.", "It held 2 meetings: D.", "It held 5 meetings: D.", "It held 11 meetings: D.", "It held 21 meetings: D.", "It held 101 meetings: D."},
		ru: [7]string{"Заседания не проводились.", "Проведено 1 заседание: D.", "Проведены 2 заседания: D.", "Проведено 5 заседаний: D.", "Проведено 11 заседаний: D.", "Проведено 21 заседание: D.", "Проведено 101 заседание: D."}},
	{name: "joint meetings held", method: "SessionsHeld", render: func(s say, n int) string { return s.SessionsHeld(NounJoint, n, "D") },
		en: [7]string{"It held no joint meeting.", "It held 1 joint meeting, D.", "It held 2 joint meetings: D.", "It held 5 joint meetings: D.", "It held 11 joint meetings: D.",
			"It held 21 joint meetings: D.", "It held 101 joint meetings: D."},
		ru: [7]string{"Совместные заседания не проводились.", "Проведено 1 совместное заседание: D.", "Проведены 2 совместных заседания: D.", "Проведено 5 совместных заседаний: D.",
			"Проведено 11 совместных заседаний: D.", "Проведено 21 совместное заседание: D.", "Проведено 101 совместное заседание: D."}},
	{name: "sessions planned", method: "Planned", render: func(s say, n int) string { return s.Planned(NounSession, n, "D") },
		en: [7]string{"", "A session is planned D.", "Sessions are planned D.", "Sessions are planned D.", "Sessions are planned D.", "Sessions are planned D.", "Sessions are planned D."},
		ru: [7]string{"", "Запланирована сессия: D.", "Запланированы сессии: D.", "Запланированы сессии: D.", "Запланированы сессии: D.", "Запланированы сессии: D.", "Запланированы сессии: D."}},
	{name: "meetings planned", method: "Planned", render: func(s say, n int) string { return s.Planned(NounMeeting, n, "D") },
		en: [7]string{"", "A meeting is planned D.", "Meetings are planned D.", "Meetings are planned D.", "Meetings are planned D.", "Meetings are planned D.", "Meetings are planned D."},
		ru: [7]string{"", "Запланировано заседание: D.", "Запланированы заседания: D.", "Запланированы заседания: D.", "Запланированы заседания: D.", "Запланированы заседания: D.", "Запланированы заседания: D."}},
	{name: "items considered", method: "ItemsConsidered", render: func(s say, n int) string { return s.ItemsConsidered(n) },
		en: [7]string{"None of its items is in the record", "It considered 1 item", "It considered 2 items", "It considered 5 items", "It considered 11 items", "It considered 21 items", "It considered 101 items"},
		ru: [7]string{"Вопросы в записи отсутствуют", "Рассмотрен 1 вопрос", "Рассмотрены 2 вопроса", "Рассмотрено 5 вопросов", "Рассмотрено 11 вопросов", "Рассмотрен 21 вопрос", "Рассмотрен 101 вопрос"}},
	{name: "all adopted", method: "AllAdopted", render: func(s say, n int) string { return s.AllAdopted(n) },
		en: [7]string{"", "it was adopted", "both were adopted", "all 5 were adopted", "all 11 were adopted", "all 21 were adopted", "all 101 were adopted"},
		ru: [7]string{"", "он принят", "приняты оба", "приняты все 5", "приняты все 11", "приняты все 21", "приняты все 101"}},
	{name: "adopted", method: "Outcome", render: func(s say, n int) string { return s.Outcome(secretariat.Adopted, n) },
		en: [7]string{"0 were adopted", "1 was adopted", "2 were adopted", "5 were adopted", "11 were adopted", "21 were adopted", "101 were adopted"},
		ru: [7]string{"принято 0", "принят 1", "приняты 2", "принято 5", "принято 11", "принят 21", "принят 101"}},
	{name: "adopted in limited format", method: "Outcome", render: func(s say, n int) string { return s.Outcome(secretariat.AdoptedLimited, n) },
		en: [7]string{"0 were adopted in limited format", "1 was adopted in limited format", "2 were adopted in limited format", "5 were adopted in limited format",
			"11 were adopted in limited format", "21 were adopted in limited format", "101 were adopted in limited format"},
		ru: [7]string{"принято в ограниченном формате 0", "принят в ограниченном формате 1", "приняты в ограниченном формате 2", "принято в ограниченном формате 5",
			"принято в ограниченном формате 11", "принят в ограниченном формате 21", "принят в ограниченном формате 101"}},
	{name: "not adopted", method: "Outcome", render: func(s say, n int) string { return s.Outcome(secretariat.NotAdopted, n) },
		en: [7]string{"0 were not adopted", "1 was not adopted", "2 were not adopted", "5 were not adopted", "11 were not adopted", "21 were not adopted", "101 were not adopted"},
		ru: [7]string{"не принято 0", "не принят 1", "не приняты 2", "не принято 5", "не принято 11", "не принят 21", "не принят 101"}},
	{name: "deferred", method: "Outcome", render: func(s say, n int) string { return s.Outcome(secretariat.Deferred, n) },
		en: [7]string{"0 were deferred", "1 was deferred", "2 were deferred", "5 were deferred", "11 were deferred", "21 were deferred", "101 were deferred"},
		ru: [7]string{"отложено 0", "отложен 1", "отложены 2", "отложено 5", "отложено 11", "отложен 21", "отложен 101"}},
	{name: "withdrawn", method: "Outcome", render: func(s say, n int) string { return s.Outcome(secretariat.Withdrawn, n) },
		en: [7]string{"0 were withdrawn", "1 was withdrawn", "2 were withdrawn", "5 were withdrawn", "11 were withdrawn", "21 were withdrawn", "101 were withdrawn"},
		ru: [7]string{"снято с рассмотрения 0", "снят с рассмотрения 1", "сняты с рассмотрения 2", "снято с рассмотрения 5", "снято с рассмотрения 11",
			"снят с рассмотрения 21", "снят с рассмотрения 101"}},
	{name: "undecided", method: "Outcome", render: func(s say, n int) string { return s.Outcome("", n) },
		en: [7]string{"0 were not yet decided", "1 was not yet decided", "2 were not yet decided", "5 were not yet decided", "11 were not yet decided", "21 were not yet decided", "101 were not yet decided"},
		ru: [7]string{"не решено 0", "не решен 1", "не решены 2", "не решено 5", "не решено 11", "не решен 21", "не решен 101"}},
	{name: "documents signed", method: "DocumentsSigned", render: func(s say, n int) string { return s.DocumentsSigned(n) },
		en: [7]string{"No document was signed.", "1 document was signed.", "2 documents were signed.", "5 documents were signed.", "11 documents were signed.", "21 documents were signed.", "101 documents were signed."},
		ru: [7]string{"Документы не подписывались.", "Подписан 1 документ.", "Подписаны 2 документа.", "Подписано 5 документов.", "Подписано 11 документов.", "Подписан 21 документ.", "Подписан 101 документ."}},
	{name: "pipeline", method: "PipelineCame", render: func(s say, n int) string {
		return s.PipelineCame(n, tr(s.lang, "Collective Security Council", "Совета коллективной безопасности"))
	},
		en: [7]string{
			"No item that came to the Collective Security Council this year is recorded as coming through the working bodies.",
			"1 item came to the Collective Security Council through the working bodies",
			"2 items came to the Collective Security Council through the working bodies",
			"5 items came to the Collective Security Council through the working bodies",
			"11 items came to the Collective Security Council through the working bodies",
			"21 items came to the Collective Security Council through the working bodies",
			"101 items came to the Collective Security Council through the working bodies"},
		ru: [7]string{
			"Вопросов, поступивших в этом году на рассмотрение Совета коллективной безопасности через рабочие органы, в записи нет.",
			"На рассмотрение Совета коллективной безопасности через рабочие органы поступил 1 вопрос",
			"На рассмотрение Совета коллективной безопасности через рабочие органы поступили 2 вопроса",
			"На рассмотрение Совета коллективной безопасности через рабочие органы поступило 5 вопросов",
			"На рассмотрение Совета коллективной безопасности через рабочие органы поступило 11 вопросов",
			"На рассмотрение Совета коллективной безопасности через рабочие органы поступил 21 вопрос",
			"На рассмотрение Совета коллективной безопасности через рабочие органы поступил 101 вопрос"}},
	{name: "threats named", method: "ThreatsNamed", render: func(s say, n int) string {
		return s.ThreatsNamed(n, tr(s.lang, "At the end of 2019", "На конец 2019 года"))
	},
		en: [7]string{"At the end of 2019 the register named no threat.", "At the end of 2019 the register named 1 threat", "At the end of 2019 the register named 2 threats",
			"At the end of 2019 the register named 5 threats", "At the end of 2019 the register named 11 threats", "At the end of 2019 the register named 21 threats",
			"At the end of 2019 the register named 101 threats"},
		ru: [7]string{"На конец 2019 года реестр угроз пуст.", "На конец 2019 года в реестре 1 угроза", "На конец 2019 года в реестре 2 угрозы", "На конец 2019 года в реестре 5 угроз",
			"На конец 2019 года в реестре 11 угроз", "На конец 2019 года в реестре 21 угроза", "На конец 2019 года в реестре 101 угроза"}},
	{name: "unanswered threats", method: "Unanswered", render: func(s say, n int) string { return s.Unanswered(n) },
		en: [7]string{"Every threat in the register is answered by at least one decision.", "No decision answers 1 threat", "No decision answers 2 threats",
			"No decision answers 5 threats", "No decision answers 11 threats", "No decision answers 21 threats", "No decision answers 101 threats"},
		ru: [7]string{"На каждую угрозу реестра отвечает хотя бы одно решение.", "Ни одно решение не отвечает на 1 угрозу", "Ни одно решение не отвечает на 2 угрозы",
			"Ни одно решение не отвечает на 5 угроз", "Ни одно решение не отвечает на 11 угроз", "Ни одно решение не отвечает на 21 угрозу", "Ни одно решение не отвечает на 101 угрозу"}},
	{name: "none answered", method: "NoneAnswered", render: func(s say, n int) string { return s.NoneAnswered(n) },
		en: [7]string{"", "No decision answers it.", "No decision answers any of the 2 threats.", "No decision answers any of the 5 threats.",
			"No decision answers any of the 11 threats.", "No decision answers any of the 21 threats.", "No decision answers any of the 101 threats."},
		ru: [7]string{"", "Ни одно решение на нее не отвечает.", "Ни одно решение не отвечает ни на одну из 2 угроз.", "Ни одно решение не отвечает ни на одну из 5 угроз.",
			"Ни одно решение не отвечает ни на одну из 11 угроз.", "Ни одно решение не отвечает ни на одну из 21 угрозы.", "Ни одно решение не отвечает ни на одну из 101 угрозы."}},
	{name: "operations", method: "Operations", render: func(s say, n int) string { return s.Operations(n, "X") },
		en: [7]string{"operations X", "operation X", "operations X", "operations X", "operations X", "operations X", "operations X"},
		ru: [7]string{"операции X", "операция X", "операции X", "операции X", "операции X", "операция X", "операция X"}},
	{name: "answered only by operations", method: "AnsweredOnlyBy", render: func(s say, n int) string { return s.AnsweredOnlyBy(n, "X") },
		en: [7]string{"(answered only by operations X)", "(answered only by operation X)", "(answered only by operations X)", "(answered only by operations X)",
			"(answered only by operations X)", "(answered only by operations X)", "(answered only by operations X)"},
		ru: [7]string{"(ответные меры — только операции X)", "(ответные меры — только операция X)", "(ответные меры — только операции X)", "(ответные меры — только операции X)",
			"(ответные меры — только операции X)", "(ответные меры — только операция X)", "(ответные меры — только операция X)"}},
	{name: "restricted decisions", method: "RestrictedDecisions", render: func(s say, n int) string { return s.RestrictedDecisions(n) },
		en: [7]string{"0 restricted decisions", "1 restricted decision", "2 restricted decisions", "5 restricted decisions", "11 restricted decisions", "21 restricted decisions", "101 restricted decisions"},
		ru: [7]string{"0 решений с ограниченным доступом", "1 решение с ограниченным доступом", "2 решения с ограниченным доступом", "5 решений с ограниченным доступом",
			"11 решений с ограниченным доступом", "21 решение с ограниченным доступом", "101 решение с ограниченным доступом"}},
	{name: "operations without figures", method: "SilentOperations", render: func(s say, n int) string { return s.SilentOperations(n, 2019, "X") },
		en: [7]string{"", "The record holds no figure of 2019 for operation X.", "The record holds no figure of 2019 for operations X.", "The record holds no figure of 2019 for operations X.",
			"The record holds no figure of 2019 for operations X.", "The record holds no figure of 2019 for operations X.", "The record holds no figure of 2019 for operations X."},
		ru: [7]string{"", "Показателей 2019 года в записи нет для операции X.", "Показателей 2019 года в записи нет для операций X.", "Показателей 2019 года в записи нет для операций X.",
			"Показателей 2019 года в записи нет для операций X.", "Показателей 2019 года в записи нет для операции X.", "Показателей 2019 года в записи нет для операции X."}},
	{name: "hidden figures", method: "HiddenFigures", render: func(s say, n int) string { return s.HiddenFigures(n) },
		en: [7]string{"0 figures of the year are restricted and not shown.", "1 figure of the year is restricted and not shown.", "2 figures of the year are restricted and not shown.",
			"5 figures of the year are restricted and not shown.", "11 figures of the year are restricted and not shown.", "21 figures of the year are restricted and not shown.",
			"101 figures of the year are restricted and not shown."},
		ru: [7]string{"Показателей года с ограниченным доступом, которые здесь не приводятся: 0.", "Показателей года с ограниченным доступом, которые здесь не приводятся: 1.",
			"Показателей года с ограниченным доступом, которые здесь не приводятся: 2.", "Показателей года с ограниченным доступом, которые здесь не приводятся: 5.",
			"Показателей года с ограниченным доступом, которые здесь не приводятся: 11.", "Показателей года с ограниченным доступом, которые здесь не приводятся: 21.",
			"Показателей года с ограниченным доступом, которые здесь не приводятся: 101."}},
	{name: "published", method: "Published", render: func(s say, n int) string { return s.Published(n, 2019) },
		en: [7]string{"Nothing was published in 2019.", "In 2019, 1 publication appeared", "In 2019, 2 publications appeared", "In 2019, 5 publications appeared",
			"In 2019, 11 publications appeared", "In 2019, 21 publications appeared", "In 2019, 101 publications appeared"},
		ru: [7]string{"В 2019 году публикаций нет.", "В 2019 году опубликован 1 материал", "В 2019 году опубликованы 2 материала", "В 2019 году опубликовано 5 материалов",
			"В 2019 году опубликовано 11 материалов", "В 2019 году опубликован 21 материал", "В 2019 году опубликован 101 материал"}},
	{name: "items of the year", method: "YearItems", render: func(s say, n int) string {
		return s.YearItems(n, 2019, tr(s.lang, "Collective Security Council", "Совета коллективной безопасности"))
	},
		en: [7]string{"In 2019 the Collective Security Council considered 0 items", "In 2019 the Collective Security Council considered 1 item",
			"In 2019 the Collective Security Council considered 2 items", "In 2019 the Collective Security Council considered 5 items",
			"In 2019 the Collective Security Council considered 11 items", "In 2019 the Collective Security Council considered 21 items",
			"In 2019 the Collective Security Council considered 101 items"},
		ru: [7]string{"В 2019 году на рассмотрение Совета коллективной безопасности вынесено 0 вопросов", "В 2019 году на рассмотрение Совета коллективной безопасности вынесен 1 вопрос",
			"В 2019 году на рассмотрение Совета коллективной безопасности вынесены 2 вопроса", "В 2019 году на рассмотрение Совета коллективной безопасности вынесено 5 вопросов",
			"В 2019 году на рассмотрение Совета коллективной безопасности вынесено 11 вопросов", "В 2019 году на рассмотрение Совета коллективной безопасности вынесен 21 вопрос",
			"В 2019 году на рассмотрение Совета коллективной безопасности вынесен 101 вопрос"}},
	{name: "all of the year adopted", method: "YearAdopted", render: func(s say, n int) string { return s.YearAdopted(n, n) },
		en: [7]string{".", " and adopted it.", " and adopted both.", " and adopted all of them.", " and adopted all of them.", " and adopted all of them.", " and adopted all of them."},
		ru: [7]string{".", "; он принят.", "; приняты оба.", "; приняты все.", "; приняты все.", "; приняты все.", "; приняты все."}},
	{name: "some of the year adopted", method: "YearAdopted", render: func(s say, n int) string { return s.YearAdopted(n, 200) },
		en: [7]string{" and adopted none of them.", " and adopted 1 of them (1%).", " and adopted 2 of them (1%).", " and adopted 5 of them (3%).", " and adopted 11 of them (6%).",
			" and adopted 21 of them (11%).", " and adopted 101 of them (51%)."},
		ru: [7]string{"; ни один не принят.", "; принят 1 (1%).", "; приняты 2 (1%).", "; принято 5 (3%).", "; принято 11 (6%).", "; принят 21 (11%).", "; принят 101 (51%)."}},
	{name: "count of items", method: "CountItems", render: func(s say, n int) string { return s.CountItems(n) },
		en: [7]string{"0 items", "1 item", "2 items", "5 items", "11 items", "21 items", "101 items"},
		ru: [7]string{"0 вопросов", "1 вопрос", "2 вопроса", "5 вопросов", "11 вопросов", "21 вопрос", "101 вопрос"}},
	{name: "an earlier year, all adopted", method: "EarlierYear", render: func(s say, n int) string { return s.EarlierYear(n, n) },
		en: [7]string{"0 items", "1 item, adopted", "2 items, both adopted", "5 items, all adopted", "11 items, all adopted", "21 items, all adopted", "101 items, all adopted"},
		ru: [7]string{"0 вопросов", "1 вопрос, принят", "2 вопроса, приняты оба", "5 вопросов, приняты все", "11 вопросов, приняты все", "21 вопрос, приняты все", "101 вопрос, приняты все"}},
	{name: "an earlier year, some adopted", method: "EarlierYear", render: func(s say, n int) string { return s.EarlierYear(n, 300) },
		en: [7]string{"300 items, none adopted", "300 items, 1 adopted (0%)", "300 items, 2 adopted (1%)", "300 items, 5 adopted (2%)", "300 items, 11 adopted (4%)",
			"300 items, 21 adopted (7%)", "300 items, 101 adopted (34%)"},
		ru: [7]string{"300 вопросов, ни один не принят", "300 вопросов, принят 1 (0%)", "300 вопросов, приняты 2 (1%)", "300 вопросов, принято 5 (2%)", "300 вопросов, принято 11 (4%)",
			"300 вопросов, принят 21 (7%)", "300 вопросов, принят 101 (34%)"}},
	{name: "tasks of a year, all fulfilled", method: "TasksOfYearFulfilled", render: func(s say, n int) string { return s.TasksOfYearFulfilled(n, n, 2018) },
		en: [7]string{"the record holds no task set in 2018", "the task set in 2018 had been fulfilled", "both tasks set in 2018 had been fulfilled",
			"all 5 tasks set in 2018 had been fulfilled", "all 11 tasks set in 2018 had been fulfilled", "all 21 tasks set in 2018 had been fulfilled",
			"all 101 tasks set in 2018 had been fulfilled"},
		ru: [7]string{"поручений 2018 года в записи нет", "поручение 2018 года выполнено", "выполнены оба поручения 2018 года", "выполнены все 5 поручений 2018 года",
			"выполнены все 11 поручений 2018 года", "выполнены все 21 поручение 2018 года", "выполнены все 101 поручение 2018 года"}},
	{name: "tasks of a year, some fulfilled", method: "TasksOfYearFulfilled", render: func(s say, n int) string { return s.TasksOfYearFulfilled(n, 121, 2018) },
		en: [7]string{"none of the 121 tasks set in 2018 had been fulfilled", "1 of the 121 tasks set in 2018 had been fulfilled", "2 of the 121 tasks set in 2018 had been fulfilled",
			"5 of the 121 tasks set in 2018 had been fulfilled", "11 of the 121 tasks set in 2018 had been fulfilled", "21 of the 121 tasks set in 2018 had been fulfilled",
			"101 of the 121 tasks set in 2018 had been fulfilled"},
		ru: [7]string{"не выполнено ни одно из 121 поручения 2018 года", "выполнено 1 из 121 поручения 2018 года", "выполнено 2 из 121 поручения 2018 года",
			"выполнено 5 из 121 поручения 2018 года", "выполнено 11 из 121 поручения 2018 года", "выполнено 21 из 121 поручения 2018 года",
			"выполнено 101 из 121 поручения 2018 года"}},
	{name: "tasks of a year, of 25", method: "TasksOfYearFulfilled", render: func(s say, n int) string { return s.TasksOfYearFulfilled(min(n, 24), 25, 2018) },
		en: [7]string{"none of the 25 tasks set in 2018 had been fulfilled", "1 of the 25 tasks set in 2018 had been fulfilled", "2 of the 25 tasks set in 2018 had been fulfilled",
			"5 of the 25 tasks set in 2018 had been fulfilled", "11 of the 25 tasks set in 2018 had been fulfilled", "21 of the 25 tasks set in 2018 had been fulfilled",
			"24 of the 25 tasks set in 2018 had been fulfilled"},
		ru: [7]string{"не выполнено ни одно из 25 поручений 2018 года", "выполнено 1 из 25 поручений 2018 года", "выполнено 2 из 25 поручений 2018 года",
			"выполнено 5 из 25 поручений 2018 года", "выполнено 11 из 25 поручений 2018 года", "выполнено 21 из 25 поручений 2018 года",
			"выполнено 24 из 25 поручений 2018 года"}},
	{name: "illustrative records", method: "Illustrative", render: func(s say, n int) string { return s.Illustrative(n) },
		en: [7]string{"None of the records behind this review is illustrative.", "1 of the records behind this review is illustrative: no source gives it.",
			"2 of the records behind this review are illustrative: no source gives them.", "5 of the records behind this review are illustrative: no source gives them.",
			"11 of the records behind this review are illustrative: no source gives them.", "21 of the records behind this review are illustrative: no source gives them.",
			"101 of the records behind this review are illustrative: no source gives them."},
		ru: [7]string{"Иллюстративных записей в основе обзора нет.", "Иллюстративна 1 запись, на которой основан обзор: ее данные не взяты из источников.",
			"Иллюстративны 2 записи, на которых основан обзор: их данные не взяты из источников.", "Иллюстративны 5 записей, на которых основан обзор: их данные не взяты из источников.",
			"Иллюстративны 11 записей, на которых основан обзор: их данные не взяты из источников.", "Иллюстративна 21 запись, на которой основан обзор: ее данные не взяты из источников.",
			"Иллюстративна 101 запись, на которой основан обзор: ее данные не взяты из источников."}},
}

func TestEverySentenceTemplateAgreesWithItsCount(t *testing.T) {
	for _, c := range templateCases {
		for i, n := range counts {
			for _, lang := range []secretariat.Lang{secretariat.EN, secretariat.RU} {
				want := c.en[i]
				if lang == secretariat.RU {
					want = c.ru[i]
				}
				if got := c.render(say{lang}, n); got != want {
					t.Errorf("%s, %d, %s:\n got %q\nwant %q", c.name, n, lang, got, want)
				}
			}
		}
	}
	// Every template is under test: a method of say without a case fails here.
	covered := map[string]bool{}
	for _, c := range templateCases {
		covered[c.method] = true
	}
	typ := reflect.TypeFor[say]()
	for i := 0; i < typ.NumMethod(); i++ {
		if m := typ.Method(i).Name; !covered[m] {
			t.Errorf("the sentence template %s has no expected strings in templateCases", m)
		}
	}
}
