package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
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
// there, and drops the database.
func onPostgres(ctx context.Context, server, name, path string, queries []query, rounds, warmup int) ([]sample, error) {
	db := fmt.Sprintf("secretariat_bench_search_%d", os.Getpid())
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", server, err)
	}
	defer admin.Close()
	admin.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+db+`"`)
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE "`+db+`"`); err != nil {
		return nil, fmt.Errorf("making a database: %w", err)
	}
	defer admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS "`+strings.ReplaceAll(db, `"`, "")+`" WITH (FORCE)`)
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
	base, err := openBaseline("pgx", u.String())
	if err != nil {
		return nil, err
	}
	defer base.close()
	return measure(ctx, name+" (PostgreSQL)", dst, base, queries, rounds, warmup)
}
