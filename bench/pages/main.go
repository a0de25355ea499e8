// Command pages measures every page of the web application, on the demo record and on
// the UN General Assembly's archive (../shared/data/unvotes, 6,203 roll calls), as the
// public reads them: 64 clients at once for a while per page, then a handler that serves
// the same bytes from memory through the same HTTP stack in the same run, as the
// baseline. It prints, per page, the throughput, the median and 99th-percentile latency,
// the ratio to the baseline, and how much slower the archive's page is than the demo's.
//
//	go run ./bench/pages -data ../shared/data/unvotes
//
// Targets (issue 11): p99 under 20 ms at 64 clients, throughput at least 0.25 of the
// baseline, and no page more than 2× slower on the archive than on the demo.
//
// The server keeps a rendered page until the journal moves (internal/server's page
// cache), so a page read again costs a check of the journal's head; -no-cache measures
// what every first view after a change costs.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"secretariat"
	"secretariat/bench/harness"
	"secretariat/internal/demo"
	"secretariat/internal/server"
	"secretariat/internal/store"
)

func main() {
	data := flag.String("data", "../shared/data/unvotes", "the unvotes directory")
	clients := flag.Int("clients", 64, "concurrent clients")
	duration := flag.Duration("duration", 2*time.Second, "how long each page is measured")
	unDB := flag.String("un-db", "", "reuse an imported UN archive database (made by an earlier run with -keep)")
	keep := flag.String("keep", "", "keep the imported UN archive database at this path")
	only := flag.String("only", "", "measure only the pages whose name contains this")
	noCache := flag.Bool("no-cache", false, "serve every request anew, as the first view after a change to the record is served")
	flag.Parse()
	if err := run(*data, *unDB, *keep, *only, *clients, *duration, *noCache); err != nil {
		fmt.Fprintln(os.Stderr, "pages:", err)
		os.Exit(1)
	}
}

// page is one page to measure: a name shared by the demo's and the archive's version of
// the same page, and its address on each record.
type page struct {
	name     string
	demo, un string
}

func run(data, unDB, keep, only string, clients int, d time.Duration, noCache bool) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "pagebench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	demoSt, err := store.Open(ctx, filepath.Join(dir, "demo.db"), store.Options{Create: true})
	if err != nil {
		return err
	}
	defer demoSt.Close()
	if err := demo.Load(ctx, demoSt, nil); err != nil {
		return err
	}
	unSt, err := harness.OpenUN(ctx, data, unDB, keep, dir)
	if err != nil {
		return err
	}
	defer unSt.Close()
	ids, err := unIDs(ctx, unSt)
	if err != nil {
		return err
	}
	pages := []page{
		{"home", "/", "/"},
		{"sessions", "/sessions", "/sessions"},
		{"sessions, last page", "/sessions?page=1", "/sessions?page=" + ids["sessions-page"]},
		{"sessions of a body and year", "/sessions?body=csc&year=2019", "/sessions?body=unga&year=2019"},
		{"session", "/sessions/csc-2019-11-28", "/sessions/" + ids["session"]},
		{"item", "/items/csc-2019-11-28-2", "/items/" + ids["item"]},
		{"decisions", "/decisions", "/decisions"},
		{"decision", "/decisions/csc-2019-2", ""}, // roll calls import outcomes, not decisions
		{"tasks", "/tasks", "/tasks"},
		{"task", "/tasks/t2018-p2-crisis-center", ""},
		{"chairmanships", "/chairmanships", "/chairmanships"},
		{"chairmanship", "/chairmanships/csc-chair-2019", ""},
		{"states", "/states", "/states"},
		{"state", "/states/KG", "/states/US"},
		{"state, last page of votes", "/states/KG?page=1", "/states/US?page=" + ids["state-page"]},
		{"bodies", "/bodies", "/bodies"},
		{"body", "/bodies/csc", "/bodies/unga"},
		{"threats", "/threats", "/threats"},
		{"threat", "/threats/afghanistan", ""},
		{"area", "/areas/af-north", ""},
		{"operations", "/operations", "/operations"},
		{"operation", "/operations/mercenary", ""},
		{"publications", "/publications", "/publications"},
		{"publication", "/publications/interview-semerikov-2019", ""},
		{"section feed", "/sections/news/feed.atom", ""},
		{"source", "/sources/csto-csc", "/sources/" + ids["source"]},
		{"history", "/history/item/csc-2019-11-28-2", "/history/item/" + ids["item"]},
		{"years in review", "/reviews", "/reviews"},
		{"year in review", "/reports/2019", "/reports/2019"},
		{"year in review, PDF", "/reports/2019/pdf", "/reports/2019/pdf"},
		{"sign-in page", "/signin", "/signin"},
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	measure := func(st *store.Store, path string) (harness.Result, error) {
		srv, err := server.New(st, log, server.Options{NoCache: noCache})
		if err != nil {
			return harness.Result{}, err
		}
		return harness.Measure(srv, path+sep(path)+"lang=en", clients, d)
	}
	mode := "pages kept until the record changes (the server's default)"
	if noCache {
		mode = "every page made anew (-no-cache)"
	}
	fmt.Printf("%d clients, %s per page and per baseline, %s; machine: %s\n\n", clients, d, mode, harness.Machine())
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "page\trecord\tstatus\tbytes\treq/s\tp50\tp99\tbaseline req/s\tbaseline p99\tratio\tarchive/demo\t")
	var worstRatio, worstGrowth float64 = 1e9, 0
	var worstP99 time.Duration
	for _, p := range pages {
		if only != "" && !strings.Contains(p.name, only) {
			continue
		}
		dr, err := measure(demoSt, p.demo)
		if err != nil {
			return fmt.Errorf("%s on the demo: %w", p.name, err)
		}
		row(w, p.name, "demo", dr, "")
		worstRatio, worstP99 = min(worstRatio, dr.Ratio()), max(worstP99, dr.P99)
		if p.un == "" {
			continue
		}
		ur, err := measure(unSt, p.un)
		if err != nil {
			return fmt.Errorf("%s on the archive: %w", p.name, err)
		}
		// Each record's page is compared with its own baseline, measured right after it, so
		// that a change in the machine's load between the two records does not read as a
		// difference between them.
		growth := dr.Ratio() / ur.Ratio()
		row(w, "", "UN archive", ur, fmt.Sprintf("%.2f×", growth))
		worstRatio, worstP99, worstGrowth = min(worstRatio, ur.Ratio()), max(worstP99, ur.P99), max(worstGrowth, growth)
	}
	w.Flush()
	fmt.Printf("\nworst: ratio to the baseline %.2f (target ≥ 0.25), p99 %s (target < 20 ms), archive/demo %.2f× (target ≤ 2×)\n",
		worstRatio, worstP99.Round(10*time.Microsecond), worstGrowth)
	return nil
}

