// Package server composes the web application: the pages, the reports, and the
// middleware every request passes through (recovery, logging, security headers).
package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"secretariat"
	"secretariat/internal/exchange"
	"secretariat/internal/httpx"
	"secretariat/internal/present"
	"secretariat/internal/report"
	"secretariat/internal/report/pdf"
	"secretariat/internal/store"
	"secretariat/internal/ui"
)

// Server serves the record.
type Server struct {
	st  *store.Store
	log *slog.Logger
	mux *http.ServeMux
}

// New returns a server over st.
func New(st *store.Store, log *slog.Logger) *Server {
	s := &Server{st: st, log: log, mux: http.NewServeMux()}
	s.mux.Handle("GET /{$}", httpx.Handle(log, s.home))
	s.mux.Handle("GET /calendar.ics", httpx.Handle(log, s.calendar))
	s.mux.Handle("GET /reports/{year}", httpx.Handle(log, s.report))
	s.mux.Handle("GET /reports/{year}/pdf", httpx.Handle(log, s.reportPDF))
	s.mux.Handle("GET /records/{kind}/{id}", httpx.Handle(log, s.record))
	return s
}

// report serves the year in review as a self-contained HTML page (?lang=ru for Russian),
// built for the reader from what the reader may see; its figures link to record pages.
func (s *Server) report(w http.ResponseWriter, r *http.Request) error {
	review, err := s.review(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	lng := lang(r)
	links := func(kind, id string) string { return "/records/" + kind + "/" + id + "?lang=" + string(lng) }
	if err := report.RenderHTML(&buf, review, report.RenderOptions{Lang: lng, Links: links}); err != nil {
		return err
	}
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
	return report.Build(r.Context(), s.st, year, time.Time{}, s.viewer(r))
}

// reportPDF serves the year in review as an A4 PDF (?lang=ru for Russian).
func (s *Server) reportPDF(w http.ResponseWriter, r *http.Request) error {
	review, err := s.review(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pdf.Render(&buf, review, report.RenderOptions{Lang: lang(r)}); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=review-%d-%s.pdf", review.Year, lang(r)))
	_, err = buf.WriteTo(w)
	return err
}

// record shows one record, as the reader may see it.
func (s *Server) record(w http.ResponseWriter, r *http.Request) error {
	kind, id := r.PathValue("kind"), r.PathValue("id")
	info, ok := secretariat.LookupKind(kind)
	if !ok {
		return secretariat.Errorf(secretariat.ENOTFOUND, "%q is not a kind of record", kind)
	}
	view, err := s.st.View(r.Context(), s.viewer(r), kind, id)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(view)
	if err != nil {
		return err
	}
	doc, err := present.Decode(raw)
	if err != nil {
		return err
	}
	page := ui.RecordPage{Lang: lang(r), Kind: kind, ID: id, KindTitle: info.Title.In(lang(r))}
	present.Flatten(doc, "", page.Lang, &page.Fields)
	if b, _ := present.Lookup(doc, "illustrative").(bool); b {
		page.Illustrative = true
	}
	return ui.Render(w, "record.html", page)
}

// calendar serves the iCalendar feed of sessions and task deadlines;
// ?responsible=X keeps one party's deadlines, ?lang=ru gives Russian.
func (s *Server) calendar(w http.ResponseWriter, r *http.Request) error {
	cal, err := exchange.Calendar(r.Context(), s.st, s.viewer(r), exchange.CalendarOptions{
		Responsible: r.URL.Query().Get("responsible"), Lang: lang(r), BaseURL: "http://" + r.Host})
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

// viewer is who reads: the web application is public until sign-in exists.
func (s *Server) viewer(*http.Request) secretariat.Viewer { return secretariat.Anonymous }

func lang(r *http.Request) secretariat.Lang {
	if r.URL.Query().Get("lang") == "ru" {
		return secretariat.RU
	}
	return secretariat.EN
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	v := s.viewer(r)
	ctx := r.Context()
	sessions, _, err := store.FindAll[secretariat.Session](ctx, s.st, v, store.Filter{})
	if err != nil {
		return err
	}
	decisions, _, err := store.FindAll[secretariat.Decision](ctx, s.st, v, store.Filter{})
	if err != nil {
		return err
	}
	hidden, err := s.st.CountHidden(ctx, v, "decision", store.Filter{})
	if err != nil {
		return err
	}
	page := ui.HomePage{Lang: lang(r), Org: "secretariat", Sessions: sessions, Decisions: decisions, Hidden: hidden}
	orgs, _, err := store.FindAll[secretariat.Organization](ctx, s.st, v, store.Filter{Limit: 1})
	if err != nil {
		return err
	}
	if len(orgs) > 0 {
		page.Org = orgs[0].Name.In(page.Lang)
	}
	seen := map[int]bool{}
	for _, ses := range sessions {
		if y := ses.Date.Year(); !seen[y] {
			seen[y] = true
			page.Reports = append(page.Reports, y)
		}
	}
	return ui.Render(w, "home.html", page)
}

// ServeHTTP runs a request through the middleware and the routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic serving request", "path", r.URL.Path, "panic", fmt.Sprint(p))
			http.Error(rec, "internal error", http.StatusInternalServerError)
		}
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
	}()
	h := rec.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
	s.mux.ServeHTTP(rec, r)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}
