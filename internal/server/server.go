// Package server composes the web application: the pages and forms (internal/ui), the
// year in review and the calendar, and the middleware every request passes through:
// recovery, logging, security headers, body limits, protection against cross-site
// requests, sign-in and the reader's language.
package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"secretariat"
	"secretariat/internal/api"
	"secretariat/internal/auth"
	"secretariat/internal/exchange"
	"secretariat/internal/httpx"
	"secretariat/internal/report"
	"secretariat/internal/report/pdf"
	"secretariat/internal/store"
	"secretariat/internal/ui"
)

// Options configure a server.
type Options struct {
	// Now gives the time for derived statuses and sign-ins; time.Now when nil.
	Now func() time.Time
	// Auth signs people in; a service over the store with the default limits when nil.
	Auth *auth.Service
	// NoCache serves every page anew instead of keeping it until the record changes.
	NoCache bool
	// API configures the JSON API under /api/ (its Now is the server's).
	API api.Options
	// BaseURL is the site's public address ("https://record.example.org"), from which
	// the iCalendar feed links its events to their pages; without it they carry no
	// link. It is configured, never taken from a request's Host header.
	BaseURL string
}

// Server serves the record.
type Server struct {
	st      *store.Store
	log     *slog.Logger
	app     *ui.App
	auth    *auth.Service
	handler http.Handler
	baseURL string
	// reviews bounds the years in review being built at once (each costs a fifth of a
	// second of CPU, a PDF more): the rest of the site stays served while a crowd asks
	// for reviews no one has asked for since the record changed. builds counts them.
	reviews    chan struct{}
	reviewWait time.Duration
	builds     atomic.Int64
}

// ReviewBuildsAtOnce is how many years in review a server builds at once: half the
// processors, at least one.
func ReviewBuildsAtOnce() int { return max(1, runtime.GOMAXPROCS(0)/2) }

// reviewQueueWait is how long a request waits for its turn to build a review before it
// is answered 503 with Retry-After.
const reviewQueueWait = 10 * time.Second

// CSP is the Content-Security-Policy of every page: scripts, styles and images from the
// site alone, no inline script or style, no framing, forms posted only to the site.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// New returns a server over st.
func New(st *store.Store, log *slog.Logger, opts Options) (*Server, error) {
	svc := opts.Auth
	if svc == nil {
		var err error
		if svc, err = auth.New(st); err != nil {
			return nil, err
		}
		svc.Clock = opts.Now
	}
	s := &Server{st: st, log: log, auth: svc, app: ui.New(st, svc, log), baseURL: strings.TrimSuffix(opts.BaseURL, "/"),
		reviews: make(chan struct{}, ReviewBuildsAtOnce()), reviewWait: reviewQueueWait}
	s.app.Now = opts.Now
	s.app.BaseURL = s.baseURL
	mux := http.NewServeMux()
	s.app.Routes(mux)
	mux.Handle("GET /calendar.ics", httpx.Handle(log, s.calendar))
	mux.Handle("GET /reports/{year}", httpx.HandleWith(log, s.report, s.app.ErrorPage))
	mux.Handle("GET /reports/{year}/pdf", httpx.HandleWith(log, s.reportPDF, s.app.ErrorPage))
	s.translogRoutes(mux)
	mux.Handle("/", httpx.HandleWith(log, func(http.ResponseWriter, *http.Request) error {
		return secretariat.Errorf(secretariat.ENOTFOUND, "there is no such page")
	}, s.app.ErrorPage))

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path, "origin", r.Header.Get("Origin"), "sec-fetch-site", r.Header.Get("Sec-Fetch-Site"))
		s.app.ErrorPage(w, r, http.StatusForbidden, secretariat.Errorf(secretariat.EFORBIDDEN, "a form of another site may not write to this one"))
	}))
	var pages http.Handler = mux
	if !opts.NoCache {
		pages = newPageCache(st, opts.Now).handler(mux)
	}
	// The JSON API authenticates by bearer token, never by the sign-in cookie, so it
	// needs no protection against cross-site forms, and it is never kept by the page cache.
	apiOpts := opts.API
	apiOpts.Now = opts.Now
	jsonAPI, err := api.New(st, log, apiOpts)
	if err != nil {
		return nil, err
	}
	top := http.NewServeMux()
	top.Handle("/api/", jsonAPI)
	top.Handle("/", cop.Handler(s.authenticate(s.language(pages))))
	s.handler = top
	return s, nil
}

