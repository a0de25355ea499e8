package ui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"secretariat"
	"secretariat/internal/geojson"
	"secretariat/internal/store"
)

// The forms of the threat register, the operations, the publications and the sources.

func (a *App) threatForm() verbForm {
	return verbForm{nav: "threats",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			p := &FormPage{Base: b, Heading: b.T("Register a threat"), Back: b.Href("/threats"),
				Intro: b.T("An entry of the threat register. Its level is given by assessments, added next.")}
			p.Sets = []Fieldset{set("", one(b.input("text", "id", "Identifier", true)),
				one(b.selectField("category", "Category", b.enumOptions("threat_category", secretariat.ThreatCategories...), true)),
				b.bilingual("text", "name", "Name", true), b.bilingual("textarea", "description", "Description", false)),
				set(b.T("Who may see it"), b.accessFields())}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			t := &secretariat.Threat{ID: f.id("id", true), Category: f.choice("category", secretariat.ThreatCategories, true),
				Name: f.text("name", true), Description: f.text("description", false), Access: f.access(d.order)}
			if !f.ok() {
				return "", nil
			}
			if _, err := st.RegisterThreat(r.Context(), *t); err != nil {
				return "", err
			}
			return RecordPath("threat", t.ID), nil
		}}
}

func (a *App) areaOptions(r *http.Request) ([]Option, error) {
	return recordOptions(a, r, func(ar *secretariat.Area) secretariat.Text { return ar.Name })
}

// isoCode is an ISO 3166-1 alpha-2 code as the record keeps it.
var isoCode = regexp.MustCompile(`^[A-Z]{2}$`)

func (a *App) areaForm() verbForm {
	return verbForm{nav: "threats",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			areas, err := a.areaOptions(r)
			if err != nil {
				return nil, err
			}
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T("Register an area"), Back: b.Href("/threats"),
				Intro: b.T("A place threats are assessed in: a state, a region, a border. Its outline, when given, is drawn on the threat's map.")}
			iso := withHelp(b.input("text", "iso", "ISO 3166-1 code", false), b.T("For a state: two capital letters, as KG."))
			geometry := withHelp(b.input("textarea", "geometry", "Outline (GeoJSON geometry)", false),
				b.T(`A GeoJSON geometry in longitude and latitude, as {"type":"Point","coordinates":[69.3,41.3]}; left empty, the area is listed but not drawn.`))
			geometry.Rows = 6
			p.Sets = []Fieldset{set("", one(b.input("text", "id", "Identifier", true)), b.bilingual("text", "name", "Name", true), one(iso),
				one(Field{Name: "within", Label: b.T("Lies within"), Kind: "checkboxes", Options: areas}), one(geometry)),
				set(b.T("Where it comes from"), one(withHelp(Field{Name: "sources", Label: b.T("Sources"), Kind: "checkboxes", Options: srcs}, b.T("The sources that draw or name the area."))),
					one(Field{Name: "illustrative", Label: b.T("Illustrative: no source draws this outline"), Kind: "checkbox"}))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			areas, err := a.areaOptions(r)
			if err != nil {
				return "", err
			}
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return "", err
			}
			ar := secretariat.Area{ID: f.id("id", true), Name: f.text("name", true), ISO: strings.ToUpper(f.str("iso", false)),
				Within:     f.choices("within", optionValues(areas)),
				Provenance: secretariat.Provenance{Sources: f.choices("sources", optionValues(srcs)), Illustrative: f.bool("illustrative")}}
			if ar.ISO != "" && !isoCode.MatchString(ar.ISO) {
				f.fail("iso", "Two capital letters, as KG.")
			}
			if g := f.str("geometry", false); g != "" {
				// The record would refuse it in English alone; the form says so in the
				// reader's language and keeps the detail, which names the line and column.
				if err := geojson.ValidateGeometry([]byte(g)); err != nil {
					f.fail("geometry", "This is not a GeoJSON geometry: %s.", err.Error())
				}
				ar.Geometry = json.RawMessage(g)
			}
			if !f.ok() {
				return "", nil
			}
			if _, err := st.RegisterArea(r.Context(), ar); err != nil {
				return "", err
			}
			return RecordPath("area", ar.ID), nil
		}}
}

