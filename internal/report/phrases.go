package report

import (
	"fmt"

	"secretariat"
)

// say holds every sentence template of the review whose words depend on a count. Each
// method takes the count and the context the sentence needs, and returns the words in
// the language, agreeing with the count (in Russian, number and case after numerals).
// TestEverySentenceTemplateAgreesWithItsCount renders each of them with counts 0, 1, 2,
// 5, 11, 21 and 101 in both languages against strings written by hand; a method added
// here without its expectations fails that test.
type say struct{ lang secretariat.Lang }

func (s say) ru() bool { return s.lang == secretariat.RU }

// pl picks the English form for n (one, other) or the Russian one (one, few, many).
func (s say) pl(n int, en1, enN, ru1, ru2, ru5 string) string {
	if s.ru() {
		return secretariat.PluralRU(n, ru1, ru2, ru5)
	}
	return secretariat.PluralEN(n, en1, enN)
}

// PrioritiesAnnounced: "6 priorities were announced for the term."
func (s say) PrioritiesAnnounced(n int) string {
	if n == 0 {
		return tr(s.lang, "No priorities were announced for the term.", "Приоритеты председательства не объявлялись.")
	}
	if s.ru() {
		return fmt.Sprintf("%s %d %s председательства.", ruAgree(n, "Объявлен", "Объявлены", "Объявлено"), n, s.pl(n, "", "", "приоритет", "приоритета", "приоритетов"))
	}
	return fmt.Sprintf("%d %s announced for the term.", n, s.pl(n, "priority was", "priorities were", "", "", ""))
}

// PrioritiesFulfilled: "Assessed from the tasks that serve them, all 6 were fulfilled."
// k of the n priorities are fulfilled.
func (s say) PrioritiesFulfilled(k, n int) string {
	if n == 0 {
		return ""
	}
	var what string
	switch {
	case k == n && n == 1:
		what = tr(s.lang, "it was fulfilled", "он выполнен")
	case k == n && n == 2:
		what = tr(s.lang, "both were fulfilled", "выполнены оба")
	case k == n:
		what = tr(s.lang, fmt.Sprintf("all %d were fulfilled", n), fmt.Sprintf("выполнены все %d", n))
	case k == 0 && n == 1:
		what = tr(s.lang, "it was not fulfilled", "он не выполнен")
	case k == 0 && n == 2:
		what = tr(s.lang, "neither was fulfilled", "не выполнен ни один")
	case k == 0:
		what = tr(s.lang, "none was fulfilled", "не выполнен ни один")
	default:
		what = tr(s.lang, fmt.Sprintf("%d of the %d %s fulfilled", k, n, secretariat.PluralEN(k, "was", "were")),
			fmt.Sprintf("%s %d из %d", ruAgree(k, "выполнен", "выполнены", "выполнено"), k, n))
	}
	if n == 1 {
		return tr(s.lang, "Assessed from the tasks that serve it, ", "По оценке связанных с ним поручений ") + what + "."
	}
	return tr(s.lang, "Assessed from the tasks that serve them, ", "По оценке связанных с ними поручений ") + what + "."
}

// TasksSet: "The session of 8 November 2018 in Astana set 12 tasks." session is "of 8
// November 2018 in Astana" / "8 ноября 2018 года (Астана)".
func (s say) TasksSet(n int, session string) string {
	if n == 0 {
		return tr(s.lang, fmt.Sprintf("The record holds no task set at the session %s.", session),
			fmt.Sprintf("Поручений сессии %s в записи нет.", session))
	}
	if s.ru() {
		return fmt.Sprintf("На сессии %s было дано %d %s.", session, n, s.pl(n, "", "", "поручение", "поручения", "поручений"))
	}
	return fmt.Sprintf("The session %s set %d %s.", session, n, s.pl(n, "task", "tasks", "", "", ""))
}