// authenticate puts the reader's sign-in session, if any, into the request. A token
// that no longer signs in (expired, ended, disabled) is removed from the browser.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token := auth.TokenFrom(r); token != "" {
			ses, err := s.auth.Authenticate(r.Context(), token)
			switch secretariat.ErrorCode(err) {
			case "":
				r = r.WithContext(auth.NewContext(r.Context(), ses))
			case secretariat.EUNAUTHORIZED:
				auth.ClearCookie(w, r)
			default:
				s.log.Error("reading the sign-in", "err", err)
				http.Error(w, "internal error", http.StatusInternalServerError)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// language remembers a language chosen with ?lang= in a cookie.
func (s *Server) language(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ui.RememberLang(w, r)
		next.ServeHTTP(w, r)
	})
}

var styleBlock = regexp.MustCompile(`(?s)<style>(.*?)</style>`)

// report serves the year in review as a self-contained HTML page (?lang=ru for Russian),
// built for the reader from what the reader may see; its figures link to record pages.
// The page carries its stylesheet inline, so its policy allows that one stylesheet by
// its hash, and nothing else inline.
func (s *Server) report(w http.ResponseWriter, r *http.Request) error {
	review, err := s.review(r)
	if err != nil {
		return s.busy(w, r, err)
	}
	var buf bytes.Buffer
	lng := ui.Lang(r)
	links := func(kind, id string) string { return ui.RecordPath(kind, id) + "?lang=" + string(lng) }
	if err := report.RenderHTML(&buf, review, report.RenderOptions{Lang: lng, Links: links}); err != nil {
		return err
	}
	csp := CSP
	if m := styleBlock.FindAllSubmatch(buf.Bytes(), -1); len(m) > 0 {
		var hashes []string
		for _, sm := range m {
			sum := sha256.Sum256(sm[1])
			hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
		}
		csp = strings.Replace(csp, "style-src 'self'", "style-src 'self' "+strings.Join(hashes, " "), 1)
	}
	w.Header().Set("Content-Security-Policy", csp)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err = buf.WriteTo(w)
	return err
}

// review builds the review of the year in the request's path, for the reader.
func (s *Server) review(r *http.Request) (*report.YearReview, error) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "%q is not a year", r.PathValue("year"))
	}
	release, err := s.reviewTurn(r)
	if err != nil {
		return nil, err
	}
	defer release()
	s.builds.Add(1)
	return report.Build(r.Context(), s.st, year, time.Time{}, viewer(r))
}

// reviewTurn waits for a free place among the reviews being built.
func (s *Server) reviewTurn(r *http.Request) (release func(), err error) {
	t := time.NewTimer(s.reviewWait)
	defer t.Stop()
	select {
	case s.reviews <- struct{}{}:
		return func() { <-s.reviews }, nil
	case <-t.C:
		return nil, &busyError{retryAfter: 5 * time.Second}
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
}

// busy answers a request that found no place to build its review 503 with Retry-After;
// any other error is returned to the handler's adapter.
func (s *Server) busy(w http.ResponseWriter, r *http.Request, err error) error {
	var b *busyError
	if !errors.As(err, &b) {
		return err
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(b.retryAfter.Seconds())))
	w.Header().Set("Cache-Control", "no-store")
	s.app.ErrorPage(w, r, http.StatusServiceUnavailable, err)
	return nil
}

// busyError answers 503 with Retry-After: the server is building as many reviews as it
// may at once.
type busyError struct{ retryAfter time.Duration }

func (e *busyError) Error() string {
	return "the server is busy building other years in review: try again in a few seconds"
}

