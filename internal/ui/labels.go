package ui

import "secretariat"

// labels names the record's enumerated values for people, in English and Russian, by
// group. The root package is to hold the same table for every program; until it does,
// the pages keep theirs here.
var labels = map[string]map[string][2]string{
	"stance": {
		"joins":                  {"joins", "присоединяется"},
		"joins_with_reservation": {"joins with a reservation", "присоединяется с оговоркой"},
		"abstains":               {"abstains", "воздерживается"},
		"non_interest":           {"not interested", "не заинтересовано"},
		"objects":                {"objects", "возражает"},
		"absent":                 {"absent", "отсутствует"},
	},
	"result": {
		"adopted":         {"adopted", "принято"},
		"adopted_limited": {"adopted in limited format", "принято в ограниченном формате"},
		"not_adopted":     {"not adopted", "не принято"},
		"deferred":        {"deferred", "отложено"},
		"withdrawn":       {"withdrawn", "снято с повестки"},
		"":                {"not yet decided", "ещё не решено"},
	},
	"task_status": {
		"assigned":    {"assigned", "поручено"},
		"in_progress": {"in progress", "выполняется"},
		"reported":    {"reported", "доложено"},
		"fulfilled":   {"fulfilled", "выполнено"},
		"cancelled":   {"cancelled", "отменено"},
		"superseded":  {"superseded", "заменено"},
	},
	"item_kind": {
		"substantive": {"substantive", "по существу"},
		"procedural":  {"procedural", "процедурный"},
	},
	"decision_kind": {
		"decision":    {"decision", "решение"},
		"statement":   {"statement", "заявление"},
		"declaration": {"declaration", "декларация"},
		"plan":        {"plan", "план"},
		"budget":      {"budget", "бюджет"},
		"appointment": {"appointment", "назначение"},
		"agreement":   {"agreement", "соглашение"},
		"report":      {"report", "доклад"},
		"resolution":  {"resolution", "резолюция"},
	},
	"session_kind": {
		"regular":       {"regular", "очередная"},
		"extraordinary": {"extraordinary", "внеочередная"},
	},
	"session_format": {
		"narrow":          {"narrow format", "узкий состав"},
		"expanded":        {"expanded format", "расширенный состав"},
		"videoconference": {"videoconference", "видеоконференция"},
	},
	"body_kind": {
		"supreme":       {"supreme body", "высший орган"},
		"council":       {"council of ministers", "совет министров"},
		"committee":     {"committee", "комитет"},
		"permanent":     {"permanent council", "постоянный совет"},
		"secretariat":   {"secretariat", "секретариат"},
		"staff":         {"joint staff", "объединённый штаб"},
		"assembly":      {"parliamentary assembly", "парламентская ассамблея"},
		"working_group": {"working body", "рабочий орган"},
		"joint":         {"joint meeting", "совместное заседание"},
		"external":      {"body of another organization", "орган другой организации"},
	},
	"method": {
		"consensus":          {"consensus", "консенсус"},
		"consensus_limited":  {"consensus, non-interest allowed", "консенсус с правом незаинтересованности"},
		"unanimity":          {"unanimity", "единогласие"},
		"simple_majority":    {"simple majority", "простое большинство"},
		"qualified_majority": {"qualified majority", "квалифицированное большинство"},
	},
	"classification": {
		"public":       {"public", "открыто"},
		"restricted":   {"restricted", "для служебного пользования"},
		"confidential": {"confidential", "конфиденциально"},
		"":             {"public", "открыто"},
	},
	"role": {
		"admin":    {"administrator", "администратор"},
		"officer":  {"secretariat officer", "сотрудник Секретариата"},
		"delegate": {"delegate", "представитель государства"},
		"public":   {"public", "посетитель"},
	},
	"publication_kind": {
		"news":          {"news", "новость"},
		"interview":     {"interview", "интервью"},
		"press_release": {"press release", "пресс-релиз"},
		"statement":     {"statement", "заявление"},
	},
	"section": {
		"news":       {"News", "Новости"},
		"interviews": {"Interviews", "Интервью"},
		"interview":  {"Interviews", "Интервью"},
		"press":      {"Press releases", "Пресс-релизы"},
		"statements": {"Statements", "Заявления"},
		"foreword":   {"Forewords to the year in review", "Предисловия к итогам года"},
	},
	"qualifier": {
		"exact":     {"exact", "точно"},
		"about":     {"about", "около"},
		"more_than": {"more than", "более"},
		"less_than": {"less than", "менее"},
	},
	"trend": {
		"rising":  {"rising", "растёт"},
		"stable":  {"stable", "без изменений"},
		"falling": {"falling", "снижается"},
		"":        {"—", "—"},
	},
	"threat_category": {
		"military_political": {"military and political", "военно-политическая"},
		"space":              {"space", "космос"},
		"information":        {"information", "информационная"},
		"terrorism":          {"terrorism", "терроризм"},
		"extremism":          {"extremism", "экстремизм"},
		"migration":          {"illegal migration", "незаконная миграция"},
		"drugs":              {"drug trafficking", "наркотрафик"},
		"crime":              {"organized crime", "организованная преступность"},
		"border":             {"border security", "безопасность границ"},
	},
	"source_class": {
		"official_document":  {"official document", "официальный документ"},
		"official_site":      {"official site", "официальный сайт"},
		"official_statement": {"official's statement", "заявление должностного лица"},
		"news_agency":        {"news agency", "информационное агентство"},
		"media":              {"media", "СМИ"},
	},
	"translation_status": {
		"official": {"official translation", "официальный перевод"},
		"working":  {"working translation", "рабочий перевод"},
	},
	"responsible_kind": {
		"body":        {"a body", "орган"},
		"secretariat": {"the secretariat", "Секретариат"},
		"states":      {"named states", "указанные государства"},
		"all_states":  {"all member states", "все государства-члены"},
	},
	"lineage_action": {
		"agreed":    {"agreed", "согласовано"},
		"approved":  {"approved", "одобрено"},
		"forwarded": {"forwarded", "внесено"},
		"prepared":  {"prepared", "подготовлено"},
	},
	"assessment": {
		"fulfilled":        {"fulfilled", "выполнен"},
		"partly_fulfilled": {"partly fulfilled", "выполнен частично"},
		"not_fulfilled":    {"not fulfilled", "не выполнен"},
		"no_tasks":         {"no tasks linked", "нет связанных поручений"},
	},
	"standing": {
		"member":     {"member", "член"},
		"suspended":  {"suspended", "членство приостановлено"},
		"not_member": {"not a member", "не член"},
	},
	"unit": {
		"count": {"", ""},
		"kg":    {"kg", "кг"},
		"t":     {"t", "т"},
	},
	"relation": {
		"supersedes": {"supersedes", "заменяет"},
		"renews":     {"renews", "продлевает"},
		"merges":     {"merges", "объединяет"},
	},
	"lang": {
		"ru": {"Russian", "русский"},
		"en": {"English", "английский"},
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

// label names an enumerated value in lang; a value the table lacks is shown as it is.
func label(lang secretariat.Lang, group, value string) string {
	l, ok := labels[group][value]
	if !ok {
		return value
	}
	if lang == secretariat.RU {
		return l[1]
	}
	return l[0]
}
