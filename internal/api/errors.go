package api

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"secretariat"
	"secretariat/internal/store"
)

// The codes of the API's error body: the record's codes (secretariat.EINVALID …) by
// their constants' names, and the codes of what only HTTP refuses.
const (
	codeInvalid              = "EINVALID"
	codeNotFound             = "ENOTFOUND"
	codeConflict             = "ECONFLICT"
	codeUnauthorized         = "EUNAUTHORIZED"
	codeForbidden            = "EFORBIDDEN"
	codeInternal             = "EINTERNAL"
	codePreconditionFailed   = "EPRECONDITION"
	codePreconditionRequired = "EPRECONDITIONREQUIRED"
	codeTooLarge             = "ETOOLARGE"
	codeMediaType            = "EMEDIATYPE"
	codeRateLimited          = "ERATELIMIT"
)

// statusOf gives each code its HTTP status.
var statusOf = map[string]int{
	codeInvalid:              http.StatusBadRequest,
	codeUnauthorized:         http.StatusUnauthorized,
	codeForbidden:            http.StatusForbidden,
	codeNotFound:             http.StatusNotFound,
	codeConflict:             http.StatusConflict,
	codePreconditionFailed:   http.StatusPreconditionFailed,
	codeTooLarge:             http.StatusRequestEntityTooLarge,
	codeMediaType:            http.StatusUnsupportedMediaType,
	codePreconditionRequired: http.StatusPreconditionRequired,
	codeRateLimited:          http.StatusTooManyRequests,
	codeInternal:             http.StatusInternalServerError,
}

// recordCodes maps the record's error codes to the API's.
var recordCodes = map[string]string{
	secretariat.EINVALID:      codeInvalid,
	secretariat.ENOTFOUND:     codeNotFound,
	secretariat.ECONFLICT:     codeConflict,
	secretariat.EUNAUTHORIZED: codeUnauthorized,
	secretariat.EFORBIDDEN:    codeForbidden,
	secretariat.EINTERNAL:     codeInternal,
}

// Error is the one error body of the API: {"error": {"code", "message", "fields"}}.
type Error struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong: a code a program can act on, a message for people,
// and what is wrong with each field of the request, when that is known.
type ErrorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// apiError is an error raised by the API itself, with a code the record does not have.
type apiError struct {
	code    string
	message string
	fields  map[string]string
	// retryAfter, for ERATELIMIT, says when to come back.
	retryAfter time.Duration
}

func (e *apiError) Error() string { return e.message }

func errorf(code, message string) *apiError { return &apiError{code: code, message: message} }

// describe turns any error into the code, status and body the client sees. An error
// without a code is the server's fault: the client learns nothing of it but that.
func describe(err error) (int, Error, *apiError) {
	var ae *apiError
	if errors.As(err, &ae) {
		return statusOf[ae.code], Error{ErrorDetail{Code: ae.code, Message: ae.message, Fields: ae.fields}}, ae
	}
	var pe *store.PreconditionError
	if errors.As(err, &pe) {
		code := codePreconditionFailed
		if pe.Missing {
			code = codePreconditionRequired
		}
		return statusOf[code], Error{ErrorDetail{Code: code, Message: pe.Error()}}, nil
	}
	code := recordCodes[secretariat.ErrorCode(err)]
	if code == "" {
		code = codeInternal
	}
	d := ErrorDetail{Code: code, Message: secretariat.ErrorMessage(err), Fields: secretariat.ErrorFields(err)}
	if code == codeInternal {
		d = ErrorDetail{Code: codeInternal, Message: "internal error"}
	}
	return statusOf[code], Error{d}, nil
}

// writeError answers a failed request, logging the errors that are the server's.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status, body, ae := describe(err)
	if status == http.StatusInternalServerError {
		log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if ae != nil && ae.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(ae.retryAfter.Seconds()+0.999)))
	}
	writeJSON(w, status, body)
}
