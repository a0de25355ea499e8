// Package api serves the record as JSON, at /api/v1, for the member states' and
// researchers' own tools: every kind of record listed and read, the views the command
// line has, and every verb as a POST to the resource it acts on, with the same access as
// the pages. Its OpenAPI 3.1 document (/api/openapi.json) is written from the same route
// table the server routes by, so the two cannot drift.
package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"secretariat"
	"secretariat/internal/store"
)

// Options configure the API.
type Options struct {
	// Now gives the time: tokens' expiry, "today" for derived statuses; time.Now when nil.
	Now func() time.Time
	// TokenRate is how many requests a second a token may make on average, TokenBurst
	// how many at once; past them the API answers 429. Zero rate: 20 a second, burst 100;
	// a negative rate: no limit.
	TokenRate  float64
	TokenBurst int
	// PublicRate and PublicBurst limit requests without a token, per client address.
	// Zero rate: 20 a second, burst 100; a negative rate: no limit.
	PublicRate  float64
	PublicBurst int
}

// API is the JSON API over a store.
type API struct {
	st      *store.Store
	log     *slog.Logger
	opts    Options
	routes  []route
	mux     *http.ServeMux
	tokens  *limiter
	public  *limiter
	openapi []byte
	cache   *answers
}

// Prefix is where the API's routes live; the OpenAPI document is at /api/openapi.json.
const Prefix = "/api/v1"

// OpenAPIPath is where the API's OpenAPI document is served.
const OpenAPIPath = "/api/openapi.json"

// New returns the API over st.
func New(st *store.Store, log *slog.Logger, opts Options) (*API, error) {
	rate := func(r float64, b int) *limiter {
		if r == 0 {
			r, b = 20, 100
		}
		if b == 0 {
			b = int(r * 5)
		}
		return newLimiter(r, b)
	}
	a := &API{st: st, log: log, opts: opts, mux: http.NewServeMux(),
		tokens: rate(opts.TokenRate, opts.TokenBurst), public: rate(opts.PublicRate, opts.PublicBurst),
		cache: newAnswers(64 << 20)}
	a.routes = a.table()
	for i := range a.routes {
		rt := &a.routes[i]
		a.mux.Handle(rt.method+" "+rt.path, a.handler(rt))
	}
	doc, err := a.document()
	if err != nil {
		return nil, fmt.Errorf("writing the OpenAPI document: %w", err)
	}
	a.openapi = doc
	a.mux.HandleFunc("GET "+OpenAPIPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(a.openapi)
	})
	return a, nil
}

func (a *API) now() time.Time {
	if a.opts.Now != nil {
		return a.opts.Now().UTC()
	}
	return time.Now().UTC()
}

// OpenAPI returns the OpenAPI 3.1 document of the API.
func (a *API) OpenAPI() []byte { return bytes.Clone(a.openapi) }

// ServeHTTP serves a request under /api/. A path the API does not have, or a method a
// path does not take, is answered in the API's error body.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("panic serving an API request", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p))
			writeError(w, r, a.log, fmt.Errorf("panic: %v", p))
		}
	}()
	w.Header().Set("Cache-Control", "no-store")
	h, pattern := a.mux.Handler(r)
	if pattern == "" {
		// The mux's own 404 and 405 are plain text; answer them in the API's body.
		rec := &probe{header: http.Header{}}
		h.ServeHTTP(rec, r)
		if rec.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", rec.header.Get("Allow"))
			writeJSON(w, http.StatusMethodNotAllowed, Error{ErrorDetail{Code: codeInvalid,
				Message: fmt.Sprintf("%s does not take %s; it takes %s", r.URL.Path, r.Method, rec.header.Get("Allow"))}})
			return
		}
		writeError(w, r, a.log, errorf(codeNotFound, "there is no such route: see "+OpenAPIPath))
		return
	}
	a.mux.ServeHTTP(w, r) // which sets the path's values, as Handler does not
}

// probe records what the mux's fallback handler would answer.
type probe struct {
	header http.Header
	status int
}

func (p *probe) Header() http.Header         { return p.header }
func (p *probe) Write(b []byte) (int, error) { return len(b), nil }
func (p *probe) WriteHeader(status int)      { p.status = status }

// call is one request as a handler sees it.
type call struct {
	a      *API
	w      http.ResponseWriter
	r      *http.Request
	client client
	// st reads the record: as of the request's as_of, when it has one.
	st   *store.Store
	lang secretariat.Lang
	// version, when set by a read, is answered as the ETag.
	version int64
	// body is the request's body as read; digest what its idempotency key stands for.
	body   []byte
	digest string
	files  []store.File
}

func (c *call) viewer() secretariat.Viewer { return c.client.viewer() }
func (c *call) ctx() context.Context       { return c.r.Context() }
func (c *call) path(name string) string    { return c.r.PathValue(name) }
func (c *call) query(name string) string   { return c.r.URL.Query().Get(name) }

// handler runs a route: it authenticates and limits the client, reads the common query
// parameters, and answers the route's result or error.
func (a *API) handler(rt *route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &call{a: a, w: w, r: r, st: a.st}
		if err := a.admit(c, rt); err != nil {
			writeError(w, r, a.log, err)
			return
		}
		if rt.verb != nil {
			status, body, err := a.write(c, rt)
			if err != nil {
				writeError(w, r, a.log, err)
				return
			}
			a.answer(w, status, &answer{version: c.version}, body)
			return
		}
		a.read(c, rt)
	})
}

