// Command multiserve measures journal appends per second on one PostgreSQL database
// written by one server, and by three at once, in the same run: each "server" is a store
// opened on the database with its own connection pool, as a `secretariat serve` process
// has, and its writers register sources concurrently. The appends of all servers go
// through one advisory lock, so that the journal stays one chain; the ratio says what
// sharing it costs (target: three servers at least 0.7 of one).
//
//	go run ./bench/multiserve -postgres postgres://postgres@127.0.0.1:5432/postgres
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"secretariat"
	"secretariat/internal/store"
)

func main() {
	server := flag.String("postgres", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "a PostgreSQL database on a server where the benchmark may make and drop a database")
	writers := flag.Int("writers", 12, "concurrent writers in all")
	writes := flag.Int("writes", 1500, "appends per measure")
	flag.Parse()
	if err := run(*server, *writers, *writes); err != nil {
		fmt.Fprintln(os.Stderr, "multiserve:", err)
		os.Exit(1)
	}
}

func run(server string, writers, writes int) error {
	ctx := context.Background()
	name := fmt.Sprintf("secretariat_bench_multiserve_%d", os.Getpid())
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		return err
	}
	defer admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`)
	u, _ := url.Parse(server)
	u.Path = "/" + name
	db := u.String()
	first, err := store.Open(ctx, db, store.Options{Create: true})
	if err != nil {
		return err
	}
	first.Close()
	one, err := measure(ctx, db, "one", 1, writers, writes)
	if err != nil {
		return err
	}
	three, err := measure(ctx, db, "three", 3, writers, writes)
	if err != nil {
		return err
	}
	fmt.Printf("one server:    %d appends by %d writers in %v = %.0f appends/s\n", writes, writers, one.Round(time.Millisecond), float64(writes)/one.Seconds())
	fmt.Printf("three servers: %d appends by %d writers in %v = %.0f appends/s\n", writes, writers, three.Round(time.Millisecond), float64(writes)/three.Seconds())
	fmt.Printf("ratio three/one: %.2f (target ≥ 0.7)\n", one.Seconds()/three.Seconds())
	st, err := store.Open(ctx, db, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := st.Verify(ctx, nil)
	if err != nil || !r.OK {
		return fmt.Errorf("verify after the runs: %+v %v", r, err)
	}
	fmt.Printf("verify: ok, %d journal entries, one chain\n", r.Entries)
	return nil
}

// measure opens servers stores on the database and has writers register sources across
// them, writes in all; it returns how long the appends took.
func measure(ctx context.Context, db, label string, servers, writers, writes int) (time.Duration, error) {
	var stores []*store.Store
	for range servers {
		st, err := store.Open(ctx, db, store.Options{Actor: "bench"})
		if err != nil {
			return 0, err
		}
		defer st.Close()
		stores = append(stores, st)
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	start := time.Now()
	for w := range writers {
		st := stores[w%servers]
		wg.Go(func() {
			for i := w; i < writes; i += writers {
				_, err := st.RegisterSource(ctx, secretariat.Source{ID: fmt.Sprintf("%s-%d", label, i), Title: secretariat.T("Источник", "Source"),
					URL: "https://example.org/", Class: secretariat.Media})
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	close(errs)
	if err, failed := <-errs; failed {
		return 0, err
	}
	return took, nil
}