func viewer(r *http.Request) secretariat.Viewer {
	if ses := auth.FromContext(r.Context()); ses != nil {
		return ses.Account.Viewer()
	}
	return secretariat.Anonymous
}

// reportPDF serves the year in review as an A4 PDF (?lang=ru for Russian).
func (s *Server) reportPDF(w http.ResponseWriter, r *http.Request) error {
	review, err := s.review(r)
	if err != nil {
		return s.busy(w, r, err)
	}
	var buf bytes.Buffer
	if err := pdf.Render(&buf, review, report.RenderOptions{Lang: ui.Lang(r)}); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=review-%d-%s.pdf", review.Year, ui.Lang(r)))
	_, err = buf.WriteTo(w)
	return err
}

// calendar serves the iCalendar feed of sessions and task deadlines;
// ?responsible=X keeps one party's deadlines, ?lang=ru gives Russian.
func (s *Server) calendar(w http.ResponseWriter, r *http.Request) error {
	opts := exchange.CalendarOptions{Responsible: r.URL.Query().Get("responsible"), Lang: ui.Lang(r)}
	if s.baseURL != "" {
		opts.Link = func(kind, id string) string { return s.baseURL + ui.RecordPath(kind, id) }
	}
	cal, err := exchange.Calendar(r.Context(), s.st, viewer(r), opts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := cal.WriteTo(&buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	_, err = buf.WriteTo(w)
	return err
}

// ServeHTTP runs a request through the middleware and the routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic serving request", "path", r.URL.Path, "panic", fmt.Sprint(p))
			if !rec.wrote {
				http.Error(rec, "internal error", http.StatusInternalServerError)
			}
		}
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
	}()
	h := rec.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	h.Set("Content-Security-Policy", CSP)
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	// Bodies are bounded before anything reads them: forms with documents up to the
	// upload limit, everything else to the form limit.
	limit := int64(ui.MaxFormSize)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		limit = ui.MaxUploadSize
	}
	r.Body = http.MaxBytesReader(rec, r.Body, limit)
	r = s.readYourWrites(rec, r)
	s.handler.ServeHTTP(rec, r)
}

// seenCookie carries the journal entry a reader last wrote, so that on a record read from
// a replica their next pages show what they wrote (store.AtLeast); an API client sends
// the X-Secretariat-Seen header it was given instead.
const seenCookie = "secretariat_seen"

// readYourWrites makes the request's reads see the entry the reader last wrote, and, for
// a request that writes, notes the entry it wrote in the answer: a cookie and a header
// with the primary's journal head, set when the answer's status is written.
func (s *Server) readYourWrites(rec *statusRecorder, r *http.Request) *http.Request {
	var seen int64
	if c, err := r.Cookie(seenCookie); err == nil {
		seen, _ = strconv.ParseInt(c.Value, 10, 64)
	}
	if v, err := strconv.ParseInt(r.Header.Get("X-Secretariat-Seen"), 10, 64); err == nil {
		seen = max(seen, v)
	}
	if seen > 0 {
		r = r.WithContext(store.AtLeast(r.Context(), seen))
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		ctx := r.Context()
		rec.beforeHeader = func(status int) {
			if status >= 400 {
				return
			}
			seq, err := s.st.PrimaryHead(ctx)
			if err != nil || seq <= seen {
				return
			}
			v := strconv.FormatInt(seq, 10)
			rec.Header().Set("X-Secretariat-Seen", v)
			http.SetCookie(rec, &http.Cookie{Name: seenCookie, Value: v, Path: "/", MaxAge: 300, HttpOnly: true,
				Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
		}
	}
	return r
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
	// beforeHeader, when set, runs once before the status is written.
	beforeHeader func(status int)
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.beforeHeader != nil && !r.wrote {
		r.beforeHeader(code)
		r.beforeHeader = nil
	}
	r.status, r.wrote = code, true
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.WriteHeader(http.StatusOK)
	}
	r.wrote = true
	return r.ResponseWriter.Write(b)
}