// read answers a read from the answers kept since the journal last moved, or makes the
// answer and keeps it.
func (a *API) read(c *call, rt *route) {
	seq, hash, err := a.st.Head(c.ctx())
	if err != nil {
		writeError(c.w, c.r, a.log, err)
		return
	}
	head := headKey(seq, hash)
	key := c.viewer().String() + "\x00" + secretariat.DateOf(a.now()).String() + "\x00" + c.r.URL.RequestURI()
	if ans := a.cache.get(head, key); ans != nil {
		a.answer(c.w, http.StatusOK, ans, nil)
		return
	}
	body, err := rt.read(c)
	if err != nil {
		writeError(c.w, c.r, a.log, err)
		return
	}
	ans := &answer{key: key, version: c.version, lang: string(c.lang)}
	if ans.body, err = encodeJSON(body); err != nil {
		writeError(c.w, c.r, a.log, err)
		return
	}
	a.cache.put(head, ans)
	a.answer(c.w, http.StatusOK, ans, nil)
}

// answer writes a successful answer: ans's bytes when it has them, else body as JSON.
func (a *API) answer(w http.ResponseWriter, status int, ans *answer, body any) {
	if ans.version > 0 {
		w.Header().Set("ETag", etag(ans.version))
	}
	if ans.lang != "" {
		w.Header().Set("Content-Language", ans.lang)
	}
	if ans.body == nil {
		writeJSON(w, status, body)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(ans.body)
}

// admit authenticates the client, applies the rate limit and the route's scope, and
// reads the parameters every read takes (as_of, lang).
func (a *API) admit(c *call, rt *route) error {
	cl, err := a.authenticate(c.r)
	if err != nil {
		return err
	}
	c.client = cl
	key, lim := "addr:"+clientAddress(c.r), a.public
	if cl.token != nil {
		key, lim = "token:"+cl.token.ID, a.tokens
	}
	if ok, wait := lim.allow(key, a.now()); !ok {
		return &apiError{code: codeRateLimited, message: "too many requests: slow down and try again after the time Retry-After gives", retryAfter: wait}
	}
	if rt.verb != nil {
		switch {
		case cl.token == nil:
			return errorf(codeUnauthorized, "writing to the record needs a token with the write scope: send Authorization: Bearer TOKEN")
		case cl.token.Scope != store.ScopeWrite:
			return errorf(codeForbidden, "this token may only read: writing needs a token with the write scope (secretariat token create --scope write)")
		case !cl.viewer().SeesAll():
			return errorf(codeForbidden, "only the secretariat's officers keep the record")
		}
		return nil
	}
	q := c.r.URL.Query()
	if l := q.Get("lang"); l != "" {
		if c.lang, err = secretariat.ParseLang(l); err != nil {
			return &apiError{code: codeInvalid, message: secretariat.ErrorMessage(err), fields: map[string]string{"lang": "use ru or en"}}
		}
	}
	if s := q.Get("as_of"); s != "" {
		t, err := parseAsOf(s)
		if err != nil {
			return err
		}
		if c.st, err = a.st.AsOf(c.ctx(), t, nil); err != nil {
			return err
		}
	}
	return nil
}

// clientAddress is the request's remote address without its port.
func clientAddress(r *http.Request) string {
	host := r.RemoteAddr
	if i := strings.LastIndexByte(host, ':'); i > 0 && !strings.HasSuffix(host, "]") {
		host = host[:i]
	}
	return host
}

// parseAsOf reads a date (the end of that day, UTC) or an RFC 3339 time, as the command
// line's --as-of does.
func parseAsOf(s string) (time.Time, error) {
	if d, err := secretariat.ParseDate(s); err == nil {
		return d.EndTime(), nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, &apiError{code: codeInvalid, message: fmt.Sprintf("as_of %q is neither a date (YYYY-MM-DD) nor a time (RFC 3339)", s),
			fields: map[string]string{"as_of": "a date YYYY-MM-DD or an RFC 3339 time"}}
	}
	return t, nil
}

// etag writes a version as a strong entity tag.
func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// parseIfMatch reads an If-Match header: one entity tag this API gave, or "*" (0).
func parseIfMatch(h string) (int64, error) {
	h = strings.TrimSpace(h)
	if h == "*" {
		return 0, nil
	}
	n, err := strconv.ParseInt(strings.Trim(h, `"`), 10, 64)
	if err != nil || n < 1 || !strings.HasPrefix(h, `"`) || !strings.HasSuffix(h, `"`) || strings.Contains(h, ",") {
		return 0, &apiError{code: codeInvalid, message: fmt.Sprintf("If-Match %q is not one entity tag of this API: send the ETag you read, as \"123\"", h),
			fields: map[string]string{"If-Match": "one quoted version, as \"123\""}}
	}
	return n, nil
}

// digest hashes what an idempotency key stands for: the route and the request's content.
func digest(method, path string, parts ...[]byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s %s\n", method, path)
	for _, p := range parts {
		fmt.Fprintf(h, "%d\n", len(p))
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}