// Restricted: "(1 of them restricted)", said after a count of n records r of which the
// reader may not see. Empty when r is 0.
func (s say) Restricted(r, n int) string {
	switch {
	case r == 0:
		return ""
	case r == n && n == 1:
		return tr(s.lang, "(restricted)", "(с ограниченным доступом)")
	case r == n && n == 2:
		return tr(s.lang, "(both restricted)", "(все — с ограниченным доступом)")
	case r == n:
		return tr(s.lang, "(all of them restricted)", "(все — с ограниченным доступом)")
	}
	return tr(s.lang, fmt.Sprintf("(%d of them restricted)", r), fmt.Sprintf("(в том числе %d с ограниченным доступом)", r))
}

// TasksAllFulfilled: "all 12 had been fulfilled", when every one of n tasks was.
func (s say) TasksAllFulfilled(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return tr(s.lang, "the task had been fulfilled", "поручение выполнено")
	case 2:
		return tr(s.lang, "both had been fulfilled", "выполнены оба")
	}
	return tr(s.lang, fmt.Sprintf("all %d had been fulfilled", n), fmt.Sprintf("выполнены все %d", n))
}

// TaskPart: one state of the tasks carried over, "4 were in progress", "в работе 4".
func (s say) TaskPart(state secretariat.TaskState, n int) string {
	if s.ru() {
		switch state {
		case secretariat.StateFulfilled:
			return fmt.Sprintf("выполнено %d", n)
		case secretariat.StateReported:
			return fmt.Sprintf("доложено об исполнении %d", n)
		case secretariat.StateInProgress:
			return fmt.Sprintf("в работе %d", n)
		case secretariat.StateOverdue:
			return fmt.Sprintf("просрочено %d", n)
		case secretariat.StateCancelled:
			return fmt.Sprintf("отменено %d", n)
		case secretariat.StateSuperseded:
			return fmt.Sprintf("заменено другими поручениями %d", n)
		}
		return ""
	}
	be := secretariat.PluralEN(n, "was", "were")
	switch state {
	case secretariat.StateFulfilled:
		return fmt.Sprintf("%d had been fulfilled", n)
	case secretariat.StateReported:
		return fmt.Sprintf("%d had been reported on and awaited acceptance", n)
	case secretariat.StateInProgress:
		return fmt.Sprintf("%d %s in progress", n, be)
	case secretariat.StateOverdue:
		return fmt.Sprintf("%d %s overdue", n, be)
	case secretariat.StateCancelled:
		return fmt.Sprintf("%d had been cancelled", n)
	case secretariat.StateSuperseded:
		return fmt.Sprintf("%d had been superseded by other tasks", n)
	}
	return ""
}

// HiddenTasks: "1 restricted task is not shown."
func (s say) HiddenTasks(n int) string {
	if s.ru() {
		return fmt.Sprintf("Поручений с ограниченным доступом, не показанных в таблице: %d.", n)
	}
	return fmt.Sprintf("%d restricted %s not shown.", n, s.pl(n, "task is", "tasks are", "", "", ""))
}

// Noun is what a body's meetings are called: a session of the supreme body, a meeting of
// the others, a joint meeting of several bodies.
type Noun int

// Meeting nouns.
const (
	NounSession Noun = iota
	NounMeeting
	NounJoint
)

