// Package ui is the web application people use: server-rendered pages for every kind of
// record, in Russian and English, and the forms with which the secretariat's officers
// keep the record. Every page has a typed struct and an embedded template; a test
// executes every template. The store's views go straight into the page structs.
package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"secretariat"
	"secretariat/internal/auth"
	"secretariat/internal/httpx"
	"secretariat/internal/report"
	"secretariat/internal/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed assets
var assetFiles embed.FS

// App is the web application over one store.
type App struct {
	st   *store.Store
	auth *auth.Service
	log  *slog.Logger
	// Now gives today's date for derived statuses (overdue); time.Now when nil.
	Now func() time.Time
	// BaseURL is the site's public address ("https://record.example.org"), from which
	// the feeds write their absolute links; without it they write links relative to the
	// feed. It is configured, never taken from a request's Host header, which the client
	// chooses (and which a kept page would then serve to everyone).
	BaseURL string

	dirMu sync.Mutex
	dir   *directory

	// The transparency log's line on record pages, kept by the log's head (translog.go).
	logMu     sync.Mutex
	logHead   string
	logCached *LogLine
}

// New returns the application over st, signing people in with svc.
func New(st *store.Store, svc *auth.Service, log *slog.Logger) *App {
	return &App{st: st, auth: svc, log: log}
}

func (a *App) today() secretariat.Date {
	if a.Now != nil {
		return secretariat.DateOf(a.Now())
	}
	return secretariat.DateOf(time.Now())
}

// Routes registers the application's pages and forms on mux.
func (a *App) Routes(mux *http.ServeMux) {
	h := func(pattern string, fn httpx.HandlerFunc) {
		mux.Handle(pattern, httpx.HandleWith(a.log, fn, a.ErrorPage))
	}
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", assetHandler()))
	h("GET /{$}", a.home)
	h("GET /sessions", a.sessions)
	h("GET /sessions/{id}", a.session)
	h("GET /items/{id}", a.item)
	h("GET /decisions", a.decisions)
	h("GET /decisions/{id}", a.decision)
	h("GET /drafts/{id}", a.draft)
	h("GET /tasks", a.tasks)
	h("GET /tasks/{id}", a.task)
	h("GET /chairmanships", a.chairmanships)
	h("GET /chairmanships/{id}", a.chairmanship)
	h("GET /states", a.states)
	h("GET /states/{id}", a.state)
	h("GET /bodies", a.bodies)
	h("GET /bodies/{id}", a.body)
	h("GET /threats", a.threats)
	h("GET /threats/{id}", a.threat)
	h("GET /areas/{id}", a.area)
	h("GET /operations", a.operations)
	h("GET /operations/{id}", a.operation)
	h("GET /publications", a.publications)
	h("GET /publications/{id}", a.publication)
	h("GET /sections/{section}", a.section)
	h("GET /sections/{section}/feed.atom", a.feed)
	h("GET /sources/{id}", a.source)
	h("GET /history/{kind}/{id}", a.history)
	h("GET /records/{kind}/{id}", a.record)
	h("GET /files/{sha}", a.file)
	h("GET /reviews", a.reviews)
	h("GET /search", a.search)

	h("GET /signin", a.signInPage)
	h("POST /signin", a.signIn)
	h("POST /signout", a.signOut)
	h("GET /admin/accounts", a.accounts)
	h("POST /admin/accounts", a.addAccount)
	h("POST /admin/accounts/{name}/password", a.setPassword)
	h("POST /admin/accounts/{name}/disable", a.disableAccount)
	h("POST /admin/accounts/{name}/enable", a.enableAccount)
	h("GET /admin/audit", a.auditLog)

	a.formRoutes(h)
}

// directory holds the names of states and bodies, which almost every page shows. It is
// read again whenever the journal has moved on.
type directory struct {
	seq    int64
	org    secretariat.Organization
	states map[string]secretariat.MemberState
	order  []string // state IDs in the order of their English names
	bodies map[string]secretariat.Body
}