func (a *App) assessForm() verbForm {
	return verbForm{nav: "threats",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			t, err := pathRecord[secretariat.Threat](a, r)
			if err != nil {
				return nil, err
			}
			areas, err := a.areaOptions(r)
			if err != nil {
				return nil, err
			}
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return nil, err
			}
			var levels []Option
			for l := 1; l <= 5; l++ {
				levels = append(levels, Option{Value: strconv.Itoa(l), Label: fmt.Sprintf("%d — %s", l, b.LevelName(l))})
			}
			p := &FormPage{Base: b, Heading: b.T("Add an assessment"), Back: b.Rec("threat", t.ID),
				Context: []Fact{{Term: b.T("Threat"), Value: t.Name.In(b.Lang), Href: b.Rec("threat", t.ID)}}}
			p.Sets = []Fieldset{set("", one(withValue(b.input("date", "date", "Date", true), a.today().String())),
				one(Field{Name: "level", Label: b.T("Level"), Kind: "radio", Required: true, Options: levels}),
				one(Field{Name: "trend", Label: b.T("Trend"), Kind: "radio", Options: b.enumOptions("trend", "rising", "stable", "falling")}),
				one(Field{Name: "areas", Label: b.T("Areas"), Kind: "checkboxes", Options: areas}),
				b.bilingual("textarea", "narrative", "Assessment", false),
				one(b.selectField("body", "Assessed by", b.bodyOptions(), false)),
				one(withHelp(Field{Name: "sources", Label: b.T("Sources"), Kind: "checkboxes", Options: srcs}, b.T("An assessment names its sources, or is marked illustrative."))),
				one(Field{Name: "illustrative", Label: b.T("Illustrative: no source gives this level"), Kind: "checkbox"}))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			b, err := a.base(r, "", "")
			if err != nil {
				return "", err
			}
			areas, err := a.areaOptions(r)
			if err != nil {
				return "", err
			}
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return "", err
			}
			as := secretariat.ThreatAssessment{Date: f.date("date", true), Level: f.int("level", 1, 5, true),
				Trend: secretariat.Trend(f.choice("trend", []string{"rising", "stable", "falling"}, false)),
				Areas: f.choices("areas", optionValues(areas)), Narrative: f.text("narrative", false),
				Body: f.choice("body", keys(b.dir.bodies), false), Sources: f.choices("sources", optionValues(srcs)), Illustrative: f.bool("illustrative")}
			if len(as.Sources) == 0 && !as.Illustrative {
				f.fail("sources", "Name the sources, or mark the assessment illustrative.")
			}
			if !f.ok() {
				return "", nil
			}
			if _, err := st.AssessThreat(r.Context(), r.PathValue("id"), as); err != nil {
				return "", err
			}
			return RecordPath("threat", r.PathValue("id")) + "#assessments", nil
		}}
}

func (a *App) linkThreatForm() verbForm {
	return verbForm{nav: "threats",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			t, err := pathRecord[secretariat.Threat](a, r)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T("Record what answers the threat"), Back: b.Rec("threat", t.ID),
				Context: []Fact{{Term: b.T("Threat"), Value: t.Name.In(b.Lang), Href: b.Rec("threat", t.ID)}}}
			kind := Field{Name: "kind", Label: b.T("Answered by"), Kind: "radio", Required: true,
				Options: selected([]Option{{Value: "decision", Label: b.T("a decision")}, {Value: "task", Label: b.T("a task")}, {Value: "operation", Label: b.T("an operation")}}, "decision")}
			p.Sets = []Fieldset{set("", one(kind), one(withHelp(b.input("text", "ref", "Its identifier", true), b.T("As shown in its address, such as csc-2019-8."))))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			kind, id := f.choice("kind", []string{"decision", "task", "operation"}, true), f.id("ref", true)
			if !f.ok() {
				return "", nil
			}
			if _, err := a.st.Get(r.Context(), secretariat.Secretariat, kind, id); err != nil {
				if secretariat.ErrorCode(err) == secretariat.ENOTFOUND {
					f.fail("ref", "There is no such record.")
					return "", nil
				}
				return "", err
			}
			if _, err := st.LinkThreat(r.Context(), r.PathValue("id"), kind, id); err != nil {
				return "", err
			}
			return RecordPath("threat", r.PathValue("id")) + "#answers", nil
		}}
}

