package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"secretariat/internal/server"
)

func init() {
	register(command{name: "serve", summary: "serve the record over HTTP (--demo loads the demo record into an empty database first)", run: runServe})
}

func runServe(e *env, args []string) error {
	f := newFlags(e, "serve", "[--db FILE] [--addr HOST:PORT] [--demo]")
	defAddr := e.getenv("SECRETARIAT_ADDR")
	if defAddr == "" {
		defAddr = "127.0.0.1:8080"
	}
	addr := f.String("addr", defAddr, "address to listen on (env SECRETARIAT_ADDR)")
	withDemo := f.Bool("demo", false, "load the built-in demo record when the database is empty")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	st, err := f.openWrite(*withDemo)
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
	srv := &http.Server{Handler: server.New(st, log), ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (choose another with --addr)", *addr, err)
	}
	fmt.Fprintf(e.stdout, "serving %s on http://%s/\n", f.db, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-e.ctx.Done():
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
