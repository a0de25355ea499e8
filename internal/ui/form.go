package ui

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"secretariat"
	"secretariat/internal/store"
)

// Field is one input of a form, with its label, what was typed and what is wrong with
// it, all in the reader's language.
type Field struct {
	// Name is the input's name and the key of its error, as the domain names the field
	// ("title.ru", "date").
	Name  string
	Label string
	// Kind is text, textarea, date, number, url, password, select, checkboxes, radio,
	// checkbox, file or hidden.
	Kind     string
	Value    string
	Options  []Option
	Required bool
	Help     string
	Error    string
	// Lang is the language the text is to be written in.
	Lang           string
	Min, Max, Step string
	Rows           int
	Autocomplete   string
}

// ID is the input's HTML id.
func (f Field) ID() string {
	return "f-" + strings.NewReplacer(".", "-", "[", "-", "]", "").Replace(f.Name)
}

// Option is one choice of a select, radio or checkbox list.
type Option struct {
	Value, Label string
	Selected     bool
}

// Fieldset groups fields under a legend.
type Fieldset struct {
	Legend string
	Fields []Field
}

// FormPage is a page with one form that runs one verb.
type FormPage struct {
	*Base
	Heading string
	// Intro says what the form records.
	Intro string
	// Context lists facts about the record the form writes to.
	Context   []Fact
	Action    string
	Multipart bool
	Sets      []Fieldset
	Submit    string
	// Back is where Cancel leads.
	Back string
	// Error is the form's message when the record refused it.
	Error string
	// Confirm, when set, asks before submitting.
	Confirm string
}

// Fact is one line of a description list.
type Fact struct {
	Term, Value, Href string
}

// form reads a submitted form and collects, per field, what is wrong, in the reader's
// language.
type form struct {
	lang   secretariat.Lang
	values url.Values
	errs   map[string]string
	// submitted is set for a form the reader sent: an unchecked box then means "no".
	submitted bool
}

func newForm(r *http.Request, values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{lang: Lang(r), values: values, errs: map[string]string{}}
}

func (f *form) fail(name, en string, args ...any) {
	if _, ok := f.errs[name]; !ok {
		f.errs[name] = trf(f.lang, en, args...)
	}
}

// ok reports whether every field read so far was acceptable.
func (f *form) ok() bool { return len(f.errs) == 0 }

// str returns a field's trimmed text, refused when longer than max bytes.
func (f *form) str(name string, required bool) string {
	v := strings.TrimSpace(strings.ReplaceAll(f.values.Get(name), "\r\n", "\n"))
	if required && v == "" {
		f.fail(name, "Fill this in.")
	}
	if len(v) > 200_000 {
		f.fail(name, "This is too long.")
	}
	return v
}

// id returns a record ID, refused when it has characters an ID may not have.
func (f *form) id(name string, required bool) string {
	v := f.str(name, required)
	if v != "" && !secretariat.ValidID(v) {
		f.fail(name, "Use letters, digits, '.', '-' or '_' (at most 128), starting with a letter or digit.")
	}
	return v
}

func (f *form) date(name string, required bool) secretariat.Date {
	v := f.str(name, required)
	if v == "" {
		return secretariat.Date{}
	}
	d, err := secretariat.ParseDate(v)
	if err != nil {
		f.fail(name, "Write the date as YYYY-MM-DD.")
	}
	return d
}

func (f *form) int(name string, min, max int, required bool) int {
	v := f.str(name, required)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		f.fail(name, "Give a whole number from %d to %d.", min, max)
		return 0
	}
	return n
}

func (f *form) number(name string, required bool) float64 {
	v := strings.ReplaceAll(strings.ReplaceAll(f.str(name, required), " ", ""), ",", ".")
	if v == "" {
		return 0
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		f.fail(name, "Give a number, zero or more.")
		return 0
	}
	return x
}

