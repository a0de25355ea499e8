package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"secretariat"
)

func TestErrorsBecomeStatuses(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cases := []struct {
		err    error
		status int
		body   string
	}{
		{secretariat.Errorf(secretariat.EINVALID, "bad date"), 400, "bad date"},
		{secretariat.Errorf(secretariat.ENOTFOUND, "no such item"), 404, "no such item"},
		{secretariat.Errorf(secretariat.ECONFLICT, "already decided"), 409, "already decided"},
		{secretariat.Errorf(secretariat.EUNAUTHORIZED, "sign in"), 401, "sign in"},
		{secretariat.Errorf(secretariat.EFORBIDDEN, "not yours"), 403, "not yours"},
		{errors.New("pq: connection refused to 10.0.0.7"), 500, "internal error"},
	}
	for _, c := range cases {
		for _, accept := range []string{"", "application/json"} {
			h := Handle(log, func(http.ResponseWriter, *http.Request) error { return c.err })
			req := httptest.NewRequest("GET", "/x", nil)
			req.Header.Set("Accept", accept)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.body) {
				t.Errorf("%v (%q): %d %q", c.err, accept, rec.Code, rec.Body.String())
			}
			if strings.Contains(rec.Body.String(), "10.0.0.7") {
				t.Errorf("internal detail leaked: %s", rec.Body.String())
			}
			if accept != "" {
				var v struct {
					Error struct{ Code, Message string }
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || v.Error.Message == "" {
					t.Errorf("JSON error body: %v %s", err, rec.Body.String())
				}
			}
		}
	}
}
