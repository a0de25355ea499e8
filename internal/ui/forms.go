package ui

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"secretariat"
	"secretariat/internal/httpx"
	"secretariat/internal/store"
)

// verbForm is the form of one verb: the page that asks for its input, and how the
// input becomes the verb's call. A write is one verb and one journal entry.
type verbForm struct {
	nav string
	// page builds the form for the record in the request's path, with default values.
	page func(r *http.Request, b *Base) (*FormPage, error)
	// apply reads the form and runs the verb. It returns where to go next. When the form
	// has mistakes (f.ok() is false) it returns without running the verb.
	apply     func(r *http.Request, st *store.Store, f *form) (string, error)
	multipart bool
}

// MaxFormSize bounds a form without files; MaxUploadSize a form with documents (each
// document is at most store.MaxFileSize).
const (
	MaxFormSize   = 1 << 20
	MaxUploadSize = 4*store.MaxFileSize + MaxFormSize
)

// serveForm returns the handlers of a verb's form: GET shows it, POST runs the verb and
// sends the browser to the record, or shows the form again with what was typed and
// what is wrong, in the reader's language.
func (a *App) serveForm(vf verbForm) (get, post httpx.HandlerFunc) {
	get = func(w http.ResponseWriter, r *http.Request) error {
		if _, err := a.writer(r); err != nil {
			return err
		}
		b, err := a.base(r, "", vf.nav)
		if err != nil {
			return err
		}
		p, err := vf.page(r, b)
		if err != nil {
			return err
		}
		a.finishForm(r, p, vf)
		newForm(r, r.URL.Query()).fill(p.Sets) // a link may preset fields: ?session=…
		return a.render(w, r, http.StatusOK, "form.html", p)
	}
	post = func(w http.ResponseWriter, r *http.Request) error {
		st, err := a.writer(r)
		if err != nil {
			return err
		}
		values, err := readForm(w, r, vf.multipart)
		if err != nil {
			return err
		}
		f := newForm(r, values)
		f.submitted = true
		to, err := vf.apply(r, st, f)
		if err == nil && f.ok() {
			return redirectAfter(w, r, to, "saved")
		}
		status := http.StatusBadRequest
		b, berr := a.base(r, "", vf.nav)
		if berr != nil {
			return berr
		}
		msg := b.T("The form has mistakes: see the marked fields.")
		if err != nil {
			m, ok := f.refused(err)
			if !ok {
				return err
			}
			msg, status = m, httpStatus(err)
		}
		p, perr := vf.page(r, b)
		if perr != nil {
			return perr
		}
		a.finishForm(r, p, vf)
		p.Sets = f.fill(p.Sets)
		if rest := f.unplaced(p.Sets); len(rest) > 0 {
			msg += " " + strings.Join(rest, "; ")
		}
		p.Error = msg
		return a.render(w, r, status, "form.html", p)
	}
	return get, post
}

func (a *App) finishForm(r *http.Request, p *FormPage, vf verbForm) {
	p.Action = p.Href(r.URL.Path)
	p.Multipart = vf.multipart
	if p.Submit == "" {
		p.Submit = p.T("Save in the record")
	}
	if p.Title == "" {
		p.Title = p.Heading
	}
}

// readForm reads a form body within the size limits.
func readForm(w http.ResponseWriter, r *http.Request, withFiles bool) (url.Values, error) {
	limit := int64(MaxFormSize)
	if withFiles {
		limit = MaxUploadSize
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if withFiles && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(MaxFormSize); err != nil {
			return nil, secretariat.Errorf(secretariat.EINVALID, "the form could not be read (%v): documents may be at most 10 MiB each", err)
		}
		return r.MultipartForm.Value, nil
	}
	if err := r.ParseForm(); err != nil {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the form could not be read: %v", err)
	}
	return r.PostForm, nil
}

