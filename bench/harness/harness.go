// Package harness is what the HTTP benchmarks share: clients that request a path in a
// loop for a while and measure the throughput and latencies, the baseline (a handler that
// serves the same bytes and headers from memory, over the same loopback HTTP, in the
// same run), and the UN archive, imported once.
package harness

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"secretariat/internal/exchange"
	"secretariat/internal/store"
)

// Result is one path measured, and its baseline.
type Result struct {
	RPS, BaseRPS               float64
	P50, P99, BaseP50, BaseP99 time.Duration
	Bytes                      int
	Status                     int
	Failures                   int64
}

// Ratio is the throughput's ratio to the baseline's.
func (r Result) Ratio() float64 { return r.RPS / r.BaseRPS }

// Measure measures a handler on one path, then the baseline: a handler that writes the
// page's bytes and headers from memory, over the same loopback HTTP.
func Measure(h http.Handler, path string, clients int, d time.Duration) (Result, error) {
	app := httptest.NewServer(h)
	defer app.Close()
	res, err := http.Get(app.URL + path)
	if err != nil {
		return Result{}, err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return Result{}, err
	}
	if res.StatusCode != http.StatusOK {
		return Result{}, fmt.Errorf("%s: status %d: %.300s", path, res.StatusCode, body)
	}
	header := res.Header.Clone()
	out := Result{Bytes: len(body), Status: res.StatusCode}
	var failed atomic.Int64
	out.RPS, out.P50, out.P99 = Load(app.URL+path, clients, d, body, &failed)
	out.Failures = failed.Load()
	if out.Failures > 0 {
		return out, fmt.Errorf("%s: %d requests failed or answered other bytes", path, out.Failures)
	}
	base := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			if k != "Date" && k != "Content-Length" {
				w.Header()[k] = v
			}
		}
		w.Write(body)
	}))
	defer base.Close()
	out.BaseRPS, out.BaseP50, out.BaseP99 = Load(base.URL+path, clients, d, body, &failed)
	return out, nil
}

// Load runs clients that request url in a loop for d, and returns the throughput and
// the latencies' median and 99th percentile. A response other than 200 with the
// expected length counts as a failure.
func Load(url string, clients int, d time.Duration, want []byte, failed *atomic.Int64) (float64, time.Duration, time.Duration) {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	stop := time.Now().Add(d)
	start := time.Now()
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			buf := new(bytes.Buffer)
			for time.Now().Before(stop) {
				t0 := time.Now()
				res, err := client.Get(url)
				if err != nil {
					if failed.Add(1) == 1 {
						fmt.Fprintln(os.Stderr, "first failure:", err)
					}
					continue
				}
				buf.Reset()
				io.Copy(buf, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK || buf.Len() != len(want) {
					if failed.Add(1) == 1 {
						fmt.Fprintf(os.Stderr, "first failure: status %d, %d bytes, want %d\n", res.StatusCode, buf.Len(), len(want))
					}
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	if len(lat) == 0 {
		return 0, 0, 0
	}
	return float64(len(lat)) / elapsed.Seconds(), lat[len(lat)/2], lat[len(lat)*99/100]
}

// OpenUN opens the UN archive's database: an earlier import when given, else it
// converts and imports the archive (about half a minute).
func OpenUN(ctx context.Context, data, reuse, keep, dir string) (*store.Store, error) {
	if reuse != "" {
		return store.Open(ctx, reuse, store.Options{})
	}
	path := filepath.Join(dir, "un.db")
	if keep != "" {
		path = keep
	}
	var csv bytes.Buffer
	if _, err := exchange.ConvertUNVotes(ctx, data, "UNGA", &csv); err != nil {
		return nil, fmt.Errorf("converting the UN archive (give its directory with -data): %w", err)
	}
	st, err := store.Open(ctx, path, store.Options{Create: true})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "importing the UN archive into %s…\n", path)
	if _, err := exchange.ImportRollCalls(ctx, st, &csv, exchange.ImportOptions{Name: "unvotes"}); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// Machine names the machine a benchmark ran on: its host name and processors.
func Machine() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s, %d CPUs", host, runtime.NumCPU())
}
