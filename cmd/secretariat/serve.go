package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"secretariat/internal/httpx"
	"secretariat/internal/server"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "serve", summary: "serve the record over HTTP (--demo loads the demo record into an empty database first)", run: runServe,
		stopped: "what the server had written stays, each write whole; a write under way was rolled back"})
}

// Server limits: a slow or idle client cannot hold a connection for long, a request's
// headers are bounded, and so is the number of open connections (--max-connections).
// Bodies are bounded by the server itself (1 MiB for forms, 41 MiB for forms with
// documents).
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 2 * time.Minute // a form with 40 MiB of documents on a slow line
	writeTimeout      = 2 * time.Minute // the year in review as PDF
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	// defaultMaxConnections is far more than a secretariat's readers need (a browser
	// opens up to six), and far below the descriptors Go gives a process (it raises the
	// soft limit to the hard one, commonly 524288).
	defaultMaxConnections = 1024
	// connectionWait is how long a connection over the cap waits for a slot before it
	// is closed: long enough to ride out a burst, short enough that a client retries
	// rather than hangs.
	connectionWait = time.Second
)

func runServe(e *env, args []string) error {
	f := newFlags(e, "serve", "[--db FILE] [--addr HOST:PORT] [--base-url URL] [--demo] [--tls-cert FILE --tls-key FILE]")
	defAddr := e.getenv("SECRETARIAT_ADDR")
	if defAddr == "" {
		defAddr = "127.0.0.1:8080"
	}
	addr := f.String("addr", defAddr, "address to listen on (env SECRETARIAT_ADDR)")
	withDemo := f.Bool("demo", false, "load the built-in demo record when the database is empty")
	certFile := f.String("tls-cert", e.getenv("SECRETARIAT_TLS_CERT"), "serve HTTPS with this certificate (PEM; env SECRETARIAT_TLS_CERT); cookies are then Secure")
	keyFile := f.String("tls-key", e.getenv("SECRETARIAT_TLS_KEY"), "the certificate's private key (PEM; env SECRETARIAT_TLS_KEY)")
	readDB := f.String("read-db", e.getenv("SECRETARIAT_READ_DB"), "a streaming replica of the PostgreSQL primary to send reads to (postgres://…; env SECRETARIAT_READ_DB)")
	defMax, maxEnvErr := defaultMaxConnections, error(nil)
	if v := e.getenv("SECRETARIAT_MAX_CONNECTIONS"); v != "" {
		if defMax, maxEnvErr = strconv.Atoi(v); maxEnvErr != nil {
			maxEnvErr = usagef("SECRETARIAT_MAX_CONNECTIONS is %q, not a number: give how many connections the server may keep open at once, such as %d", v, defaultMaxConnections)
		}
	}
	maxConns := f.Int("max-connections", defMax, "how many connections the server keeps open at once; one more waits "+connectionWait.String()+" for a slot, then is closed (env SECRETARIAT_MAX_CONNECTIONS)")
	sign := signFlags(e, f)
	base := f.baseURL()
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if maxEnvErr != nil {
		given := false // the flag overrides a bad variable, as it would a good one
		f.Visit(func(fl *flag.Flag) { given = given || fl.Name == "max-connections" })
		if !given {
			return maxEnvErr
		}
	}
	if *maxConns < 1 {
		return usagef("--max-connections is %d: the server needs at least 1 connection (the default is %d)", *maxConns, defaultMaxConnections)
	}
	baseURL, err := parseBaseURL(*base)
	if err != nil {
		return err
	}
	if (*certFile == "") != (*keyFile == "") {
		return usagef("give both --tls-cert and --tls-key, or neither")
	}
	signer, err := sign.signer()
	if err != nil {
		return err
	}
	f.e.wrote = true
	st, err := store.Open(e.ctx, f.db, store.Options{Create: *withDemo, BusyTimeout: busyTimeout(e), Actor: actor(e), ReadDB: *readDB})
	if err != nil {
		return err
	}
	defer st.Close()
	if *withDemo {
		n, _, err := st.Head(e.ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			if err := loadDemo(e, st, f.db, false); err != nil {
				return err
			}
		} else {
			fmt.Fprintf(e.stderr, "serve: %s already holds a record (%d entries); not loading the demo\n", f.db, n)
		}
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	handler, err := server.New(st, log, server.Options{BaseURL: baseURL})
	if err != nil {
		return err
	}
	limits := httpx.Limits{ReadHeaderTimeout: readHeaderTimeout, ReadTimeout: readTimeout, WriteTimeout: writeTimeout,
		IdleTimeout: idleTimeout, MaxHeaderBytes: maxHeaderBytes, MaxConnections: *maxConns, ConnectionWait: connectionWait}
	srv := httpx.NewServer(handler, limits, log)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (choose another with --addr)", *addr, err)
	}
	ln = httpx.LimitListener(ln, limits.MaxConnections, limits.ConnectionWait, log)
	scheme := "http"
	if *certFile != "" {
		scheme = "https"
	}
	fmt.Fprintf(e.stdout, "serving %s on %s://%s/\n", f.db, scheme, ln.Addr())
	accounts, err := st.Accounts(e.ctx)
	if err != nil {
		return err
	}
	if len(accounts) == 0 {
		fmt.Fprintf(e.stdout, "no accounts yet: the record can be read, not kept; add the first administrator with\n  secretariat user add NAME --role admin --password-file FILE --db %s\n", f.db)
	}
	if signer != nil {
		go signPeriodically(e.ctx, st, signer, *sign.every, *sign.interval, log)
	}
	errc := make(chan error, 1)
	go func() {
		if *certFile != "" {
			errc <- srv.ServeTLS(ln, *certFile, *keyFile)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	// Expired sign-ins and old attempts are pruned hourly; the audit log keeps them.
	prune := time.NewTicker(time.Hour)
	defer prune.Stop()
	for {
		select {
		case err := <-errc:
			return err
		case now := <-prune.C:
			if err := st.PruneSignIns(e.ctx, now, now.Add(-24*time.Hour)); err != nil {
				log.Error("pruning sign-ins", "err", err)
			}
		case <-e.ctx.Done():
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		}
	}
}
