package secretariat

import (
	"reflect"
	"strings"
)

// Enum names an enumeration whose values reach readers: a task's status, a source's
// class, a publication's section. Every value of every Enum has a Russian and an English
// label in one table (enumTable); TestEveryEnumValueHasBothLabels fails when a value
// declared in the package lacks either.
type Enum string

// The enumerations of the record.
const (
	EnumTaskStatus         Enum = "task_status"
	EnumTaskState          Enum = "task_state"
	EnumResponsibleKind    Enum = "responsible_kind"
	EnumTaskRelation       Enum = "task_relation"
	EnumResult             Enum = "result"
	EnumBodyKind           Enum = "body_kind"
	EnumMethod             Enum = "method"
	EnumRotationOrder      Enum = "rotation_order"
	EnumTranslationStatus  Enum = "translation_status"
	EnumClassification     Enum = "classification"
	EnumRole               Enum = "role"
	EnumStance             Enum = "stance"
	EnumPublicationKind    Enum = "publication_kind"
	EnumPublicationSection Enum = "publication_section"
	EnumSourceClass        Enum = "source_class"
	EnumSessionKind        Enum = "session_kind"
	EnumSessionFormat      Enum = "session_format"
	EnumItemKind           Enum = "item_kind"
	EnumDecisionKind       Enum = "decision_kind"
	EnumLineageAction      Enum = "lineage_action"
	EnumStanding           Enum = "standing"
	EnumTrend              Enum = "trend"
	EnumThreatCategory     Enum = "threat_category"
	EnumQualifier          Enum = "qualifier"
	EnumFigureScope        Enum = "figure_scope"
	EnumBasis              Enum = "basis"
	EnumUnit               Enum = "unit"
	EnumLang               Enum = "lang"
	EnumAssessment         Enum = "assessment"
)

// EnumValue is one value of an enumeration with its label for people.
type EnumValue struct {
	Value string `json:"value"`
	Label Text   `json:"label"`
}

// enumDef is one enumeration: its Go type when it has one (fields of that type are
// labelled wherever they appear), and its values in the order readers expect them.
type enumDef struct {
	name   Enum
	typ    reflect.Type
	values []EnumValue
}

func lbl(value, ru, en string) EnumValue { return EnumValue{Value: value, Label: T(ru, en)} }

