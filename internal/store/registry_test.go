package store

import (
	"context"
	"slices"
	"testing"

	"secretariat"
)

// Generated columns that are not filters: they serve an index or a foreign key only.
var displayColumns = map[string]string{
	"item.title": "the title in one language, for the voting-record index; a title is filtered in any language",
}

func TestKindRegistryAgreesWithTheSchema(t *testing.T) {
	st, _ := newStore(t)
	ctx := context.Background()
	tables := map[string]bool{}
	rows, err := st.readers.QueryContext(ctx, per(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
		`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`))
	check(t, err)
	for rows.Next() {
		var name string
		check(t, rows.Scan(&name))
		tables[name] = true
	}
	check(t, rows.Err())
	rows.Close()
	for name := range tables {
		if _, ok := secretariat.LookupKind(name); !ok && !slices.Contains(recordTables(), name) && !slices.Contains(AccountTables, name) && !slices.Contains(indexTables, name) {
			t.Errorf("table %s is neither a table of the record (recordTables) nor an account table", name)
		}
	}
	for name := range specs {
		if _, ok := secretariat.LookupKind(name); !ok {
			t.Errorf("the store has a spec for %s, which the domain does not know", name)
		}
	}
	for _, k := range secretariat.Kinds() {
		if !tables[k.Name] {
			t.Errorf("kind %s has no table", k.Name)
			continue
		}
		if _, ok := specs[k.Name]; !ok {
			t.Errorf("kind %s has no spec in the store", k.Name)
		}
		cols := map[string]int{} // name → hidden (0 plain, 2/3 generated)
		rows, err := st.readers.QueryContext(ctx, st.d.columnsSQL(), k.Name)
		check(t, err)
		for rows.Next() {
			var name string
			var hidden int
			check(t, rows.Scan(&name, &hidden))
			cols[name] = hidden
		}
		rows.Close()
		for _, c := range []string{"id", "doc", "seq"} {
			if h, ok := cols[c]; !ok || h != 0 {
				t.Errorf("%s: column %s is missing or generated", k.Name, c)
			}
		}
		history := map[string]int{}
		hrows, err := st.readers.QueryContext(ctx, st.d.columnsSQL(), k.Name+"_history")
		check(t, err)
		for hrows.Next() {
			var name string
			var hidden int
			check(t, hrows.Scan(&name, &hidden))
			history[name] = hidden
		}
		hrows.Close()
		for name, hidden := range cols {
			if h, ok := history[name]; !ok || h != hidden {
				t.Errorf("%s_history lacks the column %s of %s, or computes it otherwise: as-of reads would filter differently", k.Name, name, k.Name)
			}
		}
		if _, ok := history["until_seq"]; !ok {
			t.Errorf("%s_history has no until_seq", k.Name)
		}
		_, hasClass := cols["classification"]
		if hasClass != k.Classified() {
			t.Errorf("%s: classification column %v, but the domain type embeds Access: %v", k.Name, hasClass, k.Classified())
		}
		for name, hidden := range cols {
			if hidden == 0 {
				continue
			}
			filter := false
			for _, col := range st.columns[k.Name] {
				filter = filter || col == name
			}
			if _, display := displayColumns[k.Name+"."+name]; !filter && !display {
				t.Errorf("%s.%s is generated but is neither a scalar field of the domain type nor a named display column", k.Name, name)
			}
		}
	}
}

// The two databases have the same migrations, by number and name.
func TestMigrationListsMatch(t *testing.T) {
	sqlite, err := migrations("sqlite")
	check(t, err)
	postgres, err := migrations("postgres")
	check(t, err)
	if len(sqlite) != len(postgres) {
		t.Fatalf("SQLite has %d migrations, PostgreSQL %d", len(sqlite), len(postgres))
	}
	for i := range sqlite {
		if sqlite[i].version != postgres[i].version || sqlite[i].name != postgres[i].name {
			t.Errorf("migration %d: SQLite's is %04d_%s, PostgreSQL's %04d_%s", i+1, sqlite[i].version, sqlite[i].name, postgres[i].version, postgres[i].name)
		}
	}
}