func row(w io.Writer, name, record string, r harness.Result, growth string) {
	fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%.0f\t%s\t%s\t%.0f\t%s\t%.2f\t%s\t\n", name, record, r.Status, r.Bytes, r.RPS,
		r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.BaseRPS, r.BaseP99.Round(10*time.Microsecond), r.Ratio(), growth)
}

func sep(p string) string {
	if strings.Contains(p, "?") {
		return "&"
	}
	return "?"
}

// unIDs picks the archive's records to measure: the session with the most items among
// the latest 400, its last item, and the import's source.
func unIDs(ctx context.Context, st *store.Store) (map[string]string, error) {
	out := map[string]string{}
	sessions, total, err := st.FindSessions(ctx, store.SessionFilter{Latest: true, Limit: 400})
	if err != nil {
		return nil, err
	}
	out["sessions-page"] = fmt.Sprint((total + 49) / 50)
	votes, err := st.VotesOfState(ctx, secretariat.Anonymous, "US", 1, 0)
	if err != nil {
		return nil, err
	}
	out["state-page"] = fmt.Sprint((votes.Total + 49) / 50)
	ids := make([]string, len(sessions))
	for i, s := range sessions {
		ids[i] = s.ID
	}
	counts, err := st.AgendaCounts(ctx, secretariat.Anonymous, ids)
	if err != nil {
		return nil, err
	}
	best := 0
	for id, c := range counts {
		if c.Items > best || (c.Items == best && id > out["session"]) {
			best, out["session"] = c.Items, id
		}
	}
	items, _, err := store.FindAll[secretariat.AgendaItem](ctx, st, secretariat.Anonymous, store.Where("session", out["session"]))
	if err != nil || len(items) == 0 {
		return nil, fmt.Errorf("the archive's session %s has no items: %v", out["session"], err)
	}
	out["item"] = items[len(items)-1].ID
	sources, _, err := store.FindAll[secretariat.Source](ctx, st, secretariat.Anonymous, store.Filter{Limit: 1})
	if err != nil || len(sources) == 0 {
		return nil, fmt.Errorf("the archive has no source: %v", err)
	}
	out["source"] = sources[0].ID
	return out, nil
}