// maxMetrics is how many metric rows the operation form offers.
const maxMetrics = 4

func (a *App) operationForm() verbForm {
	return verbForm{nav: "operations",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			p := &FormPage{Base: b, Heading: b.T("Register an operation"), Back: b.Href("/operations"),
				Intro: b.T("A regular joint operation and the quantities it reports. Results are aggregate figures only: the record has no field for a person.")}
			mandate := withHelp(b.input("text", "mandate", "Set up by the decision", false), b.T("Its identifier, when it is in the record."))
			p.Sets = []Fieldset{set("", one(b.input("text", "id", "Identifier", true)), b.bilingual("text", "code_name", "Code name", true),
				b.bilingual("textarea", "purpose", "Purpose", false), one(mandate), b.bilingual("text", "mandate_note", "Mandate, if not in the record", false),
				one(b.input("date", "since", "Since", false)), one(Field{Name: "permanent", Label: b.T("Permanent"), Kind: "checkbox"}))}
			for i := 1; i <= maxMetrics; i++ {
				n := fmt.Sprintf("metrics.%d", i)
				p.Sets = append(p.Sets, set(b.Tf("Reported quantity %d", i), one(withHelp(b.input("text", n+".key", "Key", i == 1), b.T("Short, as channels or drugs_seized."))),
					b.bilingual("text", n+".name", "Name", false), one(b.selectField(n+".unit", "Unit", b.unitOptions(), false))))
			}
			p.Sets = append(p.Sets, set(b.T("Who may see it"), b.accessFields()))
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			o := &secretariat.Operation{ID: f.id("id", true), CodeName: f.text("code_name", true), Purpose: f.text("purpose", false),
				Mandate: f.id("mandate", false), MandateNote: f.text("mandate_note", false), Since: f.date("since", false),
				Permanent: f.bool("permanent"), Access: f.access(d.order), Metrics: []secretariat.Metric{}}
			for i := 1; i <= maxMetrics; i++ {
				n := fmt.Sprintf("metrics.%d", i)
				key := f.id(n+".key", false)
				if key == "" {
					continue
				}
				o.Metrics = append(o.Metrics, secretariat.Metric{Key: key, Name: f.text(n+".name", true), Unit: f.choice(n+".unit", secretariat.Units, true)})
			}
			if len(o.Metrics) == 0 {
				f.fail("metrics.1.key", "Name at least one quantity the operation reports.")
			}
			if !f.ok() {
				return "", nil
			}
			if _, err := st.RegisterOperation(r.Context(), *o); err != nil {
				return "", err
			}
			return RecordPath("operation", o.ID), nil
		}}
}

func (b *Base) unitOptions() []Option {
	return []Option{{Value: "count", Label: b.T("a count")}, {Value: "kg", Label: b.T("kilograms")}, {Value: "t", Label: b.T("tonnes")}}
}

func (a *App) stageForm() verbForm {
	return verbForm{nav: "operations",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			o, err := pathRecord[secretariat.Operation](a, r)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T("Add a stage"), Back: b.Rec("operation", o.ID),
				Context: []Fact{{Term: b.T("Operation"), Value: o.CodeName.In(b.Lang), Href: b.Rec("operation", o.ID)}}}
			obs := withHelp(b.input("text", "observers", "Observers", false), b.T("States' identifiers or organizations' names, separated by commas."))
			p.Sets = []Fieldset{set("", one(b.input("text", "sid", "Identifier of the stage", true)), b.bilingual("text", "name", "Name", false),
				one(b.input("date", "from", "From", false)), one(b.input("date", "until", "Until", false)), b.bilingual("text", "hq", "Headquarters", false),
				one(Field{Name: "participants", Label: b.T("Participants"), Kind: "checkboxes", Options: b.stateOptions()}), one(obs))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			s := secretariat.Stage{ID: f.id("sid", true), Name: f.text("name", false), From: f.date("from", false), Until: f.date("until", false),
				HQ: f.text("hq", false), Participants: f.choices("participants", d.order)}
			for _, o := range strings.Split(f.str("observers", false), ",") {
				if o = strings.TrimSpace(o); o != "" {
					s.Observers = append(s.Observers, o)
				}
			}
			if !f.ok() {
				return "", nil
			}
			if _, err := st.AddStage(r.Context(), r.PathValue("id"), s); err != nil {
				return "", err
			}
			return RecordPath("operation", r.PathValue("id")) + "#stage-" + s.ID, nil
		}}
}

