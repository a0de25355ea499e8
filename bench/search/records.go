package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"secretariat/internal/exchange"
	"secretariat/internal/store"
)

// importUN imports the UN archive into a new record at path, as `secretariat import
// --format rollcall` does.
func importUN(ctx context.Context, data, path string) error {
	var csv bytes.Buffer
	if _, err := exchange.ConvertUNVotes(ctx, data, "UNGA", &csv); err != nil {
		return fmt.Errorf("converting %s (give the directory with -data): %w", data, err)
	}
	st, err := store.Open(ctx, path, store.Options{Create: true})
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	fmt.Fprintf(os.Stderr, "importing the UN archive into %s…\n", path)
	sum, err := exchange.ImportRollCalls(ctx, st, &csv, exchange.ImportOptions{Name: "unvotes"})
	if err != nil {
		return err
	}
	fmt.Printf("imported the UN archive: %d roll calls, %d votes in %s\n", sum.RollCalls, sum.Votes, time.Since(start).Round(time.Second))
	return nil
}

// onPostgres copies a record into a new database on the server, measures the queries
// there, and drops the database. With keep, the database is named after the record's
// file and kept, and a later run that finds it holding the same journal measures it
// without copying again (a copy of the synthetic archive takes 10–15 minutes here).
func onPostgres(ctx context.Context, server, name, path string, queries []query, rounds, warmup int, keep bool) ([]sample, error) {
	db := fmt.Sprintf("secretariat_bench_search_%d", os.Getpid())
	if keep {
		db = "secretariat_bench_search_" + strings.Map(func(r rune) rune {
			if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
				return r
			}
			return '_'
		}, strings.ToLower(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))))
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", server, err)
	}
	defer admin.Close()
	u, err := url.Parse(server)
	if err != nil {
		return nil, err
	}
	u.Path = "/" + db
	src, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer src.Close()
	if keep {
		if dst, ok := keptCopy(ctx, admin, src, u.String(), db); ok {
			defer dst.Close()
			fmt.Printf("\nmeasuring %s in the kept database %s\n", name, db)
			return measureOnPostgres(ctx, name, dst, u.String(), queries, rounds, warmup)
		}
	} else {
		defer admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS "`+db+`" WITH (FORCE)`)
	}
	admin.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+db+`" WITH (FORCE)`)
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE "`+db+`"`); err != nil {
		return nil, fmt.Errorf("making a database: %w", err)
	}
	dst, err := store.Open(ctx, u.String(), store.Options{Create: true})
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	start, last := time.Now(), time.Now()
	if err := store.CopyRecord(ctx, src, dst, func(done, total int64) {
		if time.Since(last) > 10*time.Second {
			fmt.Fprintf(os.Stderr, "  copying %s to PostgreSQL: %d of %d journal entries, %s\n", name, done, total, time.Since(start).Round(time.Second))
			last = time.Now()
		}
	}); err != nil {
		return nil, fmt.Errorf("copying the record: %w", err)
	}
	fmt.Printf("\ncopied %s to PostgreSQL in %s\n", name, time.Since(start).Round(time.Second))
	// The planner needs the statistics of the freshly written tables, as autovacuum
	// would gather them in a database in use.
	c, err := sql.Open("pgx", u.String())
	if err != nil {
		return nil, err
	}
	_, err = c.ExecContext(ctx, `VACUUM ANALYZE`)
	c.Close()
	if err != nil {
		return nil, fmt.Errorf("analyzing the copy: %w", err)
	}
	return measureOnPostgres(ctx, name, dst, u.String(), queries, rounds, warmup)
}

// keptCopy opens a database an earlier run kept, when it holds the same journal as src;
// opening it brings it to this program's schema, as the server would.
func keptCopy(ctx context.Context, admin *sql.DB, src *store.Store, dsn, db string) (*store.Store, bool) {
	var n int
	if admin.QueryRowContext(ctx, `SELECT count(*) FROM pg_database WHERE datname = $1`, db).Scan(&n) != nil || n == 0 {
		return nil, false
	}
	dst, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return nil, false
	}
	sn, sh, err1 := src.Head(ctx)
	dn, dh, err2 := dst.Head(ctx)
	if err1 != nil || err2 != nil || sn != dn || sh != dh {
		dst.Close()
		return nil, false
	}
	return dst, true
}

// measureOnPostgres measures the queries on a copy, beside the baseline through the same
// driver.
func measureOnPostgres(ctx context.Context, name string, dst *store.Store, dsn string, queries []query, rounds, warmup int) ([]sample, error) {
	base, err := openBaseline("pgx", dsn)
	if err != nil {
		return nil, err
	}
	defer base.close()
	return measure(ctx, name+" (PostgreSQL)", dst, base, queries, rounds, warmup)
}
