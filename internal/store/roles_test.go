package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"secretariat"
	"secretariat/internal/testkit"
)

// The servers' role on PostgreSQL may append to the journal and never change or remove
// an entry, even with the append-only triggers dropped by the tables' owner; it keeps
// the record through the verbs, and verify passes as it.
func TestTheWritersRoleMayOnlyAppendToTheJournal(t *testing.T) {
	if !testkit.OnPostgres() {
		t.Skip("PostgreSQL only: a SQLite file has no roles (the test command's PostgreSQL run runs it)")
	}
	ctx := context.Background()
	owner := testkit.PostgresDatabase(t, nil)
	st, err := Open(ctx, owner, Options{Create: true, Actor: "owner"})
	check(t, err)
	seedMembers(t, st, "AA", "BB")
	check(t, st.Close())

	// A login role in the writer's role, as the README tells an administrator to make.
	admin, err := sql.Open("pgx", owner)
	check(t, err)
	defer admin.Close()
	login := fmt.Sprintf("secretariat_app_test_%d", os.Getpid())
	admin.Exec(`DROP ROLE IF EXISTS ` + login)
	if _, err := admin.Exec(`CREATE ROLE ` + login + ` LOGIN IN ROLE secretariat_writer`); err != nil {
		t.Fatalf("making the login role: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP OWNED BY ` + login)
		admin.Exec(`DROP ROLE IF EXISTS ` + login)
	})
	u, err := url.Parse(owner)
	check(t, err)
	u.User = url.User(login)
	app := u.String()

	st, err = Open(ctx, app, Options{Actor: "app"})
	check(t, err)
	defer st.Close()
	if _, err := st.RegisterSource(ctx, secretariat.Source{ID: "s1", Title: secretariat.T("И", "S"), URL: "https://example.org/1", Class: secretariat.Media}); err != nil {
		t.Fatalf("the writer's role cannot keep the record: %v", err)
	}
	if r, err := st.Verify(ctx, nil); err != nil || !r.OK {
		t.Fatalf("verify as the writer's role: %v %+v", err, r)
	}

	// The owner drops the journal's triggers; the role is refused all the same.
	for _, trg := range []string{"journal_no_update", "journal_no_delete", "journal_no_truncate"} {
		if _, err := admin.Exec(`DROP TRIGGER ` + trg + ` ON journal`); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sql.Open("pgx", app)
	check(t, err)
	defer db.Close()
	for _, stmt := range []string{
		`UPDATE journal SET verb = 'Forged' WHERE seq = 1`,
		`DELETE FROM journal WHERE seq = 1`,
		`TRUNCATE journal`,
		`DELETE FROM tree_hash`,
		`UPDATE source_history SET doc = '{}'`,
		`DELETE FROM state WHERE id = 'AA'`,
		`DROP TRIGGER state_no_delete ON state`,
		`CREATE TRIGGER forged BEFORE UPDATE ON journal FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('x')`,
	} {
		_, err := db.Exec(stmt)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "42501" && pe.Code != "42P01" {
			t.Errorf("%s as the writer's role: %v, want permission denied", stmt, err)
		}
	}
	var n int
	check(t, admin.QueryRow(`SELECT count(*) FROM journal WHERE verb = 'Forged'`).Scan(&n))
	if n != 0 {
		t.Fatal("the journal was changed")
	}
}
