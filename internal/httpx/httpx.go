// Package httpx adapts handlers that return errors to net/http, and maps application
// errors to HTTP statuses, so that every handler reports failure the same way.
package httpx

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"secretariat"
)

// Status maps an error code to an HTTP status.
func Status(code string) int {
	switch code {
	case secretariat.EINVALID:
		return http.StatusBadRequest
	case secretariat.ENOTFOUND:
		return http.StatusNotFound
	case secretariat.ECONFLICT:
		return http.StatusConflict
	case secretariat.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case secretariat.EFORBIDDEN:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// HandlerFunc is a handler that returns its failure instead of writing it.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handle adapts h: an error becomes a response with the matching status, as JSON when
// the client asked for JSON and as plain text otherwise. Internal errors are logged and
// shown only as "internal error".
func Handle(log *slog.Logger, h HandlerFunc) http.Handler {
	return HandleWith(log, h, func(w http.ResponseWriter, _ *http.Request, status int, err error) {
		http.Error(w, secretariat.ErrorMessage(err), status)
	})
}

// ErrorRenderer writes the response for a failed request: a page in the reader's
// language, say. err is the handler's error; for a status of 500 it must not be shown.
type ErrorRenderer func(w http.ResponseWriter, r *http.Request, status int, err error)

// HandleWith is Handle with the response for clients that did not ask for JSON written
// by render.
func HandleWith(log *slog.Logger, h HandlerFunc, render ErrorRenderer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		code := secretariat.ErrorCode(err)
		status := Status(code)
		if status == http.StatusInternalServerError {
			log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		if r.Header.Get("Accept") == "application/json" {
			WriteJSON(w, status, map[string]any{"error": map[string]any{"code": code, "message": secretariat.ErrorMessage(err), "fields": secretariat.ErrorFields(err)}})
			return
		}
		render(w, r, status, err)
	})
}

// WriteJSON writes v as JSON with status.
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	return enc.Encode(v)
}