func (a *App) figureForm() verbForm {
	return verbForm{nav: "operations",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			o, err := pathRecord[secretariat.Operation](a, r)
			if err != nil {
				return nil, err
			}
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return nil, err
			}
			var metrics, stages []Option
			for _, m := range o.Metrics {
				metrics = append(metrics, Option{Value: m.Key, Label: m.Name.In(b.Lang)})
			}
			for _, s := range o.Stages {
				name := s.Name.In(b.Lang)
				if name == "" {
					name = s.ID
				}
				stages = append(stages, Option{Value: s.ID, Label: name})
			}
			p := &FormPage{Base: b, Heading: b.T("Report a figure"), Back: b.Rec("operation", o.ID),
				Context: []Fact{{Term: b.T("Operation"), Value: o.CodeName.In(b.Lang), Href: b.Rec("operation", o.ID)}},
				Intro:   b.T("One aggregate result, from one source. Figures from different sources about the same thing are kept side by side, never added. The record has no field for a person.")}
			value := b.input("text", "value", "Value", true)
			scope := Field{Name: "scope", Label: b.T("The figure covers"), Kind: "radio", Required: true,
				Options: selected([]Option{{Value: "year", Label: b.T("a year")}, {Value: "stage", Label: b.T("a stage")}, {Value: "period", Label: b.T("a period since a date")}}, "year")}
			year := b.input("number", "year", "Year", false)
			year.Min, year.Max = "1900", "2200"
			p.Sets = []Fieldset{
				set(b.T("What it measures"), one(b.selectField("metric", "Quantity", metrics, true)),
					one(b.selectField("qualifier", "How exact", b.enumOptions("qualifier", "exact", "about", "more_than", "less_than"), true)), one(value)),
				set(b.T("What it covers"), one(scope), one(year), one(b.selectField("stage", "Stage", stages, false)),
					one(b.input("date", "since", "Since", false)), one(b.input("date", "as_of", "As of", false)),
					one(withHelp(b.selectField("state", "Reported by the state", b.stateOptions(), false), b.T("Left empty: the whole operation.")))),
				set(b.T("Where it comes from"), one(b.selectField("source", "Source", srcs, true)), b.bilingual("text", "note", "Note", false)),
				set(b.T("Who may see it"), b.accessFieldsFrom(o.Access)),
			}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return "", err
			}
			fig := &secretariat.ResultFigure{Operation: r.PathValue("id"), Metric: f.id("metric", true),
				Qualifier: secretariat.Qualifier(f.choice("qualifier", []string{"exact", "about", "more_than", "less_than"}, true)),
				Value:     f.number("value", true), State: f.choice("state", d.order, false), Source: f.choice("source", optionValues(srcs), true),
				Note: f.text("note", false), Access: f.access(d.order)}
			switch f.choice("scope", []string{"year", "stage", "period"}, true) {
			case "year":
				fig.Year = f.int("year", 1900, 2200, true)
			case "stage":
				fig.Stage = f.id("stage", true)
			case "period":
				fig.Since, fig.AsOf = f.date("since", true), f.date("as_of", false)
			}
			if !f.ok() {
				return "", nil
			}
			scope := fig.Stage
			if fig.Year != 0 {
				scope = strconv.Itoa(fig.Year)
			} else if !fig.Since.IsZero() {
				scope = "since-" + fig.Since.String()
			}
			fig.ID = fmtID(fig.Operation, fig.Metric, scope, fig.State, fig.Source)
			if _, err := st.ReportFigure(r.Context(), *fig); err != nil {
				return "", err
			}
			return RecordPath("operation", fig.Operation) + "#fig-" + fig.ID, nil
		}}
}