// uploads reads the documents attached to a multipart form.
func uploads(r *http.Request, name string) ([]store.File, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var out []store.File
	for _, fh := range r.MultipartForm.File[name] {
		if fh.Size == 0 && fh.Filename == "" {
			continue
		}
		data, err := readUpload(fh)
		if err != nil {
			return nil, err
		}
		out = append(out, store.File{Name: fh.Filename, Content: data})
	}
	return out, nil
}

func readUpload(fh *multipart.FileHeader) ([]byte, error) {
	if fh.Size > store.MaxFileSize {
		return nil, &secretariat.Error{Code: secretariat.EINVALID, Message: "document \"" + fh.Filename + "\" is too large",
			Fields: map[string]string{"documents": "at most 10 MiB each"}}
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, fh.Size)
	if _, err := io.ReadFull(f, buf); err != nil {
		return nil, fmt.Errorf("reading %s: %w", fh.Filename, err)
	}
	return buf, nil
}

// formRoutes registers the officers' forms.
func (a *App) formRoutes(h func(string, httpx.HandlerFunc)) {
	add := func(path string, vf verbForm) {
		get, post := a.serveForm(vf)
		if vf.page != nil {
			h("GET "+path, get)
		}
		h("POST "+path, post)
	}
	add("/sessions/new", a.sessionForm())
	add("/sessions/{id}/items/new", a.itemForm())
	add("/sessions/{id}/note", a.noteForm())
	add("/drafts/new", a.draftForm())
	add("/drafts/{id}/revise", a.reviseForm())
	add("/items/{id}/decide", a.decideForm())
	add("/items/{id}/defer", a.closeForm("defer"))
	add("/items/{id}/withdraw", a.closeForm("withdraw"))
	add("/decisions/{id}/sign", a.signForm("sign"))
	add("/decisions/{id}/in-force", a.signForm("in-force"))
	add("/decisions/{id}/tasks/new", a.taskForm())
	add("/tasks/{id}/report", a.reportForm())
	h("POST /tasks/{id}/fulfil", a.moveTask("fulfil"))
	h("POST /tasks/{id}/cancel", a.moveTask("cancel"))
	h("POST /tasks/{id}/return", a.moveTask("return"))
	add("/chairmanships/new", a.takeChairForm())
	add("/chairmanships/handover", a.handOverForm())
	add("/chairmanships/{id}/priorities", a.prioritiesForm())
	add("/chairmanships/{id}/priorities/{n}/statement", a.statementForm())
	add("/threats/new", a.threatForm())
	add("/threats/{id}/assess", a.assessForm())
	add("/threats/{id}/link", a.linkThreatForm())
	add("/operations/new", a.operationForm())
	add("/operations/{id}/stages/new", a.stageForm())
	add("/operations/{id}/figures/new", a.figureForm())
	add("/publications/new", a.publishForm())
	add("/reviews/{year}/foreword", a.forewordForm())
	add("/sources/new", a.sourceForm())
	add("/organization/new", a.organizationForm())
	add("/states/new", a.stateForm())
	add("/states/{id}/membership", a.membershipForm())
	add("/bodies/new", a.bodyForm())
	add("/bodies/{id}/rules/new", a.ruleForm())
	add("/areas/new", a.areaForm())
	h("GET /sessions/{id}/positions", a.grid)
	h("POST /sessions/{id}/positions", a.recordGrid)
}

// Helpers shared by the forms.

func set(legend string, fields ...[]Field) Fieldset {
	var all []Field
	for _, f := range fields {
		all = append(all, f...)
	}
	return Fieldset{Legend: legend, Fields: all}
}

func one(f Field) []Field { return []Field{f} }

func withValue(f Field, v string) Field {
	f.Value = v
	return f
}

func withHelp(f Field, help string) Field {
	f.Help = help
	return f
}

func selected(opts []Option, v string) []Option {
	out := make([]Option, len(opts))
	for i, o := range opts {
		o.Selected = o.Value == v
		out[i] = o
	}
	return out
}

