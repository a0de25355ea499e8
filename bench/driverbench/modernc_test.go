package driverbench

import (
	"testing"

	_ "modernc.org/sqlite"
)

// The driver secretariat uses. bench/mattn runs the same on mattn/go-sqlite3 and prints
// the ratios; this file keeps the suite compiling and running in the main module.

func BenchmarkModerncInsert(b *testing.B) { Insert(b, Open(b, "sqlite", b.TempDir(), "")) }

func BenchmarkModerncLookup(b *testing.B) {
	db := Open(b, "sqlite", b.TempDir(), "")
	Fill(b, db, 20000)
	Lookup(b, db, 20000)
}

func BenchmarkModerncFTS(b *testing.B) {
	db := Open(b, "sqlite", b.TempDir(), "")
	Fill(b, db, 20000)
	FTS(b, db)
}
