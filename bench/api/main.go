// Command api measures the JSON API on the UN General Assembly's archive
// (../shared/data/unvotes, 6,203 roll calls, 870,109 votes), through the whole server as
// `secretariat serve` runs it:
//
//   - GET /api/v1/items/{id} of an item with its 150–190 positions, and a list page of
//     100 items, at 1, 16 and 64 clients: throughput, median and 99th-percentile
//     latency, and the ratio to a handler that serves the same bytes and headers from
//     memory over the same loopback HTTP in the same run (target ≥ 0.25);
//
//   - a write verb, recording a position (POST /api/v1/items/{id}/positions with a
//     token), at 16 clients: the 99th-percentile latency (target < 20 ms).
//
//     go run ./bench/api -data ../shared/data/unvotes
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"text/tabwriter"
	"time"

	"secretariat"
	"secretariat/bench/harness"
	"secretariat/internal/api"
	"secretariat/internal/server"
	"secretariat/internal/store"
)

func main() {
	data := flag.String("data", "../shared/data/unvotes", "the unvotes directory")
	duration := flag.Duration("duration", 2*time.Second, "how long each measurement runs")
	unDB := flag.String("un-db", "", "reuse an imported UN archive database (made by an earlier run with -keep); the write benchmark adds to it")
	keep := flag.String("keep", "", "keep the imported UN archive database at this path")
	flag.Parse()
	if err := run(*data, *unDB, *keep, *duration); err != nil {
		fmt.Fprintln(os.Stderr, "api bench:", err)
		os.Exit(1)
	}
}

func run(data, unDB, keep string, d time.Duration) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "apibench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := harness.OpenUN(ctx, data, unDB, keep, dir)
	if err != nil {
		return err
	}
	defer st.Close()
	item, positions, err := busiestItem(ctx, st)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	// No rate limit: the benchmark is the only client.
	srv, err := server.New(st, log, server.Options{API: api.Options{TokenRate: -1, PublicRate: -1}})
	if err != nil {
		return err
	}
	load, _ := loadAverage()
	fmt.Printf("UN archive; %s per measurement; machine: %s, %d CPUs; load average %s; %s\n\n", d, hostname(), runtime.NumCPU(), load, time.Now().UTC().Format(time.DateOnly))
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "read\tclients\tbytes\treq/s\tp50\tp99\tbaseline req/s\tbaseline p99\tratio\t")
	worst := 1e9
	for _, rd := range []struct{ name, path string }{
		{fmt.Sprintf("item with %d positions", positions), api.Prefix + "/items/" + item},
		{"list page of 100 items", api.Prefix + "/items?limit=100"},
	} {
		for _, clients := range []int{1, 16, 64} {
			r, err := harness.Measure(srv, rd.path, clients, d)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "%s\t%d\t%d\t%.0f\t%s\t%s\t%.0f\t%s\t%.2f\t\n", rd.name, clients, r.Bytes, r.RPS, ms(r.P50), ms(r.P99), r.BaseRPS, ms(r.BaseP99), r.Ratio())
			worst = min(worst, r.Ratio())
		}
	}
	w.Flush()
	fmt.Printf("\nworst ratio to the baseline: %.2f (target ≥ 0.25)\n\n", worst)
	return writes(ctx, st, srv, d, 16)
}

// busiestItem is the archive's item with the most positions among the latest sessions.
func busiestItem(ctx context.Context, st *store.Store) (string, int, error) {
	sessions, _, err := st.FindSessions(ctx, store.SessionFilter{Latest: true, Limit: 20})
	if err != nil {
		return "", 0, err
	}
	best, most := "", 0
	for _, s := range sessions {
		items, _, err := store.FindAll[secretariat.AgendaItem](ctx, st, secretariat.Anonymous, store.Where("session", s.ID))
		if err != nil {
			return "", 0, err
		}
		for _, it := range items {
			_, n, err := st.Find(ctx, secretariat.Anonymous, "position", store.Filter{Where: []store.Cond{{Field: "item", Value: it.ID}}, Limit: 1})
			if err != nil {
				return "", 0, err
			}
			if n > most {
				best, most = it.ID, n
			}
		}
	}
	if best == "" {
		return "", 0, fmt.Errorf("the archive has no items")
	}
	return best, most, nil
}