// classificationOf presets the classification fields from a record's access.
func (b *Base) accessFieldsFrom(a secretariat.Access) []Field {
	fs := b.accessFields()
	fs[0].Options = selected(fs[0].Options, string(a.Level()))
	for i := range fs[1].Options {
		for _, p := range a.Parties {
			if fs[1].Options[i].Value == p {
				fs[1].Options[i].Selected = true
			}
		}
	}
	return fs
}

// textValues presets a text's two inputs.
func textValues(fs []Field, t secretariat.Text) []Field {
	fs[0].Value, fs[1].Value = t.RU, t.EN
	return fs
}

func (b *Base) sessionFacts(s *secretariat.Session) []Fact {
	return []Fact{{Term: b.T("Session"), Value: b.SessionTitle(*s) + ", " + b.Date(s.Date), Href: b.Rec("session", s.ID)}}
}

// pathRecord reads the record the form's path names, as the officer sees it.
func pathRecord[T any, PT interface {
	*T
	secretariat.Record
}](a *App, r *http.Request) (*T, error) {
	return store.FindByID[T, PT](r.Context(), a.st, viewer(r), r.PathValue("id"))
}

// The forms of the session cycle.

func (a *App) sessionForm() verbForm {
	return verbForm{nav: "sessions",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			p := &FormPage{Base: b, Heading: b.T("Prepare a new session"), Back: b.Href("/sessions"),
				Intro: b.T("A meeting of a body. Its agenda items are added next, then the positions are recorded and the items decided.")}
			id := withHelp(b.input("text", "id", "Identifier", false), b.T("Left empty, it is made from the body and the date, as csc-2019-11-28."))
			p.Sets = []Fieldset{
				set(b.T("The session"), one(b.selectField("body", "Body", b.bodyOptions(), true)), one(b.input("date", "date", "Date", true)),
					one(Field{Name: "kind", Label: b.T("Kind"), Kind: "radio", Required: true, Options: selected(b.enumOptions("session_kind", "regular", "extraordinary"), "regular")}),
					one(Field{Name: "format", Label: b.T("Format"), Kind: "checkboxes", Options: b.enumOptions("session_format", "narrow", "expanded", "videoconference")}),
					b.bilingual("text", "place", "Place", false), one(b.selectField("chair", "Chair", b.stateOptions(), false))),
				set(b.T("Optional"), b.bilingual("text", "title", "Title", false), b.bilingual("textarea", "note", "Note", false), one(id)),
			}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			s := &secretariat.Session{
				Body: f.choice("body", keys(d.bodies), true), Date: f.date("date", true),
				Kind:  secretariat.SessionKind(f.choice("kind", []string{"regular", "extraordinary"}, true)),
				Place: f.text("place", false), Chair: f.choice("chair", d.order, false), Title: f.text("title", false),
				Note: f.text("note", false), ID: f.id("id", false)}
			for _, fm := range f.choices("format", []string{"narrow", "expanded", "videoconference"}) {
				s.Format = append(s.Format, secretariat.SessionFormat(fm))
			}
			if !f.ok() {
				return "", nil
			}
			if s.ID == "" {
				s.ID = fmtID(s.Body, s.Date)
			}
			e, err := st.ScheduleSession(r.Context(), *s)
			if err != nil {
				return "", err
			}
			return RecordPath("session", e.ID), nil
		}}
}

