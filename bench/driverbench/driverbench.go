// Package driverbench measures a SQLite driver on the work secretariat gives it:
// inserting JSON documents with generated columns in one transaction, looking records
// up by key, and querying an FTS5 index. It runs the same work on any database/sql
// driver, so that drivers can be compared in one run (see bench/mattn).
package driverbench

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// Setup is the schema the benchmarks use: a table shaped like the record's tables and an
// FTS5 index of stemmed text.
const Setup = `
CREATE TABLE item (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  session TEXT GENERATED ALWAYS AS (json_extract(doc, '$.session')) STORED,
  number INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.number')) STORED
);
CREATE INDEX item_session ON item(session, number);
CREATE VIRTUAL TABLE search USING fts5(body);`

// Open opens a fresh database at dir with driver and dsn options (appended to the path).
func Open(b testing.TB, driver, dir, options string) *sql.DB {
	b.Helper()
	db, err := sql.Open(driver, "file:"+filepath.Join(dir, "bench.db")+options)
	if err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", Setup} {
		if _, err := db.Exec(q); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	return db
}

func doc(i int) string {
	return fmt.Sprintf(`{"id":"s%d-%d","number":%d,"session":"s%d","title":{"authentic":"ru","en":"Question %d on the plan of collective actions","ru":"Вопрос %d о плане коллективных действий"}}`,
		i/20, i%20, i%20, i/20, i, i)
}

// Insert measures inserting b.N documents in one transaction.
func Insert(b *testing.B, db *sql.DB) {
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	stmt, err := tx.Prepare(`INSERT INTO item(id, doc, seq) VALUES (?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := stmt.Exec(fmt.Sprintf("i%d", i), doc(i), i); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// Fill inserts n documents and n FTS rows, for the read benchmarks.
func Fill(b testing.TB, db *sql.DB, n int) {
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := tx.Exec(`INSERT INTO item(id, doc, seq) VALUES (?, ?, ?)`, fmt.Sprintf("i%d", i), doc(i), i); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO search(body) VALUES (?)`, fmt.Sprintf("вопрос план коллективн действ %d решен %d", i, i%97)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// Lookup measures reading one document by key from n.
func Lookup(b *testing.B, db *sql.DB, n int) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var d string
		if err := db.QueryRow(`SELECT doc FROM item WHERE id = ?`, fmt.Sprintf("i%d", (i*7919)%n)).Scan(&d); err != nil {
			b.Fatal(err)
		}
	}
}

// FTS measures a ranked full-text query with highlighted snippets.
func FTS(b *testing.B, db *sql.DB) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rows, err := db.Query(`SELECT highlight(search, 0, '[', ']') FROM search WHERE search MATCH ? ORDER BY rank LIMIT 20`, fmt.Sprintf("план AND %d", i%97))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		if n == 0 {
			b.Fatal("no hits")
		}
	}
}