// maxParts is how many parts the publication form offers.
const maxParts = 6

func (a *App) publishForm() verbForm {
	return verbForm{nav: "publications",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			p := &FormPage{Base: b, Heading: b.T("Publish"), Back: b.Href("/publications"),
				Intro: b.T("News, an interview, a press release or a statement, with its languages, an optional video link, and the records it speaks of.")}
			section := b.selectField("section", "Section", b.enumOptions("publication_section", secretariat.PublicationSections...), true)
			about := withHelp(b.input("textarea", "about", "Records it speaks of", false), b.T("One per line: the kind and the identifier, as session csc-2019-11-28 or operation mercenary."))
			authentic := Field{Name: "title.authentic", Label: b.T("Original language"), Kind: "radio", Options: selected(b.enumOptions("lang", "ru", "en"), "ru")}
			id := withHelp(b.input("text", "id", "Identifier", false), b.T("Left empty, it is made from the date and the title."))
			p.Sets = []Fieldset{set("", one(b.selectField("kind", "Kind", b.enumOptions("publication_kind", "news", "interview", "press_release", "statement"), true)),
				one(section), one(withValue(b.input("date", "date", "Date", true), a.today().String())), b.bilingual("text", "title", "Title", true), one(authentic),
				b.bilingual("textarea", "lead", "Lead", false),
				one(Field{Name: "languages", Label: b.T("Published in"), Kind: "checkboxes", Options: b.enumOptions("lang", "ru", "en")}),
				one(b.input("url", "url", "Address of the original", false)), one(b.input("url", "video_url", "Video link", false)), one(about),
				b.bilingual("textarea", "note", "Note", false), one(id))}
			for i := 1; i <= maxParts; i++ {
				n := fmt.Sprintf("parts.%d", i)
				p.Sets = append(p.Sets, set(b.Tf("Part %d", i), b.bilingual("text", n+".heading", "Heading", false), b.bilingual("textarea", n+".body", "Text", false)))
			}
			p.Sets = append(p.Sets, set(b.T("Who may see it"), b.accessFields()))
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			pub := &secretariat.Publication{ID: f.id("id", false), Kind: secretariat.PublicationKind(f.choice("kind", []string{"news", "interview", "press_release", "statement"}, true)),
				Section: f.choice("section", secretariat.PublicationSections, true), Date: f.date("date", true), Title: f.text("title", true), Lead: f.text("lead", false),
				URL: f.str("url", false), VideoURL: f.str("video_url", false), Note: f.text("note", false), Access: f.access(d.order)}
			pub.Lead.Authentic = authenticOf(pub.Lead, pub.Title.Authentic)
			for _, l := range f.choices("languages", []string{"ru", "en"}) {
				pub.Languages = append(pub.Languages, secretariat.Lang(l))
			}
			for i := 1; i <= maxParts; i++ {
				n := fmt.Sprintf("parts.%d", i)
				part := secretariat.PublicationPart{Heading: f.text(n+".heading", false), Body: f.text(n+".body", false)}
				if part.Body.IsZero() && !part.Heading.IsZero() {
					f.fail(n+".body.ru", "A part needs its text.")
				}
				if !part.Body.IsZero() {
					part.Heading.Authentic = authenticOf(part.Heading, pub.Title.Authentic)
					part.Body.Authentic = authenticOf(part.Body, pub.Title.Authentic)
					pub.Parts = append(pub.Parts, part)
				}
			}
			for i, line := range strings.Split(f.str("about", false), "\n") {
				fields := strings.Fields(line)
				if len(fields) == 0 {
					continue
				}
				if len(fields) != 2 {
					f.fail("about", "Line %d: write the kind and the identifier.", i+1)
					continue
				}
				if _, ok := secretariat.LookupKind(fields[0]); !ok {
					f.fail("about", "Line %d: %q is not a kind of record.", i+1, fields[0])
					continue
				}
				pub.About = append(pub.About, secretariat.RecordRef{Kind: fields[0], ID: fields[1]})
			}
			if !f.ok() {
				return "", nil
			}
			if pub.ID == "" {
				pub.ID = fmtID(pub.Date, pub.Title.In(secretariat.EN))
			}
			if _, err := st.Publish(r.Context(), *pub); err != nil {
				return "", err
			}
			return RecordPath("publication", pub.ID), nil
		}}
}