// noteForm records what was learned of a session after it was scheduled. The verb
// replaces the note, so the form starts from the note in the record: an officer adds to
// it rather than losing it by accident.
func (a *App) noteForm() verbForm {
	return verbForm{nav: "sessions",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			s, err := pathRecord[secretariat.Session](a, r)
			if err != nil {
				return nil, err
			}
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T("Add a note to the session"), Context: b.sessionFacts(s), Back: b.Rec("session", s.ID),
				Intro: b.T("What was learned of the session after it was scheduled, such as how many items the press reported, with the sources it rests on.")}
			note := textValues(b.bilingual("textarea", "note", "Note", false), s.Note)
			note[0].Help = b.T("The note replaces the one in the record; it starts as the record has it.")
			p.Sets = []Fieldset{set("", note,
				one(withHelp(Field{Name: "sources", Label: b.T("Sources"), Kind: "checkboxes", Options: srcs}, b.T("Added to the session's sources; none is taken away."))))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return "", err
			}
			note, sources := f.text("note", false), f.choices("sources", optionValues(srcs))
			if note.IsZero() && len(sources) == 0 {
				f.fail("note.ru", "Write the note or choose a source.")
			}
			if !f.ok() {
				return "", nil
			}
			if _, err := st.NoteSession(r.Context(), r.PathValue("id"), note, sources); err != nil {
				return "", err
			}
			return RecordPath("session", r.PathValue("id")), nil
		}}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// recordOptions lists the records of a kind that the reader may see as choices,
// labelled in the reader's language.
func recordOptions[T any, PT interface {
	*T
	secretariat.Record
}](a *App, r *http.Request, label func(*T) secretariat.Text) ([]Option, error) {
	recs, _, err := store.FindAll[T, PT](r.Context(), a.st, viewer(r), store.Filter{})
	if err != nil {
		return nil, err
	}
	lang := Lang(r)
	out := make([]Option, len(recs))
	for i := range recs {
		out[i] = Option{Value: PT(&recs[i]).RecordID(), Label: label(&recs[i]).In(lang)}
	}
	return out, nil
}

func (a *App) draftOptions(r *http.Request) ([]Option, error) {
	return recordOptions(a, r, func(d *secretariat.Draft) secretariat.Text { return d.Title })
}

func (a *App) itemForm() verbForm {
	return verbForm{nav: "sessions",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			s, err := pathRecord[secretariat.Session](a, r)
			if err != nil {
				return nil, err
			}
			drafts, err := a.draftOptions(r)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T("Add an agenda item"), Context: b.sessionFacts(s), Back: b.Rec("session", s.ID),
				Intro: b.T("A question before the session: from a draft another body prepared, or new.")}
			draft := withHelp(b.selectField("draft", "From the draft", drafts, false), b.T("The decision's text is taken from the draft's latest version."))
			number := withHelp(b.input("number", "number", "Number on the agenda", false), b.T("Left empty, the next free number."))
			number.Min = "1"
			p.Sets = []Fieldset{
				set(b.T("The question"), b.bilingual("textarea", "title", "Title", true),
					one(Field{Name: "kind", Label: b.T("Kind"), Kind: "radio", Required: true, Options: selected(b.enumOptions("item_kind", "substantive", "procedural"), "substantive"),
						Help: b.T("Substantive questions are decided by the rule for substance (consensus in the demo); procedural ones by a simple majority.")}),
					one(b.selectField("decision_kind", "Becomes, if adopted", b.enumOptions("decision_kind", "decision", "statement", "declaration", "plan", "budget", "appointment", "agreement", "report", "resolution"), false)),
					one(draft), one(number), one(withHelp(b.selectField("rapporteur", "Rapporteur", rapporteurOptions(b), false), b.T("A body or a member state reports on the question; the record names no person.")))),
				set(b.T("Where it came from (optional)"), one(b.selectField("lineage.body", "Agreed or forwarded by", b.bodyOptions(), false)),
					one(b.input("date", "lineage.date", "On", false)),
					one(b.selectField("lineage.action", "What that body did", b.enumOptions("lineage_action", "agreed", "approved", "forwarded", "prepared"), false)),
					one(withHelp(b.input("text", "lineage.item", "Its agenda item", false), b.T("The identifier of the earlier body's item, when it is in the record.")))),
				set(b.T("Who may see it"), b.accessFields()),
			}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			drafts, err := a.draftOptions(r)
			if err != nil {
				return "", err
			}
			it := &secretariat.AgendaItem{Session: r.PathValue("id"), Title: f.text("title", true),
				Kind:         secretariat.ItemKind(f.choice("kind", []string{"substantive", "procedural"}, true)),
				DecisionKind: secretariat.DecisionKind(f.choice("decision_kind", []string{"decision", "statement", "declaration", "plan", "budget", "appointment", "agreement", "report", "resolution"}, false)),
				Draft:        f.choice("draft", optionValues(drafts), false), Number: f.int("number", 1, 10000, false),
				Access: f.access(d.order)}
			if rap := f.choice("rapporteur", optionValues(rapporteurOptions(b0(r, d))), false); rap != "" {
				kind, id, _ := strings.Cut(rap, ":")
				it.Rapporteur = secretariat.RecordRef{Kind: kind, ID: id}
			}
			if body := f.choice("lineage.body", keys(d.bodies), false); body != "" {
				step := secretariat.LineageStep{Body: body, Date: f.date("lineage.date", true),
					Action: f.choice("lineage.action", []string{"agreed", "approved", "forwarded", "prepared"}, true), Item: f.id("lineage.item", false)}
				it.Lineage = []secretariat.LineageStep{step}
			}
			if !f.ok() {
				return "", nil
			}
			e, err := st.AddAgendaItem(r.Context(), *it)
			if err != nil {
				return "", err
			}
			return RecordPath("item", e.ID), nil
		}}
}