// SessionsHeld: "It held 2 meetings: on 30 April 2019 in Bishkek and on 27 November 2019
// in Bishkek." dates is the list of dates and places.
func (s say) SessionsHeld(noun Noun, n int, dates string) string {
	if s.ru() {
		if n == 0 {
			return map[Noun]string{NounSession: "Сессии не проводились.", NounMeeting: "Заседания не проводились.",
				NounJoint: "Совместные заседания не проводились."}[noun]
		}
		var verb, word string
		switch noun {
		case NounSession:
			verb, word = ruAgree(n, "Проведена", "Проведены", "Проведено"), secretariat.PluralRU(n, "сессия", "сессии", "сессий")
		case NounMeeting:
			verb, word = ruAgree(n, "Проведено", "Проведены", "Проведено"), secretariat.PluralRU(n, "заседание", "заседания", "заседаний")
		default:
			verb, word = ruAgree(n, "Проведено", "Проведены", "Проведено"), secretariat.PluralRU(n, "совместное заседание", "совместных заседания", "совместных заседаний")
		}
		return fmt.Sprintf("%s %d %s: %s.", verb, n, word, dates)
	}
	if n == 0 {
		return map[Noun]string{NounSession: "It held no session.", NounMeeting: "It held no meeting.", NounJoint: "It held no joint meeting."}[noun]
	}
	word := map[Noun][2]string{NounSession: {"session", "sessions"}, NounMeeting: {"meeting", "meetings"}, NounJoint: {"joint meeting", "joint meetings"}}[noun]
	if n == 1 {
		return fmt.Sprintf("It held 1 %s, %s.", word[0], dates)
	}
	return fmt.Sprintf("It held %d %s: %s.", n, word[1], dates)
}

// ItemsConsidered: "It considered 17 items", the start of a sentence the outcomes end.
func (s say) ItemsConsidered(n int) string {
	if n == 0 {
		return tr(s.lang, "None of its items is in the record", "Вопросы в записи отсутствуют")
	}
	if s.ru() {
		return fmt.Sprintf("%s %d %s", ruAgree(n, "Рассмотрен", "Рассмотрены", "Рассмотрено"), n, s.pl(n, "", "", "вопрос", "вопроса", "вопросов"))
	}
	return fmt.Sprintf("It considered %d %s", n, s.pl(n, "item", "items", "", "", ""))
}

// AllAdopted: "all 17 were adopted", when every one of n items was.
func (s say) AllAdopted(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return tr(s.lang, "it was adopted", "он принят")
	case 2:
		return tr(s.lang, "both were adopted", "приняты оба")
	}
	return tr(s.lang, fmt.Sprintf("all %d were adopted", n), fmt.Sprintf("приняты все %d", n))
}

// Outcome: "6 were adopted", "отложен 1"; result "" is an item not yet decided.
func (s say) Outcome(result secretariat.Result, n int) string {
	if s.ru() {
		forms := map[secretariat.Result][3]string{
			secretariat.Adopted:        {"принят", "приняты", "принято"},
			secretariat.AdoptedLimited: {"принят в ограниченном формате", "приняты в ограниченном формате", "принято в ограниченном формате"},
			secretariat.NotAdopted:     {"не принят", "не приняты", "не принято"},
			secretariat.Deferred:       {"отложен", "отложены", "отложено"},
			secretariat.Withdrawn:      {"снят с рассмотрения", "сняты с рассмотрения", "снято с рассмотрения"},
			"":                         {"не решен", "не решены", "не решено"},
		}[result]
		return fmt.Sprintf("%s %d", ruAgree(n, forms[0], forms[1], forms[2]), n)
	}
	what := map[secretariat.Result]string{secretariat.Adopted: "adopted", secretariat.AdoptedLimited: "adopted in limited format",
		secretariat.NotAdopted: "not adopted", secretariat.Deferred: "deferred", secretariat.Withdrawn: "withdrawn", "": "not yet decided"}[result]
	return fmt.Sprintf("%d %s %s", n, secretariat.PluralEN(n, "was", "were"), what)
}

// DocumentsSigned: "15 documents were signed."
func (s say) DocumentsSigned(n int) string {
	if n == 0 {
		return tr(s.lang, "No document was signed.", "Документы не подписывались.")
	}
	if s.ru() {
		return fmt.Sprintf("%s %d %s.", ruAgree(n, "Подписан", "Подписаны", "Подписано"), n, s.pl(n, "", "", "документ", "документа", "документов"))
	}
	return fmt.Sprintf("%d %s signed.", n, s.pl(n, "document was", "documents were", "", "", ""))
}

