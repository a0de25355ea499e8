// Command api is an example client of secretariat's JSON API: with a token of an
// officer, it schedules a session of the Collective Security Council with two items,
// records six positions, decides both items and reads the outcomes back.
//
//	go run ./examples/api -url http://127.0.0.1:8080 -token "$TOKEN"
//
// It uses nothing but the standard library; every request and answer is the API's own.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "where secretariat serves")
	token := flag.String("token", os.Getenv("SECRETARIAT_TOKEN"), "an API token with the write scope (env SECRETARIAT_TOKEN)")
	session := flag.String("session", "csc-2022-03-01", "the ID of the session to schedule; its date is its last ten characters")
	flag.Parse()
	c := &client{base: strings.TrimRight(*base, "/"), token: *token, http: http.DefaultClient}
	if err := run(c, *session, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "api example:", err)
		os.Exit(1)
	}
}

// client sends requests with the token and reads the API's answers.
type client struct {
	base, token string
	http        *http.Client
}

// apiError is the API's one error body.
type apiError struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

// do sends a request; a JSON body when body is not nil, If-Match when etag is not "".
// It decodes the answer into out and returns the answer's ETag.
func (c *client) do(method, path string, body any, etag string, out any) (string, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return "", err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if etag != "" {
		req.Header.Set("If-Match", etag)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode >= 300 {
		var e apiError
		if json.Unmarshal(data, &e) == nil && e.Error.Code != "" {
			return "", fmt.Errorf("%s %s: %d %s: %s %v", method, path, resp.StatusCode, e.Error.Code, e.Error.Message, e.Error.Fields)
		}
		return "", fmt.Errorf("%s %s: %d", method, path, resp.StatusCode)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return "", fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return resp.Header.Get("ETag"), nil
}

// written is what every verb answers: the record it is about and its journal entry.
type written struct {
	Record map[string]any `json:"record"`
	Entry  struct {
		Seq  int64  `json:"seq"`
		Hash string `json:"hash"`
		Verb string `json:"verb"`
	} `json:"entry"`
}

func en(s string) map[string]string { return map[string]string{"en": s, "authentic": "en"} }

func run(c *client, session string, out io.Writer) error {
	date := session[len(session)-10:]
	var w written
	if _, err := c.do("POST", "/api/v1/sessions", map[string]any{
		"id": session, "body": "csc", "date": date, "kind": "regular", "place": en("Moscow"),
	}, "", &w); err != nil {
		return err
	}
	fmt.Fprintf(out, "scheduled session %s (journal entry %d, %s…)\n", session, w.Entry.Seq, w.Entry.Hash[:12])

	items := []struct {
		title, kind string
		positions   [][2]string // state, stance
	}{
		{"Joint statement on the security of the member states", "substantive",
			[][2]string{{"KG", "joins"}, {"RU", "joins"}, {"BY", "non_interest"}}},
		{"Date and place of the next session", "procedural",
			[][2]string{{"AM", "joins"}, {"KZ", "joins"}, {"TJ", "objects"}}},
	}
	var ids []string
	for _, it := range items {
		if _, err := c.do("POST", "/api/v1/sessions/"+session+"/items", map[string]any{"title": en(it.title), "kind": it.kind}, "", &w); err != nil {
			return err
		}
		id := w.Record["id"].(string)
		ids = append(ids, id)
		fmt.Fprintf(out, "added item %s: %s\n", id, it.title)
		for _, p := range it.positions {
			if _, err := c.do("POST", "/api/v1/items/"+id+"/positions", map[string]any{"state": p[0], "stance": p[1]}, "", &w); err != nil {
				return err
			}
			fmt.Fprintf(out, "  %s %s (entry %d)\n", p[0], p[1], w.Entry.Seq)
		}
	}
	for _, id := range ids {
		// Deciding changes the item, so the API wants the version read: If-Match.
		etag, err := c.do("GET", "/api/v1/items/"+url.PathEscape(id), nil, "", nil)
		if err != nil {
			return err
		}
		if _, err := c.do("POST", "/api/v1/items/"+id+"/decide", map[string]any{}, etag, &w); err != nil {
			return err
		}
		fmt.Fprintf(out, "decided %s (entry %d)\n", id, w.Entry.Seq)
	}
	for _, id := range ids {
		var got struct {
			Data struct {
				Item struct {
					Outcome struct {
						Result   string   `json:"result"`
						NotBound []string `json:"not_bound"`
					} `json:"outcome"`
				} `json:"item"`
				Explanation map[string]string `json:"explanation"`
				Decision    *struct {
					ID string `json:"id"`
				} `json:"decision"`
			} `json:"data"`
		}
		if _, err := c.do("GET", "/api/v1/items/"+url.PathEscape(id)+"?lang=en", nil, "", &got); err != nil {
			return err
		}
		d := got.Data
		fmt.Fprintf(out, "%s: %s", id, d.Item.Outcome.Result)
		if d.Decision != nil {
			fmt.Fprintf(out, ", decision %s", d.Decision.ID)
		}
		if len(d.Item.Outcome.NotBound) > 0 {
			fmt.Fprintf(out, ", not binding %s", strings.Join(d.Item.Outcome.NotBound, ", "))
		}
		fmt.Fprintf(out, "\n  %s\n", d.Explanation["en"])
	}
	return nil
}
