// Command bundle measures the full export of the lossless bundle (secretariat export
// --format bundle) on the UN General Assembly's archive and on a synthetic archive of
// decisions in Russian and English (bench/synth), against a baseline in the same run:
// a bare loop that reads the same journal columns through the same driver and writes
// their bytes to the same kind of file, with nothing else (no canonical leaf, no
// escaping, no files, checkpoints or cosignatures).
//
//	go run ./bench/bundle -data ../shared/data/unvotes -synth 100000
//	go run ./bench/bundle -un-db un.db -synth-db synth.db     # records made before (-keep DIR keeps them)
//
// It prints MB/s for each (target: at least 20 MB/s) and the ratio to the baseline.
package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite"

	"secretariat"
	"secretariat/bench/synth"
	"secretariat/internal/exchange"
	"secretariat/internal/store"
)

func main() {
	data := flag.String("data", "../shared/data/unvotes", "the unvotes directory (empty: no UN archive)")
	unDB := flag.String("un-db", "", "a record the UN archive was imported into before (instead of -data)")
	n := flag.Int("synth", 100_000, "decisions in the synthetic archive (0: none)")
	synthDB := flag.String("synth-db", "", "a synthetic record written before (instead of -synth)")
	keep := flag.String("keep", "", "keep the records made in this directory")
	rounds := flag.Int("rounds", 3, "exports of each record (the best is reported)")
	flag.Parse()
	if err := run(*data, *unDB, *n, *synthDB, *keep, *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "bundle:", err)
		os.Exit(1)
	}
}

func run(data, unDB string, n int, synthDB, keep string, rounds int) error {
	ctx := context.Background()
	dir := keep
	if dir == "" {
		d, err := os.MkdirTemp("", "bench-bundle-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	type record struct{ name, path string }
	var records []record
	switch {
	case unDB != "":
		records = append(records, record{"UN archive", unDB})
	case data != "":
		path := filepath.Join(dir, "un.db")
		if err := importUN(ctx, data, path); err != nil {
			return err
		}
		records = append(records, record{"UN archive", path})
	}
	switch {
	case synthDB != "":
		records = append(records, record{"synthetic", synthDB})
	case n > 0:
		path := filepath.Join(dir, "synth.db")
		if err := synth.NewRecord(ctx, n, path); err != nil {
			return err
		}
		records = append(records, record{fmt.Sprintf("synthetic, %d decisions", n), path})
	}
	for _, r := range records {
		if err := measure(ctx, r.name, r.path, dir, rounds); err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
	}
	return nil
}

func importUN(ctx context.Context, data, path string) error {
	var csvBuf bytes.Buffer
	if _, err := exchange.ConvertUNVotes(ctx, data, "UNGA", &csvBuf); err != nil {
		return err
	}
	st, err := store.Open(ctx, path, store.Options{Create: true})
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	sum, err := exchange.ImportRollCalls(ctx, st, bytes.NewReader(csvBuf.Bytes()), exchange.ImportOptions{Name: "unvotes"})
	if err != nil {
		return err
	}
	fmt.Printf("imported the UN archive: %d roll calls, %d votes in %s\n", sum.RollCalls, sum.Votes, time.Since(start).Round(time.Second))
	return nil
}

// measure exports the record's bundle to a file, and runs the baseline, rounds times
// each, alternating, and prints the best of each.
func measure(ctx context.Context, name, path, dir string, rounds int) error {
	st, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	out := filepath.Join(dir, "bundle.json")
	defer os.Remove(out)
	var best, bestBase time.Duration
	var size, baseSize int64
	var sum exchange.BundleSummary
	for i := 0; i < rounds; i++ {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		start := time.Now()
		sum, err = exchange.ExportBundle(ctx, st, secretariat.Secretariat, f, exchange.BundleOptions{})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if d := time.Since(start); best == 0 || d < best {
			best = d
		}
		size = sum.Bytes
		start = time.Now()
		if baseSize, err = baseline(ctx, path, out); err != nil {
			return err
		}
		if d := time.Since(start); bestBase == 0 || d < bestBase {
			bestBase = d
		}
	}
	mbs := float64(size) / 1e6 / best.Seconds()
	base := float64(baseSize) / 1e6 / bestBase.Seconds()
	fmt.Printf("%s: %d journal entries, bundle %.1f MB\n", name, sum.Entries, float64(size)/1e6)
	fmt.Printf("  export:   %6.2f s  %6.1f MB/s   (target ≥ 20 MB/s; best of %d)\n", best.Seconds(), mbs, rounds)
	fmt.Printf("  baseline: %6.2f s  %6.1f MB/s   (the journal's columns read and written bare, %.1f MB)\n", bestBase.Seconds(), base, float64(baseSize)/1e6)
	fmt.Printf("  ratio:    %.2f of the baseline's throughput\n", mbs/base)
	return nil
}

// baseline reads every journal entry's columns through the same driver, in one read
// transaction, and writes their bytes to a file, and returns how many it wrote.
func baseline(ctx context.Context, path, out string) (int64, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	f, err := os.Create(out)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT seq, at, actor, verb, entity, id, after, prev_hash, hash FROM journal ORDER BY seq`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	var seq int64
	var at, actor, verb, entity, id, prev, hash string
	var after []byte
	for rows.Next() {
		if err := rows.Scan(&seq, &at, &actor, &verb, &entity, &id, &after, &prev, &hash); err != nil {
			return 0, err
		}
		for _, s := range []string{at, actor, verb, entity, id, prev, hash} {
			k, _ := io.WriteString(w, s)
			n += int64(k)
		}
		k, _ := w.Write(after)
		n += int64(k)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return n, w.Flush()
}
