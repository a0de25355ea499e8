package ui

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"secretariat"
	"secretariat/internal/auth"
	"secretariat/internal/httpx"
	"secretariat/internal/store"
)

// SignInPage asks for a name and a password.
type SignInPage struct {
	*Base
	Name  string
	Next  string
	Error string
}

// safeNext keeps a post-sign-in destination within the site.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || u.IsAbs() || u.Host != "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return next
}

func (a *App) signInPage(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "")
	if err != nil {
		return err
	}
	b.Title = b.T("Sign in")
	return a.render(w, r, http.StatusOK, "signin.html", &SignInPage{Base: b, Next: safeNext(r.URL.Query().Get("next"))})
}

// clientAddress is the address a request came from, for rate limits and the audit log.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (a *App) signIn(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return secretariat.Errorf(secretariat.EINVALID, "the form could not be read: %v", err)
	}
	name, password := strings.TrimSpace(r.PostForm.Get("name")), r.PostForm.Get("password")
	next := safeNext(r.PostForm.Get("next"))
	token, _, err := a.auth.SignIn(r.Context(), name, password, clientAddress(r), auth.TokenFrom(r))
	if err == nil {
		a.auth.SetCookie(w, r, token)
		return redirectAfter(w, r, next, "signedin")
	}
	b, berr := a.base(r, "", "")
	if berr != nil {
		return berr
	}
	b.Title = b.T("Sign in")
	p := &SignInPage{Base: b, Name: name, Next: next}
	status := http.StatusUnauthorized
	switch {
	case auth.IsThrottled(err):
		status = http.StatusTooManyRequests
		w.Header().Set("Retry-After", "900")
		p.Error = b.T("Too many failed sign-ins for this name or from this address. Wait a quarter of an hour and try again.")
	case err == auth.ErrBadCredentials:
		p.Error = b.T("The name or the password is wrong.")
	default:
		return err
	}
	return a.render(w, r, status, "signin.html", p)
}

func (a *App) signOut(w http.ResponseWriter, r *http.Request) error {
	if ses := authSession(r); ses != nil {
		if err := a.auth.SignOut(r.Context(), auth.TokenFrom(r), ses.Account.Name, clientAddress(r)); err != nil {
			return err
		}
	}
	auth.ClearCookie(w, r)
	return redirectAfter(w, r, "/", "signedout")
}

// AccountsPage is the administrators' page: every account, a form to add one, and the
// actions on each.
type AccountsPage struct {
	*Base
	Accounts []store.Account
	Add      []Field
	Error    string
}

// requireAdmin refuses anyone but an administrator.
func requireAdmin(r *http.Request) error {
	v := viewer(r)
	switch {
	case v.Role == secretariat.RolePublic:
		return secretariat.Errorf(secretariat.EUNAUTHORIZED, "sign in as an administrator")
	case v.Role != secretariat.RoleAdmin:
		return secretariat.Errorf(secretariat.EFORBIDDEN, "only administrators manage accounts")
	}
	return nil
}

func (a *App) accountFields(b *Base) []Field {
	role := b.selectField("role", "Role", b.enumOptions("role", "officer", "delegate", "admin"), true)
	state := b.selectField("state", "State of a delegate", b.stateOptions(), false)
	state.Help = b.T("A delegate sees what this state may see; leave empty for officers and administrators.")
	pw := b.input("password", "password", "Password", true)
	pw.Help = b.Tf("At least %d characters.", auth.MinPasswordLength)
	pw.Autocomplete = "new-password"
	name := b.input("text", "name", "Sign-in name", true)
	name.Autocomplete = "off"
	return []Field{name, role, state, pw}
}

func (a *App) accounts(w http.ResponseWriter, r *http.Request) error {
	return a.accountsPage(w, r, http.StatusOK, nil, "")
}