// writes measures recording positions at clients at once: each client records, one
// request after another, the positions of the member states on items of its own, on a
// session added after the archive's last, through the API with an officer's token.
func writes(ctx context.Context, st *store.Store, srv http.Handler, d time.Duration, clients int) error {
	last, _, err := st.FindSessions(ctx, store.SessionFilter{Latest: true, Limit: 1})
	if err != nil || len(last) == 0 {
		return fmt.Errorf("the archive has no sessions: %v", err)
	}
	body := last[0].Body
	date := last[0].Date
	states, _, err := store.FindAll[secretariat.MemberState](ctx, st, secretariat.Secretariat, store.Filter{})
	if err != nil {
		return err
	}
	b, err := store.FindByID[secretariat.Body](ctx, st, secretariat.Secretariat, body)
	if err != nil {
		return err
	}
	var members []string
	for _, s := range states {
		if s.StandingIn(b, date) == secretariat.StandingMember {
			members = append(members, s.ID)
		}
	}
	session := fmt.Sprintf("bench-%d", time.Now().UnixNano())
	if _, err := st.ScheduleSession(ctx, secretariat.Session{ID: session, Body: body, Date: date, Kind: secretariat.Extraordinary}); err != nil {
		return err
	}
	const itemsPerClient = 20
	var items [][]string
	for c := 0; c < clients; c++ {
		var mine []string
		for i := 0; i < itemsPerClient; i++ {
			e, err := st.AddAgendaItem(ctx, secretariat.AgendaItem{Session: session, Title: secretariat.TEN("Benchmark question", ""), Kind: secretariat.Substantive})
			if err != nil {
				return err
			}
			mine = append(mine, e.ID)
		}
		items = append(items, mine)
	}
	acct := fmt.Sprintf("bench-%d", time.Now().UnixNano()%1e9)
	now := time.Now()
	if err := st.CreateAccount(ctx, store.Account{Name: acct, Role: secretariat.RoleOfficer, PasswordHash: "not used"}, store.AuditEntry{At: now, Actor: "bench"}); err != nil {
		return err
	}
	token, _, err := api.CreateToken(ctx, st, acct, store.ScopeWrite, time.Hour, now, store.AuditEntry{Actor: "bench"})
	if err != nil {
		return err
	}
	app := httptest.NewServer(srv)
	defer app.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var mu sync.Mutex
	var lat []time.Duration
	var failures int
	var wg sync.WaitGroup
	start := time.Now()
	stop := start.Add(d)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			n := 0
			for time.Now().Before(stop) && n < len(items[c])*len(members) {
				item, state := items[c][n/len(members)], members[n%len(members)]
				n++
				req, _ := http.NewRequest("POST", app.URL+api.Prefix+"/items/"+item+"/positions",
					bytes.NewReader([]byte(`{"state":"`+state+`","stance":"joins"}`)))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+token)
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					bad++
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				mine = append(mine, time.Since(t0))
				if res.StatusCode != http.StatusCreated {
					bad++
				}
			}
			mu.Lock()
			lat, failures = append(lat, mine...), failures+bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	if len(lat) == 0 {
		return fmt.Errorf("no write was answered")
	}
	if failures > 0 {
		return fmt.Errorf("%d of %d writes failed", failures, len(lat))
	}
	fmt.Printf("write: record a position, %d clients: %d writes, %.0f/s, p50 %s, p99 %s (target < 20 ms)\n",
		clients, len(lat), float64(len(lat))/elapsed.Seconds(), ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]))
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

func hostname() string {
	h, _ := os.Hostname()
	return h
}

func loadAverage() (string, error) {
	b, err := os.ReadFile(filepath.Join("/proc", "loadavg"))
	if err != nil {
		return "unknown", err
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return "unknown", nil
	}
	return string(bytes.Join(f[:3], []byte(" "))), nil
}
