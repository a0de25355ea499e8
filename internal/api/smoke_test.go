package api

import "testing"

func TestSmoke(t *testing.T) {
	ta := newTestAPI(t, Options{})
	for _, p := range []string{"/api/v1/items?limit=2", "/api/v1/items/csc-2019-11-28-2", "/api/v1/decisions/csc-2019-8?lang=ru", "/api/v1/reviews/2019", "/api/v1/operations/mercenary", "/api/v1/states/KG/votes"} {
		r := ta.get(p, "")
		t.Logf("%s %d %s", p, r.status, clip(r.body))
	}
}
