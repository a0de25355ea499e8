package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// target is where the benchmark keeps its records: files in a temporary directory, or
// databases it makes on a PostgreSQL server and drops at the end.
type target struct {
	ctx    context.Context
	dir    string
	server string // the PostgreSQL URL, or "" for SQLite
	driver string // the database/sql driver of the bare loop
	made   []string
}

func newTarget(ctx context.Context, dir, server string) *target {
	if server == "" {
		return &target{ctx: ctx, dir: dir, driver: "sqlite"}
	}
	return &target{ctx: ctx, dir: dir, server: server, driver: "pgx"}
}

// make returns the path or URL of a new, empty record called name.
func (t *target) make(name string) string {
	if t.server == "" {
		return filepath.Join(t.dir, name+".db")
	}
	db := fmt.Sprintf("secretariat_bench_%s_%d", name, os.Getpid())
	admin, err := sql.Open("pgx", t.server)
	if err == nil {
		admin.ExecContext(t.ctx, `DROP DATABASE IF EXISTS "`+db+`"`)
		_, err = admin.ExecContext(t.ctx, `CREATE DATABASE "`+db+`"`)
		admin.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "unimport: making a database:", err)
		os.Exit(1)
	}
	t.made = append(t.made, db)
	u, _ := url.Parse(t.server)
	u.Path = "/" + db
	return u.String()
}

// dsn is the bare loop's data source name for a record: the store's settings for SQLite.
func (t *target) dsn(path string) string {
	if t.server != "" {
		return path
	}
	return "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)&_pragma=temp_store(MEMORY)&_txlock=immediate"
}

// drop drops the databases the benchmark made.
func (t *target) drop() {
	if t.server == "" || len(t.made) == 0 {
		return
	}
	admin, err := sql.Open("pgx", t.server)
	if err != nil {
		return
	}
	defer admin.Close()
	for _, db := range t.made {
		admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS "`+strings.ReplaceAll(db, `"`, "")+`" WITH (FORCE)`)
	}
}
