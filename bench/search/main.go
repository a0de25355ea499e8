// Command search measures the full-text search (issue 16: p95 under 30 ms for one- to
// three-word queries) on the UN General Assembly's archive and on a synthetic archive of
// decisions in Russian and English (bench/synth).
//
//	go run ./bench/search -data ../shared/data/unvotes -synth 100000          # builds both records first
//	go run ./bench/search -un-db un.db -synth-db synth.db                      # records made before (bench/bundle -keep DIR)
//	go run ./bench/search -un-db un.db -synth-db synth.db -postgres postgres://postgres@127.0.0.1:5432/postgres
//
// Each query of a fixed set (queries, below) runs through store.Search exactly as the
// search page calls it: the first page of 20, titles and snippets in the query's
// language, as the public and as an officer. The set has one-, two- and three-word
// queries, rare and common words, words in several of their forms, a quoted phrase, an
// OR and a -word, in English on the UN archive (whose texts are English only; one Russian
// query there finds nothing, as a Russian reader's would) and in both languages on the
// synthetic one, whose small vocabulary makes most of its words common: "решение" is in
// nearly every one of its 100,000 decisions.
//
// The baseline, measured in the same run, as many times and interleaved with the
// searches, is the least any search must do: the same query's match expression given to
// the index alone, through the same driver, for the first page of matches (LIMIT 20) in
// the index's own order; no ranking, no count, no access, no titles or snippets. A ratio
// is the search's p95 over the baseline's, so it says how many times the cost of merely
// consulting the index the whole search takes.
//
// It prints p50, p95 and p99 per query and viewer, per query class (words typed) and
// overall, with the baseline's and the ratio. With -postgres it copies each record into
// a database it makes on that server (as `secretariat migrate-store` does), measures it
// there too, and drops it after.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the drivers the store uses, for the baseline through the same driver
	_ "modernc.org/sqlite"

	"secretariat"
	"secretariat/bench/harness"
	"secretariat/bench/synth"
	"secretariat/internal/search"
	"secretariat/internal/store"
)

// pageSize is the search page's (internal/ui searchPerPage) and the API's default.
const pageSize = 20

// A query is one of the fixed set: the words as typed, how many words a person typed
// (the class it is reported in), and the language of the results shown.
type query struct {
	text  string
	words int
	lang  secretariat.Lang
	note  string
}

// unQueries are looked for in the UN archive: roll calls' titles and descriptions,
// in English.
var unQueries = []query{
	{"nuclear", 1, secretariat.EN, "common"},
	{"Palestine", 1, secretariat.EN, "common"},
	{"apartheid", 1, secretariat.EN, ""},
	{"Namibia", 1, secretariat.EN, ""},
	{"resolution", 1, secretariat.EN, "most common"},
	{"Falklands", 1, secretariat.EN, "rare"},
	{"human rights", 2, secretariat.EN, ""},
	{`"human rights"`, 2, secretariat.EN, "phrase"},
	{"draft resolution", 2, secretariat.EN, "both most common"},
	{"Israel OR Palestine", 2, secretariat.EN, "OR"},
	{"nuclear -weapons", 2, secretariat.EN, "-word"},
	{"ядерное оружие", 2, secretariat.RU, "Russian, no hits"},
	{"self-determination of peoples", 3, secretariat.EN, ""},
	{"nuclear weapons tests", 3, secretariat.EN, ""},
	{"occupied Arab territories", 3, secretariat.EN, ""},
}

// synthQueries are looked for in the synthetic archive, in the forms its texts do not
// always use ("решение" finds "решения" and "решений"; "decided" finds "decisions").
var synthQueries = []query{
	{"решение", 1, secretariat.RU, "nearly every record"},
	{"решений", 1, secretariat.RU, "another form"},
	{"миграция", 1, secretariat.RU, "one subject in 15"},
	{"терроризм", 1, secretariat.RU, ""},
	{"4242", 1, secretariat.RU, "one decision's number"},
	{"decided", 1, secretariat.EN, "nearly every record"},
	{"peacekeeping", 1, secretariat.EN, ""},
	{"незаконная миграция", 2, secretariat.RU, ""},
	{`"информационной безопасности"`, 2, secretariat.RU, "phrase"},
	{"терроризм OR наркотики", 2, secretariat.RU, "OR"},
	{"безопасность -коллективная", 2, secretariat.RU, "-word"},
	{"drug trafficking", 2, secretariat.EN, ""},
	{`"border protection"`, 2, secretariat.EN, "phrase"},
	{"emergencies OR exercises", 2, secretariat.EN, "OR"},
	{"security -collective", 2, secretariat.EN, "-word"},
	{"план совместных учений", 3, secretariat.RU, ""},
	{"доклад о безопасности", 3, secretariat.RU, "all common"},
	{"approve report security", 3, secretariat.EN, "all common"},
	{"joint exercises plan", 3, secretariat.EN, ""},
}

