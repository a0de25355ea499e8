// Package mattn compares the SQLite driver secretariat uses (modernc.org/sqlite, pure
// Go) with mattn/go-sqlite3 (cgo), in one run, on the same work. It is a separate module
// so that the cgo driver never enters secretariat's own dependencies. Run:
//
//	cd bench/mattn && go test -tags sqlite_fts5 -run TestCompare -v
package mattn

import (
	"fmt"
	"testing"

	_ "github.com/mattn/go-sqlite3"
	_ "modernc.org/sqlite"

	"secretariat/bench/driverbench"
)

func TestCompare(t *testing.T) {
	const n = 20000
	work := map[string]func(driver string) func(b *testing.B){
		"insert": func(d string) func(*testing.B) {
			return func(b *testing.B) { driverbench.Insert(b, driverbench.Open(b, d, b.TempDir(), "")) }
		},
		"lookup": func(d string) func(*testing.B) {
			return func(b *testing.B) {
				db := driverbench.Open(b, d, b.TempDir(), "")
				driverbench.Fill(b, db, n)
				driverbench.Lookup(b, db, n)
			}
		},
		"fts": func(d string) func(*testing.B) {
			return func(b *testing.B) {
				db := driverbench.Open(b, d, b.TempDir(), "")
				driverbench.Fill(b, db, n)
				driverbench.FTS(b, db)
			}
		},
	}
	for _, name := range []string{"insert", "lookup", "fts"} {
		m := testing.Benchmark(work[name]("sqlite"))
		c := testing.Benchmark(work[name]("sqlite3"))
		fmt.Printf("%-7s modernc %8d ns/op   mattn %8d ns/op   mattn is %.2fx faster\n",
			name, m.NsPerOp(), c.NsPerOp(), float64(m.NsPerOp())/float64(c.NsPerOp()))
	}
}