// fraction reads a fraction between 0 and 1 written as 2/3; zero when the field is empty.
func (f *form) fraction(name string) secretariat.Fraction {
	v := f.str(name, false)
	if v == "" {
		return secretariat.Fraction{}
	}
	num, den, ok := strings.Cut(v, "/")
	n, err1 := strconv.Atoi(strings.TrimSpace(num))
	d, err2 := strconv.Atoi(strings.TrimSpace(den))
	if !ok || err1 != nil || err2 != nil {
		f.fail(name, "Write the fraction as 2/3.")
		return secretariat.Fraction{}
	}
	if n <= 0 || d <= 0 || n > d {
		f.fail(name, "Give a fraction between 0 and 1, as 2/3.")
		return secretariat.Fraction{}
	}
	return secretariat.Fraction{Num: n, Den: d}
}

func (f *form) bool(name string) bool { return f.values.Get(name) == "on" }

// choice returns a value that must be one of the allowed ones.
func (f *form) choice(name string, allowed []string, required bool) string {
	v := f.str(name, required)
	if v != "" && !slices.Contains(allowed, v) {
		f.fail(name, "Choose one of the options.")
		return ""
	}
	return v
}

// choices returns the checked values, each of which must be allowed.
func (f *form) choices(name string, allowed []string) []string {
	var out []string
	for _, v := range f.values[name] {
		if v == "" {
			continue
		}
		if !slices.Contains(allowed, v) {
			f.fail(name, "Choose among the options.")
			return nil
		}
		out = append(out, v)
	}
	return out
}

// text reads a text in both languages from NAME.ru and NAME.en. The authentic language
// is NAME.authentic when given, else Russian when there is Russian text.
func (f *form) text(name string, required bool) secretariat.Text {
	t := secretariat.Text{RU: f.str(name+".ru", false), EN: f.str(name+".en", false)}
	if t.IsZero() {
		if required {
			f.fail(name+".ru", "Write it in Russian, in English, or both.")
		}
		return t
	}
	switch f.values.Get(name + ".authentic") {
	case "en":
		t.Authentic = secretariat.EN
	case "ru":
		t.Authentic = secretariat.RU
	default:
		t.Authentic = secretariat.RU
		if t.RU == "" {
			t.Authentic = secretariat.EN
		}
	}
	if !t.Has(t.Authentic) {
		f.fail(name+"."+string(t.Authentic), "The original language has no text.")
	}
	return t
}

// access reads a classification and the states a confidential record names.
func (f *form) access(states []string) secretariat.Access {
	c := f.choice("classification", []string{"public", "restricted", "confidential"}, false)
	a := secretariat.Access{Classification: secretariat.Classification(c)}
	if c == "public" {
		a.Classification = ""
	}
	a.Parties = f.choices("parties", states)
	if c == "confidential" && len(a.Parties) == 0 {
		f.fail("parties", "A confidential record names the states that may see it.")
	}
	if c != "confidential" && len(a.Parties) > 0 {
		f.fail("parties", "Only a confidential record names states.")
	}
	return a
}

// refused takes the record's refusal of a verb into the form: per-field messages go to
// their fields, the rest to the form's message. It returns false for an error that is
// not a refusal of the input, which the caller must return.
func (f *form) refused(err error) (string, bool) {
	var ae *secretariat.Error
	if !errors.As(err, &ae) || ae.Code == secretariat.EINTERNAL || ae.Code == secretariat.EFORBIDDEN || ae.Code == secretariat.EUNAUTHORIZED {
		return "", false
	}
	for field, msg := range ae.Fields {
		if _, ok := f.errs[field]; !ok {
			f.errs[field] = localizeMessage(f.lang, msg)
		}
	}
	return localizeMessage(f.lang, ae.Message), true
}

// fill puts what was typed and what is wrong into the fields of a page.
func (f *form) fill(sets []Fieldset) []Fieldset {
	for i := range sets {
		for j := range sets[i].Fields {
			fd := &sets[i].Fields[j]
			vs, ok := f.values[fd.Name]
			if f.submitted && (fd.Kind == "checkbox" || fd.Kind == "checkboxes") {
				ok = true
			}
			if ok {
				switch fd.Kind {
				case "checkboxes", "radio", "select":
					for k := range fd.Options {
						fd.Options[k].Selected = slices.Contains(vs, fd.Options[k].Value)
					}
				case "checkbox":
					fd.Value = ""
					if len(vs) > 0 && vs[0] == "on" {
						fd.Value = "on"
					}
				case "password", "file":
				default:
					fd.Value = strings.Join(vs, "")
				}
			}
			fd.Error = f.errs[fd.Name]
			// A message about a part of a field (title.authentic) shows on the field.
			for k, msg := range f.errs {
				if fd.Error == "" && strings.HasPrefix(k, fd.Name+".") {
					fd.Error = msg
				}
			}
		}
	}
	return sets
}