// authenticOf keeps a text's original language in step with the publication's, where
// the text has that language.
func authenticOf(t secretariat.Text, lang secretariat.Lang) secretariat.Lang {
	switch {
	case t.IsZero():
		return ""
	case t.Has(lang):
		return lang
	case t.Has(secretariat.RU):
		return secretariat.RU
	}
	return secretariat.EN
}

func (a *App) forewordForm() verbForm {
	return verbForm{nav: "",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			year, err := strconv.Atoi(r.PathValue("year"))
			if err != nil || year < 1900 || year > 2200 {
				return nil, secretariat.Errorf(secretariat.ENOTFOUND, "%q is not a year", r.PathValue("year"))
			}
			p := &FormPage{Base: b, Heading: b.Tf("Foreword to the year %d in review", year), Back: b.Href(fmt.Sprintf("/reports/%d", year)),
				Intro: b.T("The secretariat's own edited foreword, shown apart from the generated review. It is journaled as a publication.")}
			text := b.input("textarea", "text", "Foreword", true)
			text.Rows = 12
			p.Sets = []Fieldset{set("", one(Field{Name: "flang", Label: b.T("Written in"), Kind: "radio", Required: true, Options: selected(b.enumOptions("lang", "ru", "en"), string(b.Lang))}), one(text))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			year, err := strconv.Atoi(r.PathValue("year"))
			if err != nil || year < 1900 || year > 2200 {
				return "", secretariat.Errorf(secretariat.ENOTFOUND, "%q is not a year", r.PathValue("year"))
			}
			lang := secretariat.Lang(f.choice("flang", []string{"ru", "en"}, true))
			text := f.str("text", true)
			if !f.ok() {
				return "", nil
			}
			_, err = st.Publish(r.Context(), secretariat.Foreword(year, lang, text))
			return fmt.Sprintf("/reports/%d", year), err
		}}
}

func (a *App) sourceForm() verbForm {
	return verbForm{nav: "",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			p := &FormPage{Base: b, Heading: b.T("Register a source"), Back: b.Href("/"),
				Intro: b.T("Where facts come from: an address or a document reference. Figures and assessments cite their sources.")}
			p.Sets = []Fieldset{set("", one(b.input("text", "id", "Identifier", true)), b.bilingual("text", "title", "Title", true),
				one(b.selectField("class", "Class", b.enumOptions("source_class", "official_document", "official_site", "official_statement", "news_agency", "media"), true)),
				one(b.input("url", "url", "Address", false)), one(b.input("text", "ref", "Document reference", false)), one(b.input("text", "publisher", "Publisher", false)),
				one(b.input("date", "date", "Date", false)), b.bilingual("textarea", "note", "Note", false))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			s := &secretariat.Source{ID: f.id("id", true), Title: f.text("title", true),
				Class: secretariat.SourceClass(f.choice("class", []string{"official_document", "official_site", "official_statement", "news_agency", "media"}, true)),
				URL:   f.str("url", false), Ref: f.str("ref", false), Publisher: f.str("publisher", false), Date: f.date("date", false), Note: f.text("note", false)}
			if s.URL == "" && s.Ref == "" {
				f.fail("url", "Give the source's address or a document reference.")
			}
			if !f.ok() {
				return "", nil
			}
			if _, err := st.RegisterSource(r.Context(), *s); err != nil {
				return "", err
			}
			return RecordPath("source", s.ID), nil
		}}
}