func (a *App) draftVersionFields(b *Base, v *secretariat.DraftVersion) []Fieldset {
	text := b.input("textarea", "text", "Authentic text (Russian)", true)
	text.Lang, text.Rows = "ru", 10
	en := b.input("textarea", "translation.en", "English translation", false)
	en.Lang, en.Rows = "en", 10
	status := Field{Name: "translation.status", Label: b.T("The translation is"), Kind: "radio", Options: selected(b.enumOptions("translation_status", "working", "official"), "working")}
	date := b.input("date", "date", "Date of the version", true)
	body := b.selectField("vbody", "Produced or agreed by", b.bodyOptions(), false)
	if v != nil {
		text.Value = v.Text
		if t, ok := secretariat.TranslationIn(v.Translations, secretariat.EN); ok {
			en.Value = t.Text
			status.Options = selected(status.Options, string(t.Status))
		}
	}
	return []Fieldset{set(b.T("The version"), one(date), one(body), one(text), one(en), one(status), b.bilingual("text", "vnote", "Note", false))}
}

func (f *form) version() secretariat.DraftVersion {
	v := secretariat.DraftVersion{Date: f.date("date", true), Body: f.str("vbody", false), Text: f.str("text", true), Note: f.text("vnote", false)}
	if en := f.str("translation.en", false); en != "" {
		v.Translations = []secretariat.Translation{{Lang: secretariat.EN, Text: en,
			Status: secretariat.TranslationStatus(f.choice("translation.status", []string{"working", "official"}, true))}}
	}
	return v
}

func (a *App) draftForm() verbForm {
	return verbForm{nav: "sessions",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			p := &FormPage{Base: b, Heading: b.T("Propose a draft"), Back: b.Href("/sessions"),
				Intro: b.T("A proposed decision text. Its authentic language is Russian; translations are official or working.")}
			id := withHelp(b.input("text", "id", "Identifier", false), b.T("Left empty, it is made from the date and the English title."))
			p.Sets = append([]Fieldset{set(b.T("The draft"), b.bilingual("text", "title", "Title", true), one(b.selectField("body", "Body that prepares it", b.bodyOptions(), false)), one(id))},
				a.draftVersionFields(b, nil)...)
			p.Sets = append(p.Sets, set(b.T("Who may see it"), b.accessFields()))
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			dr := &secretariat.Draft{ID: f.id("id", false), Title: f.text("title", true), Body: f.choice("body", keys(d.bodies), false), Access: f.access(d.order)}
			v := f.version()
			if !f.ok() {
				return "", nil
			}
			if dr.ID == "" {
				dr.ID = fmtID("draft", v.Date, dr.Title.In(secretariat.EN))
			}
			dr.Versions = []secretariat.DraftVersion{v}
			if _, err := st.ProposeDraft(r.Context(), *dr); err != nil {
				return "", err
			}
			return RecordPath("draft", dr.ID), nil
		}}
}