func (a *App) directory(ctx context.Context) (*directory, error) {
	seq, _, err := a.st.Head(ctx)
	if err != nil {
		return nil, err
	}
	a.dirMu.Lock()
	defer a.dirMu.Unlock()
	if a.dir != nil && a.dir.seq == seq {
		return a.dir, nil
	}
	d := &directory{seq: seq, states: map[string]secretariat.MemberState{}, bodies: map[string]secretariat.Body{}}
	states, _, err := store.FindAll[secretariat.MemberState](ctx, a.st, secretariat.Secretariat, store.Filter{})
	if err != nil {
		return nil, err
	}
	for _, s := range states {
		d.states[s.ID] = s
		d.order = append(d.order, s.ID)
	}
	bodies, _, err := store.FindAll[secretariat.Body](ctx, a.st, secretariat.Secretariat, store.Filter{})
	if err != nil {
		return nil, err
	}
	for _, b := range bodies {
		d.bodies[b.ID] = b
	}
	orgs, _, err := store.FindAll[secretariat.Organization](ctx, a.st, secretariat.Secretariat, store.Filter{Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(orgs) > 0 {
		d.org = orgs[0]
	}
	a.dir = d
	return d, nil
}

// Base is what every page carries: the reader's language and account, the page's title
// and place in the site, and the helpers templates use to write links, dates, labels and
// names in the reader's language.
type Base struct {
	Lang  secretariat.Lang
	Title string
	// Nav is the section of the site the page belongs to, for the menu.
	Nav string
	// User is the signed-in account; nil for the public.
	User *store.Account
	// Flash is a message about what the last form did.
	Flash string
	// Feed is the address of an Atom feed of the page, if it has one.
	Feed string
	// Wide lets the page use the whole width of the window: the positions grid.
	Wide bool
	// path is the request's path and query without lang, for the language switch.
	path string
	dir  *directory
	// collate compares names in the reader's alphabetical order; made once per page.
	collate func(a, b string) int
	// log is the transparency log's latest checkpoint, for record pages (translog.go).
	log *LogLine
}

// base builds the page base for a request.
func (a *App) base(r *http.Request, title, nav string) (*Base, error) {
	d, err := a.directory(r.Context())
	if err != nil {
		return nil, err
	}
	b := &Base{Lang: Lang(r), Title: title, Nav: nav, dir: d, log: a.logLine(r.Context())}
	if ses := auth.FromContext(r.Context()); ses != nil {
		acct := ses.Account
		b.User = &acct
	}
	q := r.URL.Query()
	q.Del("lang")
	b.path = r.URL.Path
	if len(q) > 0 {
		b.path += "?" + q.Encode()
	}
	if c, err := r.Cookie(flashCookie); err == nil {
		b.Flash = tr(b.Lang, flashes[c.Value])
	}
	return b, nil
}

// viewer is who reads: the signed-in account, or the public.
func viewer(r *http.Request) secretariat.Viewer {
	if ses := auth.FromContext(r.Context()); ses != nil {
		return ses.Account.Viewer()
	}
	return secretariat.Anonymous
}

// T translates an interface string.
func (b *Base) T(en string) string { return tr(b.Lang, en) }

// Tf translates a format string and fills it in.
func (b *Base) Tf(en string, args ...any) string { return trf(b.Lang, en, args...) }

// N writes a count with its noun: "17 items", "17 вопросов".
func (b *Base) N(n int, noun string) string { return count(b.Lang, n, noun) }

// Label names an enumerated value.
func (b *Base) Label(group string, v any) string { return label(b.Lang, group, fmt.Sprint(v)) }

// Tx picks a text's form in the reader's language, falling back to the other.
func (b *Base) Tx(t secretariat.Text) string { return t.In(b.Lang) }

// Date writes a date as a sentence has it.
func (b *Base) Date(d secretariat.Date) string { return longDate(d, b.Lang) }

// Short writes a date for a table.
func (b *Base) Short(d secretariat.Date) string { return shortDate(d, b.Lang) }

// DateS writes a date given as YYYY-MM-DD for a table.
func (b *Base) DateS(s string) string {
	d, err := secretariat.ParseDate(s)
	if err != nil {
		return s
	}
	return shortDate(d, b.Lang)
}

// Time writes a moment.
func (b *Base) Time(t time.Time) string { return timestamp(t, b.Lang) }

// Num writes a number with the language's separators.
func (b *Base) Num(v float64) string { return report.FormatNumber(v, b.Lang) }

// Amount writes a figure with its qualifier and unit.
func (b *Base) Amount(a secretariat.Amount) string { return report.FormatAmount(a, b.Lang) }

// Pct writes a percentage.
func (b *Base) Pct(v float64) string { return strconv.Itoa(int(math.Round(v))) + "%" }

// Href adds the reader's language to a link within the site.
func (b *Base) Href(p string) string { return withLang(p, b.Lang) }

// LangHref is the address of this page in another language.
func (b *Base) LangHref(l string) string { return withLang(b.path, secretariat.Lang(l)) }

// Rec is the address of a record's page.
func (b *Base) Rec(kind, id string) string { return b.Href(RecordPath(kind, id)) }

// KindName names a kind of record for people, in the reader's language.
func (b *Base) KindName(kind string) string {
	if k, ok := secretariat.LookupKind(kind); ok {
		return k.Title.In(b.Lang)
	}
	return kind
}

// StateName is a member state's name, or its ID when the record does not have it.
func (b *Base) StateName(id string) string {
	if s, ok := b.dir.states[id]; ok {
		return s.Name.In(b.Lang)
	}
	return id
}

// BodyName is a body's name.
func (b *Base) BodyName(id string) string {
	if x, ok := b.dir.bodies[id]; ok {
		return x.Name.In(b.Lang)
	}
	return id
}

// BodyShort is a body's short name, or its name.
func (b *Base) BodyShort(id string) string {
	if x, ok := b.dir.bodies[id]; ok {
		if s := x.Short.In(b.Lang); s != "" {
			return s
		}
		return x.Name.In(b.Lang)
	}
	return id
}

// Party names a responsible party: a body, the secretariat, a state or all states.
func (b *Base) Party(id string) string {
	switch {
	case id == "secretariat":
		return tr(b.Lang, "Secretariat")
	case id == "all_states":
		return tr(b.Lang, "all member states")
	}
	if _, ok := b.dir.states[id]; ok {
		return b.StateName(id)
	}
	return b.BodyName(id)
}

// PartyHref links a responsible party's page, or returns "" for the secretariat and all states.
func (b *Base) PartyHref(id string) string {
	if _, ok := b.dir.states[id]; ok {
		return b.Rec("state", id)
	}
	if _, ok := b.dir.bodies[id]; ok {
		return b.Rec("body", id)
	}
	return ""
}

// OrgName is the organization's name.
func (b *Base) OrgName() string {
	if n := b.dir.org.Name.In(b.Lang); n != "" {
		return n
	}
	return "secretariat"
}

// HasOrg reports whether the record has its organization yet.
func (b *Base) HasOrg() bool { return b.dir.org.ID != "" }

// OrgShort is the organization's short name.
func (b *Base) OrgShort() string {
	if n := b.dir.org.Short.In(b.Lang); n != "" {
		return n
	}
	return b.OrgName()
}

// CanWrite reports whether the reader keeps the record: an officer or administrator.
func (b *Base) CanWrite() bool { return b.User != nil && b.User.Viewer().SeesAll() }

// IsAdmin reports whether the reader manages accounts.
func (b *Base) IsAdmin() bool { return b.User != nil && b.User.Role == secretariat.RoleAdmin }

// AssetVersion is a hash of the stylesheet and script, so browsers fetch them anew
// after a release.
func (b *Base) AssetVersion() string { return assetVersion }

// RecordPath is the path of a record's page within the site.
func RecordPath(kind, id string) string {
	e := url.PathEscape(id)
	switch kind {
	case "session", "item", "decision", "draft", "task", "state", "body", "threat", "area", "operation", "publication", "source":
		plural := map[string]string{"session": "sessions", "item": "items", "decision": "decisions", "draft": "drafts", "task": "tasks",
			"state": "states", "body": "bodies", "threat": "threats", "area": "areas", "operation": "operations",
			"publication": "publications", "source": "sources"}[kind]
		return "/" + plural + "/" + e
	case "chairmanship":
		return "/chairmanships/" + e
	case "organization":
		return "/"
	}
	return "/records/" + url.PathEscape(kind) + "/" + e
}

// withLang sets the lang parameter of a site address, before any fragment.
func withLang(p string, lang secretariat.Lang) string {
	frag := ""
	if i := strings.IndexByte(p, '#'); i >= 0 {
		p, frag = p[:i], p[i:]
	}
	u, err := url.Parse(p)
	if err != nil {
		return p + frag
	}
	q := u.Query()
	q.Set("lang", string(lang))
	u.RawQuery = q.Encode()
	return u.String() + frag
}

// Lang is the reader's language: ?lang= when given, else the language cookie, else the
// browser's first preference between Russian and English, else English.
func Lang(r *http.Request) secretariat.Lang {
	if l, err := secretariat.ParseLang(r.URL.Query().Get("lang")); err == nil {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, err := secretariat.ParseLang(c.Value); err == nil {
			return l
		}
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "ru"):
			return secretariat.RU
		case strings.HasPrefix(tag, "en"):
			return secretariat.EN
		}
	}
	return secretariat.EN
}

