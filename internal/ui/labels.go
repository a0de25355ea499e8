package ui

import "secretariat"

// labels names, in English and Russian, the values the interface shows that are not the
// record's enumerations (those are in the root package's one table, secretariat.Enum):
// journal verbs, audit actions, reasons for rejection and priority assessments.
var labels = map[string]map[string][2]string{
	// Values the shared table does not name: an item not yet decided, a record with no
	// classification (public), an assessment without a trend.
	"result":         {"": {"not yet decided", "ещё не решено"}},
	"classification": {"": {"public", "открытый"}},
	"trend":          {"": {"—", "—"}},
	"assessment": {
		"fulfilled":        {"fulfilled", "выполнен"},
		"partly_fulfilled": {"partly fulfilled", "выполнен частично"},
		"not_fulfilled":    {"not fulfilled", "не выполнен"},
		"no_tasks":         {"no tasks linked", "нет связанных поручений"},
	},
	"verb": {
		"AddAgendaItem":        {"item put on the agenda", "вопрос внесён в повестку"},
		"AddStage":             {"stage added", "добавлен этап"},
		"AdmitState":           {"state admitted", "государство принято"},
		"AnnouncePriorities":   {"priorities announced", "объявлены приоритеты"},
		"AssessThreat":         {"threat assessed", "угроза оценена"},
		"CancelTask":           {"task cancelled", "поручение отменено"},
		"DecideItem":           {"item decided", "вопрос решён"},
		"DeferItem":            {"consideration deferred", "рассмотрение отложено"},
		"FoundOrganization":    {"organization founded", "организация учреждена"},
		"FulfilTask":           {"task accepted as fulfilled", "поручение признано выполненным"},
		"HandOverChairmanship": {"chairmanship handed over", "председательство передано"},
		"ImportRollCall":       {"roll call imported", "импортировано поимённое голосование"},
		"LinkThreat":           {"answer to a threat recorded", "записан ответ на угрозу"},
		"ProposeDraft":         {"draft proposed", "внесён проект"},
		"Publish":              {"published", "опубликовано"},
		"RecordEntryIntoForce": {"entry into force recorded", "записано вступление в силу"},
		"RecordMembership":     {"membership changed", "изменено членство"},
		"RecordPosition":       {"position recorded", "записана позиция"},
		"RegisterArea":         {"area registered", "зарегистрирован район"},
		"RegisterBody":         {"body registered", "зарегистрирован орган"},
		"RegisterOperation":    {"operation registered", "зарегистрирована операция"},
		"RegisterSource":       {"source registered", "зарегистрирован источник"},
		"RegisterThreat":       {"threat registered", "угроза внесена в реестр"},
		"ReportFigure":         {"figure reported", "внесён показатель"},
		"ReportImplementation": {"implementation reported", "представлен доклад об исполнении"},
		"ReturnTask":           {"task sent back to work", "поручение возвращено на доработку"},
		"ReviseDraft":          {"draft revised", "проект изменён"},
		"ScheduleSession":      {"session scheduled", "сессия назначена"},
		"SetDecisionRule":      {"rule of decision set", "установлено правило принятия решений"},
		"SetTask":              {"task set", "дано поручение"},
		"SignDecision":         {"decision signed", "решение подписано"},
		"StateOnPriority":      {"chair's statement recorded", "записано заявление председателя"},
		"TakeChair":            {"chair taken", "председательство принято"},
		"WithdrawItem":         {"item withdrawn", "вопрос снят с повестки"},
	},
	"audit": {
		"created":          {"account created", "учётная запись создана"},
		"password_changed": {"password changed", "пароль изменён"},
		"disabled":         {"disabled", "отключена"},
		"enabled":          {"enabled", "включена"},
		"signed_in":        {"signed in", "вход"},
		"signin_failed":    {"sign-in refused", "вход отклонён"},
		"signin_throttled": {"sign-in throttled", "вход временно заблокирован"},
		"signed_out":       {"signed out", "выход"},
	},
	"reason": {
		"quorum":     {"no quorum", "нет кворума"},
		"absent":     {"an absent member blocks", "отсутствие члена блокирует"},
		"objection":  {"objection", "возражение"},
		"majority":   {"no majority", "нет большинства"},
		"unanimity":  {"no unanimity", "нет единогласия"},
		"no_support": {"no member joined", "никто не присоединился"},
	},
}

// label names a value in lang: from the interface's table, else from the record's
// enumeration of that name; a value neither knows is shown as it is.
func label(lang secretariat.Lang, group, value string) string {
	if l, ok := labels[group][value]; ok {
		if lang == secretariat.RU {
			return l[1]
		}
		return l[0]
	}
	return secretariat.Enum(group).In(value, lang)
}