// viewers are the readers each query runs as: the public sees public records only; an
// officer sees all, without the access condition.
var viewers = []struct {
	name string
	v    secretariat.Viewer
}{{"public", secretariat.Anonymous}, {"officer", secretariat.Secretariat}}

func main() {
	data := flag.String("data", "../shared/data/unvotes", "the unvotes directory (empty: no UN archive)")
	unDB := flag.String("un-db", "", "a record the UN archive was imported into before (instead of -data)")
	n := flag.Int("synth", 100_000, "decisions in the synthetic archive (0: none)")
	synthDB := flag.String("synth-db", "", "a synthetic record written before (instead of -synth)")
	keep := flag.String("keep", "", "keep the records made in this directory")
	rounds := flag.Int("rounds", 200, "measured runs of each query as each viewer")
	warmup := flag.Int("warmup", 5, "runs of each query before measuring")
	pg := flag.String("postgres", "", "also measure on PostgreSQL: the URL of a database on a server where the benchmark may make and drop databases")
	onlyPG := flag.Bool("only-postgres", false, "with -postgres, measure on PostgreSQL only")
	keepPG := flag.Bool("keep-postgres", false, "with -postgres, keep each copy in a database named after its record's file, and measure a kept copy again without copying")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the searches to this file")
	flag.Parse()
	if err := run(*data, *unDB, *n, *synthDB, *keep, *rounds, *warmup, *pg, *onlyPG, *keepPG, *cpuprofile); err != nil {
		fmt.Fprintln(os.Stderr, "search bench:", err)
		os.Exit(1)
	}
}

func run(data, unDB string, n int, synthDB, keep string, rounds, warmup int, pg string, onlyPG, keepPG bool, cpuprofile string) error {
	ctx := context.Background()
	dir := keep
	if dir == "" {
		d, err := os.MkdirTemp("", "bench-search-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	type record struct {
		name, path string
		queries    []query
	}
	var records []record
	switch {
	case unDB != "":
		records = append(records, record{"UN archive", unDB, unQueries})
	case data != "":
		path := filepath.Join(dir, "un.db")
		if err := importUN(ctx, data, path); err != nil {
			return fmt.Errorf("importing the UN archive: %w", err)
		}
		records = append(records, record{"UN archive", path, unQueries})
	}
	switch {
	case synthDB != "":
		records = append(records, record{"synthetic", synthDB, synthQueries})
	case n > 0:
		path := filepath.Join(dir, "synth.db")
		if err := synth.NewRecord(ctx, n, path); err != nil {
			return fmt.Errorf("writing the synthetic archive: %w", err)
		}
		records = append(records, record{fmt.Sprintf("synthetic, %d decisions", n), path, synthQueries})
	}
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	fmt.Printf("machine: %s; %d rounds after %d of warm-up; first page of %d\n", harness.Machine(), rounds, warmup, pageSize)
	var all []sample
	for _, r := range records {
		if onlyPG && pg != "" {
			break
		}
		st, err := store.Open(ctx, r.path, store.Options{ReadOnly: true})
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		base, err := openBaseline("sqlite", "file:"+(&url.URL{Path: r.path}).EscapedPath()+"?mode=ro&_pragma=cache_size(-65536)&_pragma=mmap_size(268435456)")
		if err != nil {
			st.Close()
			return err
		}
		got, err := measure(ctx, r.name+" (SQLite)", st, base, r.queries, rounds, warmup)
		base.close()
		st.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		all = append(all, got...)
	}
	if len(all) > 0 {
		summary("all records, SQLite", all)
	}
	if pg == "" {
		return nil
	}
	all = nil
	for _, r := range records {
		got, err := onPostgres(ctx, pg, r.name, r.path, r.queries, rounds, warmup, keepPG)
		if err != nil {
			return fmt.Errorf("%s on PostgreSQL: %w", r.name, err)
		}
		all = append(all, got...)
	}
	summary("all records, PostgreSQL", all)
	return nil
}

// A sample is one query as one viewer: its latencies and its baseline's.
type sample struct {
	q        query
	viewer   string
	total    int
	more     bool
	lat, bas []time.Duration
}

// measure runs every query as every viewer, and its baseline, warmup times and then
// rounds times, a round at a time, so that the machine's changing load falls on all of
// them alike.
func measure(ctx context.Context, name string, st *store.Store, base *baseline, queries []query, rounds, warmup int) ([]sample, error) {
	var samples []sample
	parsed := map[string]search.Query{}
	for _, q := range queries {
		p, err := search.Parse(q.text)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", q.text, err)
		}
		parsed[q.text] = p
		for _, v := range viewers {
			samples = append(samples, sample{q: q, viewer: v.name})
		}
	}
	fmt.Printf("\n%s: %d queries as %d readers\n", name, len(queries), len(viewers))
	start, last := time.Now(), time.Now()
	for round := -warmup; round < rounds; round++ {
		for i := range samples {
			s := &samples[i]
			v := viewers[i%len(viewers)].v
			t0 := time.Now()
			res, err := st.Search(ctx, v, parsed[s.q.text], store.SearchFilter{Show: s.q.lang, Limit: pageSize})
			d := time.Since(t0)
			if err != nil {
				return nil, fmt.Errorf("%q: %w", s.q.text, err)
			}
			if res.Total > 0 && len(res.Hits) == 0 {
				return nil, fmt.Errorf("%q: %d found and none shown", s.q.text, res.Total)
			}
			t0 = time.Now()
			if err := base.run(ctx, parsed[s.q.text]); err != nil {
				return nil, fmt.Errorf("%q, baseline: %w", s.q.text, err)
			}
			b := time.Since(t0)
			if round >= 0 {
				s.lat, s.bas, s.total, s.more = append(s.lat, d), append(s.bas, b), res.Total, res.More
			}
		}
		if time.Since(last) > 10*time.Second {
			fmt.Fprintf(os.Stderr, "  %s: round %d of %d, %s\n", name, round+1, rounds, time.Since(start).Round(time.Second))
			last = time.Now()
		}
	}
	fmt.Printf("%-34s %-7s %8s %9s %9s %9s %9s %9s %6s\n", "query", "reader", "found", "p50", "p95", "p99", "base p50", "base p95", "ratio")
	for _, s := range samples {
		p50, p95, p99 := pcts(s.lat)
		b50, b95, _ := pcts(s.bas)
		note := ""
		if s.q.note != "" {
			note = "  " + s.q.note
		}
		found := fmt.Sprint(s.total)
		if s.more {
			found = ">" + found
		}
		fmt.Printf("%-34s %-7s %8s %9s %9s %9s %9s %9s %6.1f%s\n", s.q.text, s.viewer, found, ms(p50), ms(p95), ms(p99), ms(b50), ms(b95), ratio(p95, b95), note)
	}
	summary(name, samples)
	return samples, nil
}