// enumTable is the one table of labels. Labels are lower case (except names), as they
// read inside a sentence or a table cell; a heading capitalises them itself. Russian
// labels agree with the noun of their record: a task (поручение) is «выполнено», a
// session (заседание) «очередное».
var enumTable = []enumDef{
	{EnumTaskStatus, reflect.TypeFor[TaskStatus](), []EnumValue{
		lbl("assigned", "поставлено", "assigned"),
		lbl("in_progress", "выполняется", "in progress"),
		lbl("reported", "доложено об исполнении", "reported on"),
		lbl("fulfilled", "выполнено", "fulfilled"),
		lbl("cancelled", "отменено", "cancelled"),
		lbl("superseded", "заменено другим поручением", "superseded"),
	}},
	{EnumTaskState, reflect.TypeFor[TaskState](), []EnumValue{
		lbl("fulfilled", "выполнено", "fulfilled"),
		lbl("reported", "доложено, ожидает принятия", "reported on, awaiting acceptance"),
		lbl("in_progress", "выполняется в срок", "in progress, on time"),
		lbl("overdue", "просрочено", "overdue"),
		lbl("cancelled", "отменено", "cancelled"),
		lbl("superseded", "заменено другим поручением", "superseded"),
	}},
	{EnumResponsibleKind, reflect.TypeFor[ResponsibleKind](), []EnumValue{
		lbl("body", "орган", "a body"),
		lbl("secretariat", "Секретариат", "the Secretariat"),
		lbl("states", "отдельные государства-члены", "named member states"),
		lbl("all_states", "все государства-члены", "all member states"),
	}},
	{EnumTaskRelation, reflect.TypeFor[TaskRelation](), []EnumValue{
		lbl("supersedes", "заменяет", "supersedes"),
		lbl("renews", "продлевает", "renews"),
		lbl("merges", "объединяет", "merges"),
	}},
	{EnumResult, reflect.TypeFor[Result](), []EnumValue{
		lbl("adopted", "принято", "adopted"),
		lbl("adopted_limited", "принято в ограниченном формате", "adopted in limited format"),
		lbl("not_adopted", "не принято", "not adopted"),
		lbl("deferred", "отложено", "deferred"),
		lbl("withdrawn", "снято с рассмотрения", "withdrawn"),
	}},
	{EnumBodyKind, reflect.TypeFor[BodyKind](), []EnumValue{
		lbl("supreme", "высший орган", "supreme body"),
		lbl("council", "совет министров", "council of ministers"),
		lbl("committee", "комитет", "committee"),
		lbl("permanent", "постоянный совет", "permanent council"),
		lbl("secretariat", "секретариат", "secretariat"),
		lbl("staff", "объединенный штаб", "joint staff"),
		lbl("assembly", "парламентская ассамблея", "parliamentary assembly"),
		lbl("working_group", "рабочий орган", "working body"),
		lbl("joint", "совместное заседание органов", "joint meeting of bodies"),
		lbl("external", "орган другой организации", "body of another organization"),
	}},
	{EnumMethod, reflect.TypeFor[Method](), []EnumValue{
		lbl("consensus", "консенсус", "consensus"),
		lbl("consensus_limited", "консенсус с возможностью ограниченного формата", "consensus, with the limited format"),
		lbl("unanimity", "единогласие", "unanimity"),
		lbl("simple_majority", "простое большинство", "simple majority"),
		lbl("qualified_majority", "квалифицированное большинство", "qualified majority"),
	}},
	{EnumRotationOrder, reflect.TypeFor[RotationOrder](), []EnumValue{
		lbl("ru_alphabetical", "в порядке русского алфавита", "in Russian alphabetical order"),
		lbl("en_alphabetical", "в порядке английского алфавита", "in English alphabetical order"),
		lbl("explicit", "в установленной очередности", "in a set order"),
	}},
	{EnumTranslationStatus, reflect.TypeFor[TranslationStatus](), []EnumValue{
		lbl("official", "официальный", "official"),
		lbl("working", "рабочий", "working"),
	}},
	{EnumClassification, reflect.TypeFor[Classification](), []EnumValue{
		lbl("public", "открытый", "public"),
		lbl("restricted", "для служебного пользования", "restricted"),
		lbl("confidential", "конфиденциальный", "confidential"),
	}},
	{EnumRole, reflect.TypeFor[Role](), []EnumValue{
		lbl("admin", "администратор", "administrator"),
		lbl("officer", "сотрудник Секретариата", "secretariat officer"),
		lbl("delegate", "представитель государства-члена", "member-state delegate"),
		lbl("public", "общественность", "the public"),
	}},
	{EnumStance, reflect.TypeFor[Stance](), []EnumValue{
		lbl("joins", "присоединяется", "joins"),
		lbl("joins_with_reservation", "присоединяется с оговоркой", "joins with a reservation"),
		lbl("abstains", "воздерживается", "abstains"),
		lbl("non_interest", "заявляет о незаинтересованности", "declares non-interest"),
		lbl("objects", "возражает", "objects"),
		lbl("absent", "отсутствует", "absent"),
	}},
	{EnumPublicationKind, reflect.TypeFor[PublicationKind](), []EnumValue{
		lbl("news", "новость", "news item"),
		lbl("interview", "интервью", "interview"),
		lbl("press_release", "пресс-релиз", "press release"),
		lbl("statement", "заявление", "statement"),
	}},
	{EnumPublicationSection, nil, []EnumValue{
		lbl("news", "Новости", "News"),
		lbl("press", "Пресс-релизы", "Press releases"),
		lbl("statements", "Заявления", "Statements"),
		lbl("foreword", "Предисловие к обзору года", "Foreword to the year in review"),
	}},
	{EnumSourceClass, reflect.TypeFor[SourceClass](), []EnumValue{
		lbl("official_document", "официальный документ", "official document"),
		lbl("official_site", "официальный сайт", "official website"),
		lbl("official_statement", "заявление должностного лица", "official's statement"),
		lbl("news_agency", "информационное агентство", "news agency"),
		lbl("media", "другие СМИ", "other media"),
	}},
	{EnumSessionKind, reflect.TypeFor[SessionKind](), []EnumValue{
		lbl("regular", "очередное", "regular"),
		lbl("extraordinary", "внеочередное", "extraordinary"),
	}},
	{EnumSessionFormat, reflect.TypeFor[SessionFormat](), []EnumValue{
		lbl("narrow", "узкий состав", "narrow format"),
		lbl("expanded", "расширенный состав", "expanded format"),
		lbl("videoconference", "видеоконференция", "videoconference"),
	}},
	{EnumItemKind, reflect.TypeFor[ItemKind](), []EnumValue{
		lbl("substantive", "вопрос существа", "substantive"),
		lbl("procedural", "процедурный вопрос", "procedural"),
	}},
	{EnumDecisionKind, reflect.TypeFor[DecisionKind](), []EnumValue{
		lbl("decision", "решение", "decision"),
		lbl("statement", "заявление", "statement"),
		lbl("declaration", "декларация", "declaration"),
		lbl("plan", "план", "plan"),
		lbl("budget", "бюджет", "budget"),
		lbl("appointment", "назначение", "appointment"),
		lbl("agreement", "соглашение", "agreement"),
		lbl("report", "доклад", "report"),
		lbl("resolution", "резолюция", "resolution"),
	}},
	{EnumLineageAction, nil, []EnumValue{
		lbl("prepared", "подготовлен", "prepared"),
		lbl("agreed", "согласован", "agreed"),
		lbl("approved", "одобрен", "approved"),
		lbl("forwarded", "направлен", "forwarded"),
	}},
	{EnumStanding, reflect.TypeFor[Standing](), []EnumValue{
		lbl("member", "член", "member"),
		lbl("suspended", "членство приостановлено", "membership suspended"),
		lbl("not_member", "не член", "not a member"),
	}},
	{EnumTrend, reflect.TypeFor[Trend](), []EnumValue{
		lbl("rising", "возрастает", "rising"),
		lbl("stable", "без изменений", "stable"),
		lbl("falling", "снижается", "falling"),
	}},
	{EnumThreatCategory, nil, []EnumValue{
		lbl("military_political", "военно-политическая сфера", "military and political"),
		lbl("space", "космос", "space"),
		lbl("information", "информационная сфера", "information"),
		lbl("terrorism", "терроризм", "terrorism"),
		lbl("extremism", "экстремизм", "extremism"),
		lbl("migration", "незаконная миграция", "illegal migration"),
		lbl("drugs", "незаконный оборот наркотиков", "drug trafficking"),
		lbl("crime", "организованная преступность", "organized crime"),
		lbl("border", "безопасность границ", "border security"),
	}},
	{EnumQualifier, reflect.TypeFor[Qualifier](), []EnumValue{
		lbl("exact", "точно", "exact"),
		lbl("about", "около", "about"),
		lbl("more_than", "более", "more than"),
		lbl("less_than", "менее", "less than"),
	}},
	{EnumFigureScope, reflect.TypeFor[FigureScope](), []EnumValue{
		lbl("operation", "одна операция", "one operation"),
		lbl("operations", "несколько операций вместе", "several operations together"),
		lbl("programme", "все регулярные операции за период", "all regular operations of the period"),
	}},
	{EnumBasis, reflect.TypeFor[Basis](), []EnumValue{
		lbl("reported", "по сообщению", "as reported"),
		lbl("sum_of_states", "сумма по государствам", "sum of the states' figures"),
		lbl("sum_of_stages", "сумма по этапам", "sum of the stages"),
		lbl("sum_of_years", "сумма по годам", "sum of the years"),
		lbl("cumulative", "нарастающим итогом", "cumulative report"),
		lbl("latest_cumulative", "последний нарастающий итог", "latest cumulative report"),
	}},
	{EnumUnit, nil, []EnumValue{
		lbl("kg", "кг", "kg"),
		lbl("t", "т", "t"),
		lbl("count", "единиц", "count"),
	}},
	{EnumAssessment, reflect.TypeFor[Assessment](), []EnumValue{
		lbl("fulfilled", "выполнен", "fulfilled"),
		lbl("partly_fulfilled", "выполнен частично", "partly fulfilled"),
		lbl("not_fulfilled", "не выполнен", "not fulfilled"),
		lbl("no_tasks", "нет связанных поручений", "no tasks linked"),
	}},
	{EnumLang, reflect.TypeFor[Lang](), []EnumValue{
		lbl("ru", "русский", "Russian"),
		lbl("en", "английский", "English"),
	}},
}