func (a *App) reviseForm() verbForm {
	return verbForm{nav: "sessions",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			d, err := pathRecord[secretariat.Draft](a, r)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T("Revise the draft"), Back: b.Rec("draft", d.ID),
				Context: []Fact{{Term: b.T("Draft"), Value: d.Title.In(b.Lang), Href: b.Rec("draft", d.ID)}},
				Intro:   b.T("A new version; the earlier ones are kept, and the page shows the word-level difference.")}
			p.Sets = a.draftVersionFields(b, d.Latest())
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			v := f.version()
			if !f.ok() {
				return "", nil
			}
			if _, err := st.ReviseDraft(r.Context(), r.PathValue("id"), v); err != nil {
				return "", err
			}
			return RecordPath("draft", r.PathValue("id")), nil
		}}
}

func (a *App) decideForm() verbForm {
	return verbForm{nav: "sessions",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			view, err := a.st.ItemView(r.Context(), viewer(r), r.PathValue("id"))
			if err != nil {
				return nil, err
			}
			it := view.Item
			o, _, err := a.preview(r.Context(), &it, view.Grid)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T("Decide the item"), Back: b.Rec("item", it.ID),
				Context: []Fact{{Term: b.T("Item"), Value: it.Title.In(b.Lang), Href: b.Rec("item", it.ID)}},
				Intro:   b.T("The outcome is not typed in: the rule in force on the session's date is applied to the recorded positions. An adopted item becomes a decision, numbered per body and year."),
				Submit:  b.T("Decide by the rule"), Confirm: b.T("Decide this item now? Positions can no longer change afterwards.")}
			if o != nil {
				p.Context = append(p.Context, Fact{Term: b.T("The rule gives"), Value: b.Label("result", o.Result) + " — " + o.Explain(b.Lang)})
			}
			kind := b.selectField("kind", "Kind of decision", b.enumOptions("decision_kind", "decision", "statement", "declaration", "plan", "budget", "appointment", "agreement", "report", "resolution"), false)
			kind.Options = selected(kind.Options, string(it.DecisionKind))
			text := withHelp(b.input("textarea", "text", "Authentic text (Russian)", false), b.T("Left empty, the text of the draft's latest version."))
			text.Lang, text.Rows = "ru", 8
			en := b.input("textarea", "translation.en", "English translation", false)
			en.Lang, en.Rows = "en", 8
			title := b.bilingual("text", "title", "Title, if it differs from the item's", false)
			p.Sets = []Fieldset{set(b.T("If adopted"), one(kind), title, one(text), one(en),
				one(Field{Name: "translation.status", Label: b.T("The translation is"), Kind: "radio", Options: selected(b.enumOptions("translation_status", "working", "official"), "working")}),
				one(Field{Name: "requires_ratification", Label: b.T("It enters into force for a state only when that state has completed its procedures"), Kind: "checkbox"}))}
			if it.Access.Level() != secretariat.Public {
				summary := b.bilingual("textarea", "public_summary", "Public summary", false)
				summary[0].Help = b.T("What readers who may not see the decision may know of it.")
				p.Sets = append(p.Sets, set(b.T("Who may see it"), summary))
			}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			in := store.DecisionInput{Kind: secretariat.DecisionKind(f.choice("kind", []string{"decision", "statement", "declaration", "plan", "budget", "appointment", "agreement", "report", "resolution"}, false)),
				Title: f.text("title", false), Text: f.str("text", false), RequiresRatification: f.bool("requires_ratification")}
			if en := f.str("translation.en", false); en != "" {
				in.Translations = []secretariat.Translation{{Lang: secretariat.EN, Text: en, Status: secretariat.TranslationStatus(f.choice("translation.status", []string{"working", "official"}, true))}}
			}
			if summary := f.text("public_summary", false); !summary.IsZero() {
				it, err := pathRecord[secretariat.AgendaItem](a, r)
				if err != nil {
					return "", err
				}
				access := it.Access
				access.PublicSummary = summary
				in.Access = &access
			}
			if !f.ok() {
				return "", nil
			}
			e, err := st.DecideItem(r.Context(), r.PathValue("id"), in)
			if err != nil {
				return "", err
			}
			if ids := e.IDs("decision"); len(ids) > 0 {
				return RecordPath("decision", ids[0]), nil
			}
			return RecordPath("item", r.PathValue("id")), nil
		}}
}

