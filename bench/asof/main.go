// Command asof measures time travel on a large record: reading an agenda item (with its
// positions grid and outcome) live and as of an earlier journal entry, the year in review
// of a year, and the memory an as-of read takes, on the UN General Assembly's archive.
//
//	go run ./bench/asof -data ../shared/data/unvotes          # imports the archive first
//	go run ./bench/asof -db un.db                             # a record already imported
//
// It prints the median and the 99th percentile of each read, the ratio of the as-of read
// to the live one in the same run (a live read is the baseline), the heap an as-of read
// leaves allocated, and what one as-of read allocates as of an entry halfway through the
// journal and as of the last: the same, to show that it does not grow with the journal.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"

	"secretariat"
	"secretariat/internal/exchange"
	"secretariat/internal/report"
	"secretariat/internal/store"
)

func main() {
	data := flag.String("data", "../shared/data/unvotes", "the unvotes directory, imported when -db is not given")
	db := flag.String("db", "", "a record with the UN archive already imported")
	runs := flag.Int("runs", 200, "reads of each kind")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the as-of reads to this file")
	flag.Parse()
	profile = *cpuprofile
	if err := run(*data, *db, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "asof:", err)
		os.Exit(1)
	}
}

func run(data, path string, runs int) error {
	ctx := context.Background()
	if path == "" {
		dir, err := os.MkdirTemp("", "asof-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "un.db")
		if err := importArchive(ctx, data, path); err != nil {
			return err
		}
	}
	st, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	n, _, err := st.Head(ctx)
	if err != nil {
		return err
	}
	items, total, err := st.Find(ctx, secretariat.Secretariat, "item", store.Filter{Limit: 1, Offset: 3000})
	if err != nil || len(items) == 0 {
		return fmt.Errorf("the record has no items to read (%d): %v", total, err)
	}
	var it secretariat.AgendaItem
	if err := jsonDecode(items[0], &it); err != nil {
		return err
	}
	fmt.Printf("record: %s, %d journal entries, %d agenda items; reading item %s (%s)\n", path, n, total, it.ID, it.Date)
	// An as-of time when the item is in the record: just after the entry that wrote it,
	// halfway through the journal (as of is journal time, not the record's dates).
	h, err := st.History(ctx, secretariat.Secretariat, "item", it.ID)
	if err != nil || len(h) == 0 {
		return fmt.Errorf("the item's history: %v", err)
	}
	when := h[0].At.Add(time.Microsecond)
	live := measure(runs, func() error { _, err := st.View(ctx, secretariat.Anonymous, "item", it.ID); return err })
	stopProfile := startProfile()
	past := measure(runs, func() error {
		p, err := st.AsOf(ctx, when, nil)
		if err != nil {
			return err
		}
		_, err = p.View(ctx, secretariat.Anonymous, "item", it.ID)
		return err
	})
	stopProfile()
	fmt.Printf("get item, live:  median %v, p99 %v\n", live.median, live.p99)
	fmt.Printf("get item, as of entry %d: median %v, p99 %v (target < 5 ms); as-of / live = %.2f\n",
		h[0].Seq, past.median, past.p99, float64(past.median)/float64(live.median))
	year := it.Date.Year()
	review := measure(5, func() error {
		_, err := report.Build(ctx, st, year, time.Time{}, secretariat.Anonymous)
		return err
	})
	fmt.Printf("year in review %d (as of its year's end): median %v, worst %v (target < 1 s)\n", year, review.median, review.worst)
	fmt.Printf("heap kept by one as-of read: %d bytes\n", heapOf(func() { st.AsOf(ctx, when, nil) }))
	// What one as-of read of the item allocates, as of an entry halfway through the
	// journal and as of its last entry: the same, since an as-of read is an indexed query
	// of the versions current then, and no replay of the journal behind it.
	last, err := st.Entry(ctx, n)
	if err != nil {
		return err
	}
	for _, at := range []struct {
		name string
		when time.Time
	}{{fmt.Sprintf("entry %d", h[0].Seq), when}, {fmt.Sprintf("entry %d (the last)", n), last.At.Add(time.Microsecond)}} {
		b := allocatedBy(func() {
			p, err := st.AsOf(ctx, at.when, nil)
			if err == nil {
				_, err = p.View(ctx, secretariat.Anonymous, "item", it.ID)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "asof:", err)
				os.Exit(1)
			}
		})
		fmt.Printf("allocated by one as-of read of the item, as of %s: %d bytes\n", at.name, b)
	}
	return nil
}

func jsonDecode(doc []byte, dst any) error { return json.Unmarshal(doc, dst) }

type timing struct{ median, p99, worst time.Duration }

func measure(runs int, f func() error) timing {
	var ds []time.Duration
	for range runs {
		t0 := time.Now()
		if err := f(); err != nil {
			fmt.Fprintln(os.Stderr, "asof:", err)
			os.Exit(1)
		}
		ds = append(ds, time.Since(t0))
	}
	slices.Sort(ds)
	return timing{median: ds[len(ds)/2].Round(time.Microsecond), p99: ds[len(ds)*99/100].Round(time.Microsecond), worst: ds[len(ds)-1].Round(time.Microsecond)}
}

// allocatedBy returns the bytes f allocates (the median of 21 calls).
func allocatedBy(f func()) int64 {
	var out []int64
	for range 21 {
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		f()
		runtime.ReadMemStats(&b)
		out = append(out, int64(b.TotalAlloc-a.TotalAlloc))
	}
	slices.Sort(out)
	return out[len(out)/2]
}

// heapOf returns the heap f leaves allocated after a collection.
func heapOf(f func()) int64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.GC()
	runtime.ReadMemStats(&b)
	return int64(b.HeapAlloc) - int64(a.HeapAlloc)
}

func importArchive(ctx context.Context, data, path string) error {
	var csv bytes.Buffer
	if _, err := exchange.ConvertUNVotes(ctx, data, "UNGA", &csv); err != nil {
		return err
	}
	st, err := store.Open(ctx, path, store.Options{Create: true})
	if err != nil {
		return err
	}
	defer st.Close()
	t0 := time.Now()
	if _, err := exchange.ImportRollCalls(ctx, st, &csv, exchange.ImportOptions{Name: "unvotes"}); err != nil {
		return err
	}
	fmt.Printf("imported the UN archive in %v\n", time.Since(t0).Round(time.Second))
	return nil
}

var profile string

// startProfile profiles until the returned function is called, when -cpuprofile is set.
func startProfile() func() {
	if profile == "" {
		return func() {}
	}
	f, err := os.Create(profile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "asof:", err)
		os.Exit(1)
	}
	pprof.StartCPUProfile(f)
	return func() { pprof.StopCPUProfile(); f.Close() }
}
