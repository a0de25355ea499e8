package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"secretariat/internal/exchange"
	"secretariat/internal/store"
	"secretariat/internal/testkit"
)

// The transparency log's benchmarks on the UN General Assembly's archive
// (../shared/data/unvotes): about 6,200 journal entries, one per roll call, holding
// 876,000 records.

var (
	unOnce   sync.Once
	unCSV    []byte
	unErr    error
	unRecord *store.Store // the archive imported with the tree, kept for the process
)

// unArchiveCSV converts the archive to a roll-call CSV, once per test binary.
func unArchiveCSV(b *testing.B) []byte {
	b.Helper()
	dir := testkit.SharedData(b, "unvotes")
	unOnce.Do(func() {
		var buf bytes.Buffer
		_, unErr = exchange.ConvertUNVotes(context.Background(), dir, "UNGA", &buf)
		unCSV = buf.Bytes()
		if unErr == nil && testing.Short() {
			unCSV, unErr = rollCallsBefore(unCSV, "1950-01-01")
		}
	})
	if unErr != nil {
		b.Fatal(unErr)
	}
	return unCSV
}

// rollCallsBefore keeps the roll calls held before a date: under -short, where the
// test command runs each benchmark once to prove it still runs, the archive's first
// years (about 250 roll calls) stand for the whole.
func rollCallsBefore(all []byte, date string) ([]byte, error) {
	r := csv.NewReader(bytes.NewReader(all))
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if i > 0 && rec[1] >= date {
			continue
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return out.Bytes(), w.Error()
}

// unArchive returns the archive imported with the tree: the import of
// BenchmarkUNImportKeepingTheTree when it ran first, as it does in a whole run, so that
// the archive is imported twice per run and not three times.
func unArchive(b *testing.B) *store.Store {
	b.Helper()
	if unRecord == nil {
		st, _, err := importUN(b, unArchiveCSV(b), true, true)
		if err != nil {
			b.Fatal(err)
		}
		unRecord = st
	}
	return unRecord
}

// cost is what an import took: wall-clock time, and the process's CPU time, which the
// other work of a shared machine disturbs less.
type cost struct{ wall, cpu time.Duration }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// importUN imports the archive into a new record, with the tree or without; keep puts
// it in a directory that outlives the benchmark.
func importUN(b *testing.B, csv []byte, tree, keep bool) (*store.Store, cost, error) {
	ctx := context.Background()
	dir := b.TempDir()
	if keep {
		var err error
		if dir, err = os.MkdirTemp("", "secretariat-unvotes-"); err != nil {
			return nil, cost{}, err
		}
	}
	st, err := store.Open(ctx, filepath.Join(dir, "un.db"), store.Options{Create: true})
	if err != nil {
		return nil, cost{}, err
	}
	store.KeepTree(tree)
	defer store.KeepTree(true)
	runtime.GC()
	wall, cpu := time.Now(), cpuTime()
	_, err = exchange.ImportRollCalls(ctx, st, bytes.NewReader(csv), exchange.ImportOptions{Name: "unvotes"})
	return st, cost{time.Since(wall), cpuTime() - cpu}, err
}

// BenchmarkUNImportKeepingTheTree imports the archive without the tree and with it, in
// the same run, and reports the throughput with the tree as a fraction of the throughput
// without (target: at least 0.9), by wall-clock and by CPU time, over all iterations
// (-benchtime 3x for three pairs); the order of the pair alternates.
func BenchmarkUNImportKeepingTheTree(b *testing.B) {
	csv := unArchiveCSV(b)
	var with, without cost
	var entries int64
	i := 0
	for b.Loop() {
		for _, tree := range [][]bool{{false, true}, {true, false}}[i%2] {
			keep := tree && unRecord == nil
			st, c, err := importUN(b, csv, tree, keep)
			if err != nil {
				b.Fatal(err)
			}
			if tree {
				with.wall, with.cpu = with.wall+c.wall, with.cpu+c.cpu
				entries, _, _ = st.Head(context.Background())
			} else {
				without.wall, without.cpu = without.wall+c.wall, without.cpu+c.cpu
			}
			if keep {
				unRecord = st
			} else {
				st.Close()
			}
		}
		i++
	}
	b.ReportMetric(without.wall.Seconds()/with.wall.Seconds(), "with/without")
	b.ReportMetric(without.cpu.Seconds()/with.cpu.Seconds(), "with/without-cpu")
	b.ReportMetric(with.wall.Seconds()/float64(i), "s-with-tree")
	b.ReportMetric(without.wall.Seconds()/float64(i), "s-without")
	b.ReportMetric(float64(entries), "entries")
}

// BenchmarkUNTreeFromScratch builds the tree of the archive's journal from its entries'
// canonical bytes, against raw SHA-256 over the same bytes (target: at least 0.5).
func BenchmarkUNTreeFromScratch(b *testing.B) {
	st := unArchive(b)
	ctx := context.Background()
	n, _, err := st.Head(ctx)
	if err != nil {
		b.Fatal(err)
	}
	leaves := make([][]byte, 0, n)
	for seq := int64(1); seq <= n; seq++ {
		l, err := st.LeafData(ctx, seq)
		if err != nil {
			b.Fatal(err)
		}
		leaves = append(leaves, l)
	}
	for b.Loop() {
		store.MeasureTree(b, leaves)
	}
}

// BenchmarkUNProofs times an inclusion proof made by the store (target: under 1 ms) and
// checked (target: under 100 µs) in the archive's journal.
func BenchmarkUNProofs(b *testing.B) {
	st := unArchive(b)
	store.BenchmarkProofs(b, st)
}