func (a *App) accountsPage(w http.ResponseWriter, r *http.Request, status int, f *form, msg string) error {
	if err := requireAdmin(r); err != nil {
		return err
	}
	b, err := a.base(r, "", "admin")
	if err != nil {
		return err
	}
	b.Title = b.T("Accounts")
	p := &AccountsPage{Base: b, Error: msg}
	if p.Accounts, err = a.st.Accounts(r.Context()); err != nil {
		return err
	}
	sets := []Fieldset{{Fields: a.accountFields(b)}}
	if f != nil {
		sets = f.fill(sets)
	}
	p.Add = sets[0].Fields
	return a.render(w, r, status, "accounts.html", p)
}

func (a *App) actor(r *http.Request) auth.Actor {
	return auth.Actor{Name: viewerName(r), Address: clientAddress(r)}
}

func (a *App) addAccount(w http.ResponseWriter, r *http.Request) error {
	if err := requireAdmin(r); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return secretariat.Errorf(secretariat.EINVALID, "the form could not be read: %v", err)
	}
	f := newForm(r, r.PostForm)
	name := f.str("name", true)
	role := f.choice("role", []string{"officer", "delegate", "admin"}, true)
	state := f.str("state", false)
	password := f.values.Get("password")
	if password == "" {
		f.fail("password", "Fill this in.")
	}
	if !f.ok() {
		return a.accountsPage(w, r, http.StatusBadRequest, f, "")
	}
	err := a.auth.AddAccount(r.Context(), a.actor(r), name, secretariat.Role(role), state, password)
	if err != nil {
		msg, ok := f.refused(err)
		if !ok {
			return err
		}
		return a.accountsPage(w, r, http.StatusBadRequest, f, msg)
	}
	return redirectAfter(w, r, "/admin/accounts", "account")
}

func (a *App) setPassword(w http.ResponseWriter, r *http.Request) error {
	if err := requireAdmin(r); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return secretariat.Errorf(secretariat.EINVALID, "the form could not be read: %v", err)
	}
	if err := a.auth.SetPassword(r.Context(), a.actor(r), r.PathValue("name"), r.PostForm.Get("password")); err != nil {
		f := newForm(r, nil)
		msg, ok := f.refused(err)
		if !ok {
			return err
		}
		return a.accountsPage(w, r, http.StatusBadRequest, nil, r.PathValue("name")+": "+msg+" "+strings.Join(f.unplaced(nil), "; "))
	}
	return redirectAfter(w, r, "/admin/accounts", "account")
}

func (a *App) disableAccount(w http.ResponseWriter, r *http.Request) error {
	if err := requireAdmin(r); err != nil {
		return err
	}
	if err := a.auth.Disable(r.Context(), a.actor(r), r.PathValue("name")); err != nil {
		if msg, ok := newForm(r, nil).refused(err); ok {
			return a.accountsPage(w, r, httpStatus(err), nil, msg)
		}
		return err
	}
	return redirectAfter(w, r, "/admin/accounts", "account")
}

func (a *App) enableAccount(w http.ResponseWriter, r *http.Request) error {
	if err := requireAdmin(r); err != nil {
		return err
	}
	if err := a.auth.Enable(r.Context(), a.actor(r), r.PathValue("name")); err != nil {
		return err
	}
	return redirectAfter(w, r, "/admin/accounts", "account")
}

// AuditPage is the account audit log, a page at a time.
type AuditPage struct {
	*Base
	Entries []store.AuditEntry
	Pager   Pager
	Account string
}

func (a *App) auditLog(w http.ResponseWriter, r *http.Request) error {
	if err := requireAdmin(r); err != nil {
		return err
	}
	b, err := a.base(r, "", "admin")
	if err != nil {
		return err
	}
	b.Title = b.T("Account audit log")
	p := &AuditPage{Base: b, Account: r.URL.Query().Get("account")}
	page := pageParam(r)
	entries, total, err := a.st.AccountAudit(r.Context(), p.Account, perPage, (page-1)*perPage)
	if err != nil {
		return err
	}
	p.Entries = entries
	if p.Pager, err = b.pager(page, perPage, total, "entry"); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "audit.html", p)
}

// httpStatus is the status of an application error.
func httpStatus(err error) int { return httpx.Status(secretariat.ErrorCode(err)) }