func (a *App) closeForm(which string) verbForm {
	heading, intro := "Defer the item", "Consideration is put off; the item may come back and be decided later."
	if which == "withdraw" {
		heading, intro = "Withdraw the item", "The item is taken off the agenda."
	}
	return verbForm{nav: "sessions",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			it, err := pathRecord[secretariat.AgendaItem](a, r)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T(heading), Intro: b.T(intro), Back: b.Rec("item", it.ID),
				Context: []Fact{{Term: b.T("Item"), Value: it.Title.In(b.Lang), Href: b.Rec("item", it.ID)}}}
			p.Sets = []Fieldset{set("", one(withValue(b.input("date", "date", "Date", true), it.Date.String())), b.bilingual("textarea", "note", "Reason", false))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			on, note := f.date("date", true), f.text("note", false)
			if !f.ok() {
				return "", nil
			}
			var err error
			if which == "withdraw" {
				_, err = st.WithdrawItem(r.Context(), r.PathValue("id"), on, note)
			} else {
				_, err = st.DeferItem(r.Context(), r.PathValue("id"), on, note)
			}
			return RecordPath("item", r.PathValue("id")), err
		}}
}

func (a *App) signForm(which string) verbForm {
	heading := "Record a signature"
	if which == "in-force" {
		heading = "Record entry into force"
	}
	return verbForm{nav: "decisions",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			d, err := pathRecord[secretariat.Decision](a, r)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T(heading), Back: b.Rec("decision", d.ID),
				Context: []Fact{{Term: b.T("Decision"), Value: d.Title.In(b.Lang), Href: b.Rec("decision", d.ID)}}}
			p.Sets = []Fieldset{set("", one(b.selectField("state", "State", b.stateOptions(), true)), one(b.input("date", "date", "Date", true)))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			state, on := f.choice("state", d.order, true), f.date("date", true)
			if !f.ok() {
				return "", nil
			}
			var err error
			if which == "in-force" {
				_, err = st.RecordEntryIntoForce(r.Context(), r.PathValue("id"), state, on)
			} else {
				_, err = st.SignDecision(r.Context(), r.PathValue("id"), state, on)
			}
			return RecordPath("decision", r.PathValue("id")) + "#signatures", err
		}}
}

// rapporteurOptions lists who may report on a question: the bodies and the member
// states, as "body:ID" and "state:ID".
func rapporteurOptions(b *Base) []Option {
	var out []Option
	for _, o := range b.bodyOptions() {
		out = append(out, Option{Value: "body:" + o.Value, Label: o.Label})
	}
	for _, o := range b.stateOptions() {
		out = append(out, Option{Value: "state:" + o.Value, Label: o.Label})
	}
	return out
}

// b0 is a page base for reading options in a form's apply, where no page is rendered.
func b0(r *http.Request, d *directory) *Base { return &Base{Lang: Lang(r), dir: d} }