// PipelineCame: "2 items came to the Collective Security Council through the working
// bodies". body is the supreme body's name, in the genitive in Russian.
func (s say) PipelineCame(n int, body string) string {
	if n == 0 {
		return tr(s.lang, fmt.Sprintf("No item that came to the %s this year is recorded as coming through the working bodies.", body),
			fmt.Sprintf("Вопросов, поступивших в этом году на рассмотрение %s через рабочие органы, в записи нет.", body))
	}
	if s.ru() {
		return fmt.Sprintf("На рассмотрение %s через рабочие органы %s %d %s", body, ruAgree(n, "поступил", "поступили", "поступило"), n, s.pl(n, "", "", "вопрос", "вопроса", "вопросов"))
	}
	return fmt.Sprintf("%d %s to the %s through the working bodies", n, s.pl(n, "item came", "items came", "", "", ""), body)
}

// ThreatsNamed: "At the end of 2019 the register named 7 threats". when is "At the end
// of 2019" / "На конец 2019 года".
func (s say) ThreatsNamed(n int, when string) string {
	if n == 0 {
		return tr(s.lang, when+" the register named no threat.", when+" реестр угроз пуст.")
	}
	if s.ru() {
		return fmt.Sprintf("%s в реестре %d %s", when, n, s.pl(n, "", "", "угроза", "угрозы", "угроз"))
	}
	return fmt.Sprintf("%s the register named %d %s", when, n, s.pl(n, "threat", "threats", "", "", ""))
}

// Unanswered: "No decision answers 2 threats".
func (s say) Unanswered(n int) string {
	if n == 0 {
		return tr(s.lang, "Every threat in the register is answered by at least one decision.", "На каждую угрозу реестра отвечает хотя бы одно решение.")
	}
	if s.ru() {
		return fmt.Sprintf("Ни одно решение не отвечает на %d %s", n, s.pl(n, "", "", "угрозу", "угрозы", "угроз"))
	}
	return fmt.Sprintf("No decision answers %d %s", n, s.pl(n, "threat", "threats", "", "", ""))
}

// RestrictedDecisions: "1 restricted decision", in a table cell.
func (s say) RestrictedDecisions(n int) string {
	if s.ru() {
		return fmt.Sprintf("%d %s с ограниченным доступом", n, s.pl(n, "", "", "решение", "решения", "решений"))
	}
	return fmt.Sprintf("%d restricted %s", n, s.pl(n, "decision", "decisions", "", "", ""))
}

// SilentOperations: "The record holds no figure of 2019 for operations Channel and
// Illegal." names is the list of the operations' names.
func (s say) SilentOperations(n, year int, names string) string {
	if n == 0 {
		return ""
	}
	if s.ru() {
		return fmt.Sprintf("Показателей %d года в записи нет для %s %s.", year, s.pl(n, "", "", "операции", "операций", "операций"), names)
	}
	return fmt.Sprintf("The record holds no figure of %d for %s %s.", year, s.pl(n, "operation", "operations", "", "", ""), names)
}

// HiddenFigures: "1 figure of the year is restricted and not shown."
func (s say) HiddenFigures(n int) string {
	if s.ru() {
		return fmt.Sprintf("Показателей года с ограниченным доступом, которые здесь не приводятся: %d.", n)
	}
	return fmt.Sprintf("%d %s of the year %s restricted and not shown.", n, s.pl(n, "figure", "figures", "", "", ""), s.pl(n, "is", "are", "", "", ""))
}

// Published: "In 2019, 5 publications appeared", the start of a sentence the sections end.
func (s say) Published(n, year int) string {
	if n == 0 {
		return tr(s.lang, fmt.Sprintf("Nothing was published in %d.", year), fmt.Sprintf("В %d году публикаций нет.", year))
	}
	if s.ru() {
		return fmt.Sprintf("В %d году %s %d %s", year, ruAgree(n, "опубликован", "опубликованы", "опубликовано"), n, s.pl(n, "", "", "материал", "материала", "материалов"))
	}
	return fmt.Sprintf("In %d, %d %s", year, n, s.pl(n, "publication appeared", "publications appeared", "", "", ""))
}