// unplaced returns the errors that belong to no field of the page, so that none is lost.
func (f *form) unplaced(sets []Fieldset) []string {
	names := map[string]bool{}
	for _, s := range sets {
		for _, fd := range s.Fields {
			names[fd.Name] = true
		}
	}
	var out []string
	for k, msg := range f.errs {
		placed := names[k]
		for n := range names {
			if strings.HasPrefix(k, n+".") || strings.HasPrefix(n, k+".") {
				placed = true
			}
		}
		if !placed {
			out = append(out, k+": "+msg)
		}
	}
	slices.Sort(out)
	return out
}

// Field constructors, with labels in the reader's language.

func (b *Base) input(kind, name, label string, required bool) Field {
	return Field{Name: name, Label: b.T(label), Kind: kind, Required: required}
}

// bilingual returns the Russian and English inputs of one text.
func (b *Base) bilingual(kind, name, label string, required bool) []Field {
	ru := Field{Name: name + ".ru", Label: b.T(label) + " — " + b.T("in Russian"), Kind: kind, Lang: "ru"}
	en := Field{Name: name + ".en", Label: b.T(label) + " — " + b.T("in English"), Kind: kind, Lang: "en"}
	if required {
		ru.Help = b.T("Give it in Russian, in English, or both; Russian is taken as the original when both are given.")
	}
	return []Field{ru, en}
}

func (b *Base) selectField(name, label string, opts []Option, required bool) Field {
	if !required {
		opts = append([]Option{{Value: "", Label: "—"}}, opts...)
	}
	return Field{Name: name, Label: b.T(label), Kind: "select", Options: opts, Required: required}
}

// enumOptions lists values of an enumeration with their labels.
func (b *Base) enumOptions(group string, values ...string) []Option {
	out := make([]Option, len(values))
	for i, v := range values {
		out[i] = Option{Value: v, Label: b.Label(group, v)}
	}
	return out
}

// stateOptions lists the member states by name.
func (b *Base) stateOptions() []Option {
	out := make([]Option, 0, len(b.dir.order))
	for _, id := range b.dir.order {
		out = append(out, Option{Value: id, Label: b.StateName(id)})
	}
	slices.SortFunc(out, func(x, y Option) int { return b.compare(x.Label, y.Label) })
	return out
}

func (b *Base) bodyOptions() []Option {
	out := make([]Option, 0, len(b.dir.bodies))
	for id := range b.dir.bodies {
		out = append(out, Option{Value: id, Label: b.BodyName(id)})
	}
	slices.SortFunc(out, func(x, y Option) int { return b.compare(x.Label, y.Label) })
	return out
}

// accessFields offers a classification and the states a confidential record names.
func (b *Base) accessFields() []Field {
	c := b.selectField("classification", "Classification", b.enumOptions("classification", "public", "restricted", "confidential"), true)
	c.Help = b.T("Public: everyone. Restricted: member states and the secretariat. Confidential: the secretariat and the states named below.")
	return []Field{c, {Name: "parties", Label: b.T("States that may see a confidential record"), Kind: "checkboxes", Options: b.stateOptions()}}
}

func optionValues(opts []Option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Value
	}
	return out
}

