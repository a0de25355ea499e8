package auth

import (
	"context"
	"net/http"

	"secretariat/internal/store"
)

type ctxKey struct{}

// NewContext returns ctx carrying the request's sign-in session.
func NewContext(ctx context.Context, ses *store.SignInSession) context.Context {
	return context.WithValue(ctx, ctxKey{}, ses)
}

// FromContext returns the request's sign-in session, or nil for the public.
func FromContext(ctx context.Context) *store.SignInSession {
	ses, _ := ctx.Value(ctxKey{}).(*store.SignInSession)
	return ses
}

// CookieName is the sign-in cookie's name. Over TLS it carries the __Host- prefix, which
// browsers accept only with Secure, Path=/ and no Domain, so no other site on the
// domain can set or overwrite it.
func CookieName(r *http.Request) string {
	if r.TLS != nil {
		return "__Host-secretariat"
	}
	return "secretariat"
}

// TokenFrom returns the sign-in token a request carries, or "".
func TokenFrom(r *http.Request) string {
	c, err := r.Cookie(CookieName(r))
	if err != nil {
		return ""
	}
	return c.Value
}

// SetCookie gives the browser its sign-in token: HttpOnly, SameSite=Lax, Secure over
// TLS, for the session's lifetime.
func (s *Service) SetCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: CookieName(r), Value: token, Path: "/", MaxAge: int(s.SessionTTL.Seconds()),
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
}

// ClearCookie removes the sign-in token from the browser.
func ClearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: CookieName(r), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
}