// YearItems: "In 2019 the Collective Security Council considered 17 items". body is the
// supreme body's name, in the genitive in Russian.
func (s say) YearItems(n, year int, body string) string {
	if s.ru() {
		return fmt.Sprintf("В %d году на рассмотрение %s %s %d %s", year, body, ruAgree(n, "вынесен", "вынесены", "вынесено"), n, s.pl(n, "", "", "вопрос", "вопроса", "вопросов"))
	}
	return fmt.Sprintf("In %d the %s considered %d %s", year, body, n, s.pl(n, "item", "items", "", "", ""))
}

// YearAdopted ends YearItems: " and adopted all of them.", "; приняты все." k of the n
// items were adopted.
func (s say) YearAdopted(k, n int) string {
	switch {
	case n == 0:
		return "."
	case k == n && n == 1:
		return tr(s.lang, " and adopted it.", "; он принят.")
	case k == n && n == 2:
		return tr(s.lang, " and adopted both.", "; приняты оба.")
	case k == n:
		return tr(s.lang, " and adopted all of them.", "; приняты все.")
	case k == 0:
		return tr(s.lang, " and adopted none of them.", "; ни один не принят.")
	}
	pct := percentOf(k, n)
	return tr(s.lang, fmt.Sprintf(" and adopted %d of them (%s).", k, pct), fmt.Sprintf("; %s %d (%s).", ruAgree(k, "принят", "приняты", "принято"), k, pct))
}

// CountItems: "7 items", "7 вопросов".
func (s say) CountItems(n int) string {
	return fmt.Sprintf("%d %s", n, s.pl(n, "item", "items", "вопрос", "вопроса", "вопросов"))
}

// TasksOfYearFulfilled: "all 12 tasks set in 2018 had been fulfilled", "выполнены все 12
// поручений 2018 года": k of the n tasks set in year.
func (s say) TasksOfYearFulfilled(k, n, year int) string {
	if s.ru() {
		switch {
		case n == 0:
			return fmt.Sprintf("поручений %d года в записи нет", year)
		case n == 1 && k == 1:
			return fmt.Sprintf("поручение %d года выполнено", year)
		case n == 1:
			return fmt.Sprintf("поручение %d года не выполнено", year)
		case k == n && n == 2:
			return fmt.Sprintf("выполнены оба поручения %d года", year)
		case k == n:
			return fmt.Sprintf("выполнены все %d %s %d года", n, secretariat.PluralRU(n, "поручение", "поручения", "поручений"), year)
		case k == 0:
			return fmt.Sprintf("не выполнено ни одно из %d %s %d года", n, secretariat.PluralRU(n, "поручения", "поручений", "поручений"), year)
		}
		return fmt.Sprintf("выполнено %d из %d %s %d года", k, n, secretariat.PluralRU(n, "поручения", "поручений", "поручений"), year)
	}
	switch {
	case n == 0:
		return fmt.Sprintf("the record holds no task set in %d", year)
	case n == 1 && k == 1:
		return fmt.Sprintf("the task set in %d had been fulfilled", year)
	case n == 1:
		return fmt.Sprintf("the task set in %d had not been fulfilled", year)
	case k == n && n == 2:
		return fmt.Sprintf("both tasks set in %d had been fulfilled", year)
	case k == n:
		return fmt.Sprintf("all %d tasks set in %d had been fulfilled", n, year)
	case k == 0:
		return fmt.Sprintf("none of the %d tasks set in %d had been fulfilled", n, year)
	}
	return fmt.Sprintf("%d of the %d tasks set in %d had been fulfilled", k, n, year)
}

