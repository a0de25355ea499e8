package api

import (
	"bytes"
	"errors"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"secretariat"
)

// Every JSON body decoder of the API (one per verb that takes a body) is fuzzed with the
// same inputs: none may panic, and each either reads the body or refuses it with an
// error a client can act on (never an internal one).
func FuzzDecodeBodies(f *testing.F) {
	for _, seed := range []string{
		`{}`, `{"id":"csc-2020-05-01","body":"csc","date":"2020-05-01","kind":"regular"}`,
		`{"state":"KG","stance":"joins_with_reservation","reservation":{"en":"x","authentic":"en"}}`,
		`{"requires_ratification":true,"access":{"classification":"confidential","parties":["KG"]}}`,
		`{"date":"2020-13-45"}`, `{"id":5}`, `[1,2,3]`, `{"a":{"b":{"c":[[[[]]]]}}}`, `{"full_name":"A B"}`,
		`{"on":"2020-03-01","priorities":[{"text":{"en":"Peace"}}]}`, `{"votes":[{"state":"AM","stance":"joins"}]}`,
		"{\"id\":\"\xff\"}", `{"id":"x"} trailing`, `nul`, `{"text":"` + strings.Repeat("я", 100) + `"}`,
	} {
		f.Add([]byte(seed))
	}
	routes := (&API{}).table()
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, rt := range routes {
			if rt.decode == nil {
				continue
			}
			err := rt.decode(body)
			if err == nil {
				continue
			}
			var ae *apiError
			if !errors.As(err, &ae) && secretariat.ErrorCode(err) != secretariat.EINVALID {
				t.Fatalf("%s %s: %q refused with %v (code %s)", rt.method, rt.path, body, err, secretariat.ErrorCode(err))
			}
		}
	})
}

// The multipart reader of reports, fuzzed with bodies under a fixed boundary.
func FuzzMultipartReport(f *testing.F) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.SetBoundary("fuzzboundary")
	p, _ := w.CreateFormField("json")
	p.Write([]byte(`{"date":"2020-06-01","progress":50}`))
	d, _ := w.CreateFormFile("documents", "a.txt")
	d.Write([]byte("text"))
	w.Close()
	f.Add(b.Bytes())
	f.Add([]byte("--fuzzboundary\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--fuzzboundary--\r\n"))
	f.Add([]byte("--fuzzboundary--"))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest("POST", "/api/v1/tasks/t/reports", bytes.NewReader(body))
		r.Header.Set("Content-Type", "multipart/form-data; boundary=fuzzboundary")
		c := &call{r: r}
		if err := readMultipart(c); err != nil {
			var ae *apiError
			if !errors.As(err, &ae) {
				t.Fatalf("refused with %v", err)
			}
			return
		}
		if c.body == nil {
			t.Fatal("read without its json part")
		}
	})
}

// Cursors come back from clients: any string is read or refused, never trusted.
func FuzzCursor(f *testing.F) {
	f.Add(encodeCursor(cursor{Offset: 50, Seq: 10, Filter: filterKey("item", nil)}))
	f.Add("eyJvIjotMX0")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCursor(s, filterKey("item", nil))
		if err == nil && (c.Offset < 0 || c.Seq < 0 || c.Filter != filterKey("item", nil)) {
			t.Fatalf("accepted %q as %+v", s, c)
		}
	})
}