// plainEnumFields binds the record fields that hold an enumeration's values as plain
// strings (kind.path, with list indexes left out). Fields of an enumeration's own type
// are found by reflection and need no entry here.
var plainEnumFields = map[string]Enum{
	"publication.section":    EnumPublicationSection,
	"item.lineage.action":    EnumLineageAction,
	"threat.category":        EnumThreatCategory,
	"figure.unit":            EnumUnit,
	"operation.metrics.unit": EnumUnit,
	// A party that reports is a body, a state, or one of the parties a task's
	// responsible kind names ("secretariat", "all_states"): those get their labels, the
	// others stay IDs.
	"report.speaks_for": EnumResponsibleKind,
	"report.author":     EnumResponsibleKind,
}

var (
	enumByName  = map[Enum]*enumDef{}
	enumByType  = map[reflect.Type]Enum{}
	fieldEnums  = map[string]Enum{}
	enumsInited = func() bool {
		for i := range enumTable {
			d := &enumTable[i]
			enumByName[d.name] = d
			if d.typ != nil {
				enumByType[d.typ] = d.name
			}
		}
		for _, k := range kinds {
			collectEnumFields(reflect.TypeOf(k.New()).Elem(), k.Name+".")
		}
		for f, e := range plainEnumFields {
			fieldEnums[f] = e
		}
		return true
	}()
)

