package testkit

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver the store uses
)

// Backend is the database the tests of the store run on: "sqlite" (the default) or
// "postgres" when SECRETARIAT_TEST_DB=postgres. The test command runs the packages that
// touch the store once on each.
func Backend() string {
	if os.Getenv("SECRETARIAT_TEST_DB") == "postgres" {
		return "postgres"
	}
	return "sqlite"
}

// OnPostgres reports whether the tests run on PostgreSQL.
func OnPostgres() bool { return Backend() == "postgres" }

// RecordPath returns where a test's record lives, on the test backend: a new SQLite file
// called name in the test's temporary directory, or a new PostgreSQL database (see
// PostgresDatabase) that prepare has made the record's schema in, dropped when the test
// ends.
func RecordPath(t testing.TB, name string, prepare func(url string) error) string {
	t.Helper()
	if OnPostgres() {
		return PostgresDatabase(t, prepare)
	}
	return filepath.Join(t.TempDir(), name)
}

// PostgresServer returns the URL of the database the tests may make schemas in:
// $SECRETARIAT_TEST_POSTGRES (the test command creates a database for its run and drops
// it after), else the server on 127.0.0.1:5432, database "postgres". It ends the test
// as Missing when no server answers.
func PostgresServer(t testing.TB) string {
	t.Helper()
	u := os.Getenv("SECRETARIAT_TEST_POSTGRES")
	if u == "" {
		u = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	db, err := sql.Open("pgx", u)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = db.PingContext(ctx)
		cancel()
		db.Close()
	}
	if err != nil {
		Missing(t, fmt.Sprintf("no PostgreSQL server answers at %s (%v): run ./scripts/test, which starts one, or set SECRETARIAT_TEST_POSTGRES", redact(u), err))
	}
	return u
}

func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "the PostgreSQL URL"
	}
	if _, ok := p.User.Password(); ok {
		p.User = url.UserPassword(p.User.Username(), "xxxxx")
	}
	return p.String()
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// PostgresDatabase returns the URL of a new database for one test, dropped when the test
// ends. The database is copied from a template that prepare makes once for the test
// binary (prepare creates the record's schema at the URL it is given): copying a
// database is much faster than running every migration again. A nil prepare gives an
// empty database. The amcheck extension is in every one where the server has it, so
// that verify checks the indexes.
func PostgresDatabase(t testing.TB, prepare func(url string) error) string {
	t.Helper()
	server := PostgresServer(t)
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if prepare == nil {
		name := newDatabaseName()
		if _, err := admin.Exec(`CREATE DATABASE "` + name + `"`); err != nil {
			t.Fatalf("making a database for the test: %v", err)
		}
		dropAtCleanup(t, server, name)
		u := withDatabase(server, name)
		if db, err := sql.Open("pgx", u); err == nil {
			db.Exec(`CREATE EXTENSION IF NOT EXISTS amcheck`)
			db.Close()
		}
		return u
	}
	templateOnce.Do(func() {
		dropStaleDatabases(admin)
		templateName = fmt.Sprintf("secretariat_tmpl_%d", os.Getpid())
		admin.Exec(`DROP DATABASE IF EXISTS "` + templateName + `" WITH (FORCE)`)
		if _, templateErr = admin.Exec(`CREATE DATABASE "` + templateName + `"`); templateErr != nil {
			return
		}
		u := withDatabase(server, templateName)
		if db, err := sql.Open("pgx", u); err == nil {
			db.Exec(`CREATE EXTENSION IF NOT EXISTS amcheck`) // where the server has it
			db.Close()
		}
		templateErr = prepare(u)
	})
	if templateErr != nil {
		t.Fatalf("making the template database: %v", templateErr)
	}
	name := newDatabaseName()
	if _, err := admin.Exec(`CREATE DATABASE "` + name + `" TEMPLATE "` + templateName + `"`); err != nil {
		t.Fatalf("making a database for the test: %v", err)
	}
	dropAtCleanup(t, server, name)
	return withDatabase(server, name)
}

// newDatabaseName names a test's database after the test process, so that a later run
// drops what a killed one left.
func newDatabaseName() string {
	var b [6]byte
	rand.Read(b[:])
	return fmt.Sprintf("secretariat_t%d_%s", os.Getpid(), hex.EncodeToString(b[:]))
}

// dropAtCleanup drops a test's database when the test ends.
func dropAtCleanup(t testing.TB, server, name string) {
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", server)
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec(`DROP DATABASE IF EXISTS "` + name + `" WITH (FORCE)`)
	})
}

// dropStaleDatabases drops the test databases of test processes that are gone.
func dropStaleDatabases(admin *sql.DB) {
	rows, err := admin.Query(`SELECT datname FROM pg_database WHERE datname LIKE 'secretariat\_t%' OR datname LIKE 'secretariat\_tmpl\_%'`)
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			continue
		}
		var pid int
		if _, err := fmt.Sscanf(strings.TrimPrefix(strings.TrimPrefix(name, "secretariat_tmpl_"), "secretariat_t"), "%d", &pid); err == nil && !processRuns(pid) {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		admin.Exec(`DROP DATABASE IF EXISTS "` + name + `" WITH (FORCE)`)
	}
}

// processRuns reports whether a process with the pid is running.
func processRuns(pid int) bool {
	p, err := os.FindProcess(pid)
	return err == nil && p.Signal(syscall.Signal(0)) == nil
}

// withDatabase returns the server URL with another database name.
func withDatabase(server, name string) string {
	u, err := url.Parse(server)
	if err != nil {
		return server
	}
	u.Path = "/" + name
	return u.String()
}

// CopyPostgresDatabase returns the URL of a copy of the database at url, dropped when the
// test ends. Nothing may be connected to the database while it is copied: close its
// stores first.
func CopyPostgresDatabase(t testing.TB, dbURL string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	from := strings.TrimPrefix(u.Path, "/")
	server := PostgresServer(t)
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := newDatabaseName()
	if _, err := admin.Exec(`CREATE DATABASE "` + name + `" TEMPLATE "` + from + `"`); err != nil {
		t.Fatalf("copying database %s: %v", from, err)
	}
	dropAtCleanup(t, server, name)
	return withDatabase(dbURL, name)
}