// Messages of the record's refusals, in Russian. The record words its refusals in
// English; the forms show the common ones in Russian, and any other as it is.
var refusals = []struct {
	pattern *regexp.Regexp
	ru      string
}{
	{regexp.MustCompile(`^is required$`), "обязательное поле"},
	{regexp.MustCompile(`^is required, in Russian or English$`), "обязательное поле: на русском или английском"},
	{regexp.MustCompile(`^(\S+) was not a member on (\S+)$`), "$1 не являлось членом на $2"},
	{regexp.MustCompile(`^not a member on (\S+)$`), "не являлось членом на $1"},
	{regexp.MustCompile(`^(\S+) was suspended on (\S+)$`), "членство $1 было приостановлено на $2"},
	{regexp.MustCompile(`^suspended on (\S+)$`), "членство приостановлено на $1"},
	{regexp.MustCompile(`^item (\S+) is already decided.*$`), "вопрос $1 уже решён: позиции и решение больше не меняются"},
	{regexp.MustCompile(`^(\S+) has already signed decision (\S+)$`), "$1 уже подписало решение $2"},
	{regexp.MustCompile(`^(\S+) has already signed$`), "$1 уже подписало"},
	{regexp.MustCompile(`^decision (\S+) is already in force for (\S+)$`), "решение $1 уже вступило в силу для $2"},
	{regexp.MustCompile(`^(\S+) has not signed decision (\S+).*$`), "$1 не подписало решение $2: решение вступает в силу после подписания"},
	{regexp.MustCompile(`^decision (\S+) does not bind (\S+).*$`), "решение $1 не связывает $2 (заявлена незаинтересованность)"},
	{regexp.MustCompile(`^(\S+) (\S+) already exists$`), "запись $2 уже существует"},
	{regexp.MustCompile(`^session (\S+) already has an item (\d+)$`), "в повестке сессии $1 уже есть вопрос № $2"},
	{regexp.MustCompile(`^task (\S+) is (\S+): no more reports are taken on it$`), "поручение $1 закрыто: доклады по нему больше не принимаются"},
	{regexp.MustCompile(`^task (\S+) cannot go from (\S+) to (\S+).*$`), "поручение $1 не может перейти из состояния «$2» в «$3»"},
	{regexp.MustCompile(`^task (\S+) is (\S+), which is final.*$`), "поручение $1 в конечном состоянии «$2»"},
	{regexp.MustCompile(`^the report is dated before the task was set$`), "доклад датирован раньше, чем дано поручение"},
	{regexp.MustCompile(`^before (\S+)$`), "раньше $1"},
	{regexp.MustCompile(`^(\S+) is not responsible for task (\S+)$`), "$1 не отвечает за поручение $2"},
	{regexp.MustCompile(`^responsible: (.+)$`), "ответственные: $1"},
	{regexp.MustCompile(`^the rule of (\S+) in force on (\S+) decides (\S+) items by (\S+), which does not allow declaring non-interest$`), "правило органа $1 на $2 не допускает заявления о незаинтересованности"},
	{regexp.MustCompile(`^there is no (.+) "(.+)" in the record$`), "в записи нет «$2»"},
	{regexp.MustCompile(`^is before the start of the (term|period|stage)$`), "раньше начала"},
	{regexp.MustCompile(`^is before the task was set$`), "раньше, чем дано поручение"},
	{regexp.MustCompile(`^give a due date or a reporting cycle, not both$`), "укажите срок или периодичность доклада, но не то и другое"},
	{regexp.MustCompile(`^is a percentage from 0 to 100$`), "процент от 0 до 100"},
	{regexp.MustCompile(`^name the responsible states$`), "укажите ответственные государства"},
	{regexp.MustCompile(`^chairmanship (\S+) has already announced its priorities$`), "председательство $1 уже объявило приоритеты"},
	{regexp.MustCompile(`^(\S+) already chairs (\S+)$`), "$1 уже председательствует в $2"},
	{regexp.MustCompile(`^(\S+) has no open membership of the organization to end$`), "у $1 нет текущего членства в организации, которое можно завершить"},
	{regexp.MustCompile(`^(\S+)'s \S+ period in .+ begins on (\S+), after the withdrawal's last day (\S+):.*$`), "у $1 есть период, который начинается $2, позже последнего дня членства $3: укажите более поздний последний день"},
	{regexp.MustCompile(`^body (\S+) already has a rule from (\S+);.*$`), "у органа $1 уже есть правило с $2: действующее правило не переписывается, добавьте правило с более поздней даты"},
	{regexp.MustCompile(`^threat (\S+) already has an assessment by (\S*) on (\S+)$`), "у угрозы $1 уже есть оценка на $3"},
	{regexp.MustCompile(`^(\S+) (\S+) already answers threat (\S+)$`), "$2 уже указано как ответ на угрозу $3"},
	{regexp.MustCompile(`^an assessment names its sources, or is marked illustrative$`), "укажите источники оценки или отметьте её как иллюстративную"},
	{regexp.MustCompile(`^a reservation needs its text$`), "у оговорки должен быть текст"},
	{regexp.MustCompile(`^only a state that joins with a reservation has a reservation text$`), "текст оговорки бывает только у присоединившегося с оговоркой"},
	{regexp.MustCompile(`^(invalid|the record refused) .*$`), "запись отклонена: исправьте отмеченные поля"},
	{regexp.MustCompile(`^document "(.+)" is of type (\S+), which is not allowed.*$`), "документ «$1» имеет тип $2, который не принимается: приложите PDF, текст, CSV, PNG, JPEG или офисный документ"},
	{regexp.MustCompile(`^document "(.+)" is (\d+) bytes; the limit is .*$`), "документ «$1» больше 10 МиБ"},
	{regexp.MustCompile(`^document "(.+)" is empty$`), "документ «$1» пуст"},
	{regexp.MustCompile(`^"(.+)" looks like personal data.*$`), "«$1» похоже на персональные данные: запись хранит только сводные показатели"},
	{regexp.MustCompile(`^the query has no word to look for.*$`), "в запросе нет слова для поиска: напишите слова, «фразу» в кавычках, OR между вариантами, -слово, чтобы его исключить"},
	{regexp.MustCompile(`^the query has more than (\d+) words and phrases$`), "в запросе больше $1 слов и фраз"},
	{regexp.MustCompile(`^the query is (\d+) bytes long; the limit is (\d+)$`), "запрос длиной $1 байт; предел — $2"},
	{regexp.MustCompile(`^the query is not valid UTF-8$`), "запрос не в кодировке UTF-8"},
	{regexp.MustCompile(`^"(.*)" is not a year$`), "«$1» — не год"},
	{regexp.MustCompile(`^the search covers .*, not "(.*)"$`), "поиск не ведётся по виду записей «$1»"},
}