// collectEnumFields records, for every field of t whose type is an enumeration (or a
// list of one), which enumeration it holds.
func collectEnumFields(t reflect.Type, prefix string) {
	walkJSONFields(t, prefix, 0, func(path string, ft reflect.Type) reflect.Type {
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if e, ok := enumByType[ft]; ok {
			fieldEnums[path] = e
			return nil
		}
		if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[Date]() && ft != reflect.TypeFor[Text]() {
			return ft
		}
		return nil
	})
}

// Enums lists every enumeration that reaches readers, in the table's order.
func Enums() []Enum {
	out := make([]Enum, len(enumTable))
	for i, d := range enumTable {
		out[i] = d.name
	}
	return out
}

// Values returns the enumeration's values with their labels, in the order readers
// expect them (a workflow's order, the most authoritative first, …).
func (e Enum) Values() []EnumValue {
	if d := enumByName[e]; d != nil {
		return append([]EnumValue(nil), d.values...)
	}
	return nil
}

// Label returns the label of a value of the enumeration; ok is false when the value is
// not one of the enumeration's.
func (e Enum) Label(value string) (Text, bool) {
	if d := enumByName[e]; d != nil {
		for _, ev := range d.values {
			if ev.Value == value {
				return ev.Label, true
			}
		}
	}
	return Text{}, false
}

// In returns the label of a value in lang, or the value itself when the enumeration
// does not know it (so that nothing is hidden from the reader, only left untranslated).
func (e Enum) In(value string, lang Lang) string {
	if l, ok := e.Label(value); ok {
		return l.In(lang)
	}
	return value
}

// Label returns the label of an enumeration value of a declared type (a TaskStatus, a
// SourceClass, …) in lang; a value the table does not know comes back as it is.
func Label[V ~string](value V, lang Lang) string {
	e, ok := enumByType[reflect.TypeFor[V]()]
	if !ok {
		return string(value)
	}
	return e.In(string(value), lang)
}

// EnumOf returns the enumeration that a value of type V belongs to.
func EnumOf[V ~string]() (Enum, bool) {
	e, ok := enumByType[reflect.TypeFor[V]()]
	return e, ok
}

// FieldEnum returns the enumeration a record field holds. path is the field's JSON path
// with dots; list indexes ("lineage[0].action") are ignored.
func FieldEnum(kind, path string) (Enum, bool) {
	e, ok := fieldEnums[kind+"."+stripIndexes(path)]
	return e, ok
}

// stripIndexes drops "[n]" from a path: "lineage[0].action" becomes "lineage.action".
func stripIndexes(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	skip := false
	for _, r := range path {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}