// Illustrative: "22 of the records behind this review are illustrative: no source gives
// them."
func (s say) Illustrative(n int) string {
	if n == 0 {
		return tr(s.lang, "None of the records behind this review is illustrative.", "Иллюстративных записей в основе обзора нет.")
	}
	if s.ru() {
		if secretariat.PluralRU(n, "one", "", "") == "one" {
			return fmt.Sprintf("Иллюстративна %d запись, на которой основан обзор: ее данные не взяты из источников.", n)
		}
		return fmt.Sprintf("Иллюстративны %d %s, на которых основан обзор: их данные не взяты из источников.", n, secretariat.PluralRU(n, "", "записи", "записей"))
	}
	if n == 1 {
		return "1 of the records behind this review is illustrative: no source gives it."
	}
	return fmt.Sprintf("%d of the records behind this review are illustrative: no source gives them.", n)
}

// AnsweredOnlyBy: "(answered only by operation “Channel”)", after a threat no decision
// answers; names lists the n operations.
func (s say) AnsweredOnlyBy(n int, names string) string {
	if s.ru() {
		return fmt.Sprintf("(ответные меры — только %s %s)", secretariat.PluralRU(n, "операция", "операции", "операции"), names)
	}
	return fmt.Sprintf("(answered only by %s %s)", secretariat.PluralEN(n, "operation", "operations"), names)
}

// Planned: "A session is planned on 16 September 2021 in Dushanbe."
func (s say) Planned(noun Noun, n int, dates string) string {
	if n == 0 {
		return ""
	}
	if s.ru() {
		if n == 1 {
			return map[Noun]string{NounSession: "Запланирована сессия: ", NounMeeting: "Запланировано заседание: ", NounJoint: "Запланировано совместное заседание: "}[noun] + dates + "."
		}
		return map[Noun]string{NounSession: "Запланированы сессии: ", NounMeeting: "Запланированы заседания: ", NounJoint: "Запланированы совместные заседания: "}[noun] + dates + "."
	}
	if n == 1 {
		return map[Noun]string{NounSession: "A session is planned ", NounMeeting: "A meeting is planned ", NounJoint: "A joint meeting is planned "}[noun] + dates + "."
	}
	return map[Noun]string{NounSession: "Sessions are planned ", NounMeeting: "Meetings are planned ", NounJoint: "Joint meetings are planned "}[noun] + dates + "."
}

// EarlierYear: "7 items, all adopted", for a year of the comparison: k of n adopted.
func (s say) EarlierYear(k, n int) string {
	what := s.CountItems(n)
	switch {
	case n == 0:
		return what
	case k == n && n == 1:
		return what + tr(s.lang, ", adopted", ", принят")
	case k == n && n == 2:
		return what + tr(s.lang, ", both adopted", ", приняты оба")
	case k == n:
		return what + tr(s.lang, ", all adopted", ", приняты все")
	case k == 0:
		return what + tr(s.lang, ", none adopted", ", ни один не принят")
	}
	pct := percentOf(k, n)
	return what + tr(s.lang, fmt.Sprintf(", %d adopted (%s)", k, pct), fmt.Sprintf(", %s %d (%s)", ruAgree(k, "принят", "приняты", "принято"), k, pct))
}

// NoneAnswered: "No decision answers any of the 7 threats.", when no threat of the
// register is answered by a decision.
func (s say) NoneAnswered(n int) string {
	switch {
	case n == 0:
		return ""
	case n == 1:
		return tr(s.lang, "No decision answers it.", "Ни одно решение на нее не отвечает.")
	case s.ru():
		return fmt.Sprintf("Ни одно решение не отвечает ни на одну из %d %s.", n, secretariat.PluralRU(n, "угрозы", "угроз", "угроз"))
	}
	return fmt.Sprintf("No decision answers any of the %d threats.", n)
}

// Operations: "operation “Channel”", "operations “Illegal” and “Mercenary”".
func (s say) Operations(n int, names string) string {
	if s.ru() {
		return secretariat.PluralRU(n, "операция ", "операции ", "операции ") + names
	}
	return secretariat.PluralEN(n, "operation ", "operations ") + names
}