// localizeMessage gives a message of the record's in the reader's language.
func localizeMessage(lang secretariat.Lang, msg string) string {
	if lang != secretariat.RU {
		return msg
	}
	for _, r := range refusals {
		if r.pattern.MatchString(msg) {
			return r.pattern.ReplaceAllString(msg, r.ru)
		}
	}
	return msg
}

// localizeError gives an error's message for people in the reader's language.
func localizeError(lang secretariat.Lang, err error) string {
	msg := secretariat.ErrorMessage(err)
	var ae *secretariat.Error
	if errors.As(err, &ae) {
		msg = localizeMessage(lang, ae.Message)
		if len(ae.Fields) > 0 {
			var parts []string
			for k, v := range ae.Fields {
				parts = append(parts, k+": "+localizeMessage(lang, v))
			}
			slices.Sort(parts)
			msg += " (" + strings.Join(parts, "; ") + ")"
		}
	}
	return msg
}

// writer returns the store that writes as the signed-in officer, or refuses a reader who
// may not keep the record: the public must sign in (401), delegates may not (403).
func (a *App) writer(r *http.Request) (*store.Store, error) {
	v := viewer(r)
	if v.Role == secretariat.RolePublic {
		return nil, secretariat.Errorf(secretariat.EUNAUTHORIZED, "sign in as an officer of the secretariat")
	}
	if !v.SeesAll() {
		return nil, secretariat.Errorf(secretariat.EFORBIDDEN, "only the secretariat's officers keep the record")
	}
	name := "user:" + viewerName(r)
	return a.st.WithActor(name), nil
}

func viewerName(r *http.Request) string {
	if ses := authSession(r); ses != nil {
		return ses.Account.Name
	}
	return ""
}

// fmtID makes a record ID from parts: lower case, with dashes.
func fmtID(parts ...any) string {
	s := make([]string, 0, len(parts))
	for _, p := range parts {
		if v := secretariat.Slug(fmt.Sprint(p)); v != "" {
			s = append(s, v)
		}
	}
	id := strings.Join(s, "-")
	if len(id) > 120 {
		id = id[:120]
	}
	return id
}