const (
	langCookie  = "lang"
	flashCookie = "flash"
)

// RememberLang keeps a language chosen with ?lang= in a cookie, so that it holds on
// pages reached without the parameter.
func RememberLang(w http.ResponseWriter, r *http.Request) {
	l, err := secretariat.ParseLang(r.URL.Query().Get("lang"))
	if err != nil {
		return
	}
	if c, err := r.Cookie(langCookie); err == nil && c.Value == string(l) {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
}

// flashes are the messages a form leaves for the page it leads to.
var flashes = map[string]string{
	"saved":     "Saved in the record.",
	"signedin":  "You are signed in.",
	"signedout": "You are signed out.",
	"account":   "The account is saved.",
}

// redirectAfter sends the browser to a page after a successful form, with a message.
func redirectAfter(w http.ResponseWriter, r *http.Request, to, flash string) error {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: flash, Path: "/", MaxAge: 30, HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, withLang(to, Lang(r)), http.StatusSeeOther)
	return nil
}

// clearFlash removes the message once a page has shown it.
func clearFlash(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie(flashCookie); err == nil {
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
			Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
	}
}

// page is any typed page struct: it embeds *Base.
type page interface{ base() *Base }

func (b *Base) base() *Base { return b }

var funcs = template.FuncMap{
	"proofPath":  ProofPath,
	"add":        func(a, b int) int { return a + b },
	"join":       strings.Join,
	"navItems":   func() []navItem { return navigation },
	"mul100":     func(x float64) float64 { return 100 * x },
	"WentAction": WentAction,
	// dict passes several values to a shared template: (dict "B" $ "A" .Access).
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict takes pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict keys are strings")
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// pages holds one template set per page: the layout, the shared partials and the page.
var pages = func() map[string]*template.Template {
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		base := path.Base(n)
		if base == "layout.html" || base == "partials.html" {
			continue
		}
		out[base] = template.Must(template.New(base).Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials.html", n))
	}
	return out
}()

// render writes a page with status. It renders into a buffer first, so that a template
// error never leaves half a page.
func (a *App) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) error {
	t, ok := pages[name]
	if !ok {
		return fmt.Errorf("no template %s", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return fmt.Errorf("rendering %s: %w", name, err)
	}
	clearFlash(w, r)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", string(p.base().Lang))
	switch p.(type) {
	case *FormPage, *GridPage, *AccountsPage, *AuditPage, *ErrorPage:
		// Forms, accounts and errors are never kept by a cache: they hold what was typed,
		// who may sign in, or a refusal meant for one request.
		h.Set("Cache-Control", "no-store")
	}
	h.Add("Vary", "Cookie")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// ErrorPage tells the reader what went wrong, in their language.
type ErrorPage struct {
	*Base
	Status  int
	Message string
	// SignIn offers the sign-in page.
	SignIn bool
	Next   string
}

// ErrorPage renders an error as a page. A reader who is not signed in and asks for an
// officer's page is sent to sign in.
func (a *App) ErrorPage(w http.ResponseWriter, r *http.Request, status int, err error) {
	if status == http.StatusUnauthorized && r.Method == http.MethodGet {
		http.Redirect(w, r, withLang("/signin?next="+url.QueryEscape(r.URL.RequestURI()), Lang(r)), http.StatusSeeOther)
		return
	}
	b, berr := a.base(r, "", "")
	if berr != nil {
		b = &Base{Lang: Lang(r), dir: &directory{}}
	}
	p := &ErrorPage{Base: b, Status: status, SignIn: b.User == nil && (status == http.StatusForbidden || status == http.StatusUnauthorized),
		Next: r.URL.RequestURI()}
	switch status {
	case http.StatusNotFound:
		b.Title = b.T("Not found")
		p.Message = b.T("There is no such page, or it holds records you may not see.")
	case http.StatusForbidden:
		b.Title = b.T("Not allowed")
		p.Message = b.T("Your account may not do this.")
	case http.StatusUnauthorized:
		b.Title = b.T("Sign in first")
		p.Message = b.T("This page is for the secretariat: sign in to use it.")
	case http.StatusServiceUnavailable:
		b.Title = b.T("The server is busy")
		p.Message = b.T("It is building as many years in review as it may at once. Try again in a few seconds.")
	case http.StatusInternalServerError:
		b.Title = b.T("Something went wrong")
		p.Message = b.T("The server could not show this page. The error is logged; try again later.")
	default:
		b.Title = b.T("The request was refused")
		p.Message = localizeError(b.Lang, err)
	}
	if rerr := a.render(w, r, status, "error.html", p); rerr != nil {
		a.log.Error("rendering the error page", "err", rerr)
		http.Error(w, http.StatusText(status), status)
	}
}

// assetVersion is a short hash of the embedded assets.
var assetVersion = func() string {
	h := sha256.New()
	fs.WalkDir(assetFiles, "assets", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := assetFiles.ReadFile(p)
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}()

// assetHandler serves the stylesheet, the script and the icons, cached for a year:
// their addresses change with their content.
func assetHandler() http.Handler {
	sub, err := fs.Sub(assetFiles, "assets")
	if err != nil {
		panic(err)
	}
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") || r.URL.Path == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		files.ServeHTTP(w, r)
	})
}

func authSession(r *http.Request) *store.SignInSession { return auth.FromContext(r.Context()) }

// navItem is one entry of the site's menu.
type navItem struct{ Key, Path, Label string }

var navigation = []navItem{
	{"sessions", "/sessions", "Sessions"},
	{"decisions", "/decisions", "Decisions"},
	{"tasks", "/tasks", "Tasks"},
	{"chairmanships", "/chairmanships", "Chairmanships"},
	{"states", "/states", "States"},
	{"threats", "/threats", "Threats"},
	{"operations", "/operations", "Operations"},
	{"publications", "/publications", "Publications"},
	{"search", "/search", "Search"},
}

// Pager is the navigation of a long list.
type Pager struct {
	B                  *Base
	Page, Pages, Total int
	Noun               string
	Prev, Next         string
}

// pageParam reads ?page=, from 1.
func pageParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// pager builds the navigation for page of a list of total, per to a page. A page past
// the end is not found.
func (b *Base) pager(page, per, total int, noun string) (Pager, error) {
	pages := max(1, (total+per-1)/per)
	if page > pages {
		return Pager{}, secretariat.Errorf(secretariat.ENOTFOUND, "page %d is past the end (%d pages)", page, pages)
	}
	p := Pager{B: b, Page: page, Pages: pages, Total: total, Noun: noun}
	link := func(n int) string {
		u, _ := url.Parse(b.path)
		q := u.Query()
		if n == 1 {
			q.Del("page")
		} else {
			q.Set("page", strconv.Itoa(n))
		}
		u.RawQuery = q.Encode()
		return b.Href(u.String())
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < pages {
		p.Next = link(page + 1)
	}
	return p, nil
}

// compare orders names in the alphabetical order of the reader's language.
func (b *Base) compare(x, y string) int {
	if b.collate == nil {
		b.collate = secretariat.AlphabeticalOrder(b.Lang)
	}
	return b.collate(x, y)
}
