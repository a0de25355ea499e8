package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
)

// Limits of what a request may send.
const (
	// MaxJSONBody bounds a JSON request body.
	MaxJSONBody = 1 << 20
	// MaxDepth bounds how deeply a JSON body nests objects and arrays; no body of the API
	// needs more than a handful of levels.
	MaxDepth = 32
)

// noBody is the input of a verb that takes nothing but its path.
type noBody struct{}

// requireJSON refuses a body that does not say it is JSON.
func requireJSON(r *http.Request) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return errorf(codeMediaType, fmt.Sprintf("send the body as JSON with Content-Type: application/json (got %q)", r.Header.Get("Content-Type")))
	}
	return nil
}

// readBody reads a request body of at most limit bytes.
func readBody(r *http.Request, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || int64(len(data)) > limit {
		return nil, errorf(codeTooLarge, fmt.Sprintf("the body is larger than %d bytes", limit))
	}
	if err != nil {
		return nil, errorf(codeInvalid, "the body could not be read: "+err.Error())
	}
	return data, nil
}

// decodeJSON reads one JSON value of type T: no deeper than MaxDepth, with no field T
// does not have and nothing after it. What is wrong is said with the field's name.
func decodeJSON[T any](data []byte) (T, error) {
	var out T
	if len(bytes.TrimSpace(data)) == 0 {
		return out, errorf(codeInvalid, "the body is empty: send a JSON object")
	}
	if err := checkDepth(data); err != nil {
		return out, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		return out, decodeError(err, reflect.TypeFor[T]())
	}
	if _, err := dec.Token(); err != io.EOF {
		return out, errorf(codeInvalid, "the body has more after its JSON value: send one JSON object")
	}
	return out, nil
}

// checkDepth refuses JSON nested deeper than MaxDepth before anything decodes it.
func checkDepth(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return decodeError(err, nil)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
			if depth > MaxDepth {
				return errorf(codeInvalid, fmt.Sprintf("the body nests deeper than %d levels", MaxDepth))
			}
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
}

// decodeError says what is wrong with a body, naming the field when there is one.
func decodeError(err error, t reflect.Type) error {
	what := "the body"
	if t != nil && t != reflect.TypeFor[noBody]() {
		what = "a " + t.Name()
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return errorf(codeInvalid, fmt.Sprintf("the body is not valid JSON (at byte %d): %s", syn.Offset, syn.Error()))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return errorf(codeInvalid, fmt.Sprintf("a value in the body must be %s, not %s", jsonKind(typ.Type), typ.Value))
		}
		return &apiError{code: codeInvalid, message: fmt.Sprintf("field %q must be %s, not %s", field, jsonKind(typ.Type), typ.Value),
			fields: map[string]string{field: "must be " + jsonKind(typ.Type)}}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errorf(codeInvalid, "the body ends in the middle of its JSON value")
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return &apiError{code: codeInvalid, message: fmt.Sprintf("%s has no field %q", what, name),
			fields: map[string]string{name: "unknown field"}}
	}
	// Errors of a field's own decoder (a date that is not YYYY-MM-DD) say what is wrong.
	return errorf(codeInvalid, "the body could not be read: "+strings.TrimPrefix(msg, "json: "))
}

// jsonKind names the JSON a Go type is read from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64, reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return t.String()
}

// encodeJSON writes v as JSON, with <, > and & escaped so that no answer reads as HTML.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := encodeJSON(v)
	if err != nil {
		http.Error(w, `{"error":{"code":"EINTERNAL","message":"internal error"}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}