// summary prints the percentiles of every latency of each class of query, and of all,
// against the baseline's, and whether the target is met.
func summary(name string, samples []sample) {
	fmt.Printf("%s, by words typed (target: p95 < 30 ms):\n", name)
	for _, words := range []int{1, 2, 3, 0} {
		var lat, bas []time.Duration
		worst, worstQ := time.Duration(0), ""
		for _, s := range samples {
			if words == 0 || s.q.words == words {
				lat, bas = append(lat, s.lat...), append(bas, s.bas...)
				if _, p95, _ := pcts(s.lat); p95 > worst {
					worst, worstQ = p95, s.q.text+" ("+s.viewer+")"
				}
			}
		}
		if len(lat) == 0 {
			continue
		}
		p50, p95, p99 := pcts(lat)
		_, b95, _ := pcts(bas)
		label := fmt.Sprintf("%d word(s)", words)
		if words == 0 {
			label = "all"
		}
		met := "met"
		if p95 >= 30*time.Millisecond {
			met = "NOT met"
		}
		fmt.Printf("  %-10s %6d searches  p50 %9s  p95 %9s  p99 %9s  baseline p95 %9s  ratio %6.1f  %s; worst query p95 %s: %s\n",
			label, len(lat), ms(p50), ms(p95), ms(p99), ms(b95), ratio(p95, b95), met, ms(worst), worstQ)
	}
}

// pcts returns the median, the 95th and the 99th percentile of a copy of d.
func pcts(d []time.Duration) (p50, p95, p99 time.Duration) {
	if len(d) == 0 {
		return 0, 0, 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	at := func(p int) time.Duration { return s[min(len(s)-1, len(s)*p/100)] }
	return at(50), at(95), at(99)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// baseline asks the index alone for the first page of a query's matches, through its
// own pool of the same driver: the statement the store's dialect writes for the match,
// without the rank, the count, the access condition, the titles and the snippets.
type baseline struct {
	db       *sql.DB
	postgres bool
}

func openBaseline(driver, dsn string) (*baseline, error) {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("opening the baseline's connection: %w", err)
	}
	return &baseline{db: db, postgres: driver == "pgx"}, nil
}

func (b *baseline) close() { b.db.Close() }

func (b *baseline) run(ctx context.Context, q search.Query) error {
	stmt, expr := `SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT 20`, q.FTS5("")
	if b.postgres {
		stmt, expr = `SELECT kind, id FROM search_doc WHERE tsv @@ to_tsquery('simple', $1) LIMIT 20`, q.TSQuery()
	}
	rows, err := b.db.QueryContext(ctx, stmt, expr)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}
