// Command unimport measures loading the UN General Assembly's recorded votes
// (../shared/data/unvotes) into secretariat, against a bare loop that inserts the same
// rows through the same driver in the same run, times a state's whole voting record, and
// times verify, on SQLite or on PostgreSQL.
//
//	go run ./bench/unimport -data ../shared/data/unvotes
//	go run ./bench/unimport -data ../shared/data/unvotes -postgres postgres://postgres@127.0.0.1:5432/postgres
//
// It prints records per second for each, the import's and verify's ratios to the bare
// loop (import target: at least 0.5), and the voting-record latency (target: under
// 50 ms). With -postgres it makes two databases on that server and drops them after.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"time"

	"secretariat"
	"secretariat/internal/canon"
	"secretariat/internal/exchange"
	"secretariat/internal/store"
)

func main() {
	data := flag.String("data", "../shared/data/unvotes", "the unvotes directory")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the import to this file")
	state := flag.String("state", "US", "the state whose voting record is timed")
	pg := flag.String("postgres", "", "measure on PostgreSQL: the URL of a database on a server where the benchmark may make and drop databases")
	flag.Parse()
	if err := run(*data, *cpuprofile, *state, *pg); err != nil {
		fmt.Fprintln(os.Stderr, "unimport:", err)
		os.Exit(1)
	}
}

func run(data, cpuprofile, state, pg string) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "unimport-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	target := newTarget(ctx, dir, pg)
	defer target.drop()
	var csvBuf bytes.Buffer
	conv, err := exchange.ConvertUNVotes(ctx, data, "UNGA", &csvBuf)
	if err != nil {
		return err
	}
	fmt.Printf("archive: %d roll calls, %d votes (%.1f MB as roll-call CSV)\n", conv.RollCalls, conv.Votes, float64(csvBuf.Len())/1e6)

	// The import, as `secretariat import --format rollcall` runs it.
	st, err := store.Open(ctx, target.make("import"), store.Options{Create: true})
	if err != nil {
		return err
	}
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(f)
		defer f.Close()
	}
	start := time.Now()
	sum, err := exchange.ImportRollCalls(ctx, st, bytes.NewReader(csvBuf.Bytes()), exchange.ImportOptions{Name: "unvotes"})
	if err != nil {
		return err
	}
	importTime := time.Since(start)
	if cpuprofile != "" {
		pprof.StopCPUProfile()
	}
	records := sum.RollCalls + sum.Votes

	// The bare loop: the same item and position rows, already encoded, inserted through
	// the same driver into the same tables in one transaction, with nothing else.
	items, positions, err := rows(ctx, st)
	if err != nil {
		return err
	}
	barePath := target.make("bare")
	bare, err := store.Open(ctx, barePath, store.Options{Create: true})
	if err != nil {
		return err
	}
	if err := bare.Close(); err != nil {
		return err
	}
	start = time.Now()
	if err := bareInsert(ctx, target.driver, target.dsn(barePath), items, positions); err != nil {
		return err
	}
	bareTime := time.Since(start)

	importRate := float64(records) / importTime.Seconds()
	bareRate := float64(len(items)+len(positions)) / bareTime.Seconds()
	fmt.Printf("import:    %8d records in %7.2fs = %9.0f records/s (journal entries, sessions, outcomes included)\n", records, importTime.Seconds(), importRate)
	fmt.Printf("bare loop: %8d records in %7.2fs = %9.0f records/s\n", len(items)+len(positions), bareTime.Seconds(), bareRate)
	fmt.Printf("ratio import/bare: %.2f (target ≥ 0.5) on %s\n", importRate/bareRate, target.driver)

	start = time.Now()
	r, err := st.Verify(ctx, nil)
	if err != nil || !r.OK {
		return fmt.Errorf("verify: %+v %v", r, err)
	}
	verifyTime := time.Since(start)
	verifyRate := float64(records) / verifyTime.Seconds()
	fmt.Printf("verify:    %8d records in %7.2fs = %9.0f records/s; ratio verify/bare: %.2f\n", records, verifyTime.Seconds(), verifyRate, verifyRate/bareRate)

	// A state's whole voting record, as `secretariat votes record` reads it.
	var times []time.Duration
	var n int
	for i := 0; i < 21; i++ {
		t0 := time.Now()
		rec, err := st.VotingRecord(ctx, secretariat.Secretariat, state, store.Period{})
		if err != nil {
			return err
		}
		times = append(times, time.Since(t0))
		n = len(rec.Votes)
	}
	slices.Sort(times)
	fmt.Printf("voting record of %s: %d votes, median %s, worst %s (target < 50 ms)\n", state, n, times[len(times)/2].Round(time.Microsecond), times[len(times)-1].Round(time.Microsecond))
	return st.Close()
}

// rows reads back the imported items and positions as canonical documents.
func rows(ctx context.Context, st *store.Store) (items, positions []row, err error) {
	for _, kind := range []string{"item", "position"} {
		docs, _, err := st.Find(ctx, secretariat.Secretariat, kind, store.Filter{})
		if err != nil {
			return nil, nil, err
		}
		for i, d := range docs {
			var id struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(d, &id); err != nil {
				return nil, nil, err
			}
			c, err := canon.Canonicalize(d)
			if err != nil {
				return nil, nil, err
			}
			r := row{ID: id.ID, Doc: c, Seq: int64(i + 1)}
			if kind == "item" {
				items = append(items, r)
			} else {
				positions = append(positions, r)
			}
		}
	}
	return items, positions, nil
}
