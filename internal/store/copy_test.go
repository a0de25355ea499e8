package store

import (
	"context"
	"path/filepath"
	"secretariat"
	"testing"
	"time"

	"secretariat/internal/testkit"
)

// openOther opens an empty record on the other database than the test run's.
func openOther(t *testing.T) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "copy.db")
	if !testkit.OnPostgres() {
		path = testkit.PostgresDatabase(t, nil)
	}
	st, err := Open(context.Background(), path, Options{Create: true})
	check(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

// A record moves from one database to the other and back with the same head hash, and
// verifies on each: its journal, files, checkpoints, cosignatures and accounts come along.
func TestARecordMovesBetweenDatabasesAndBack(t *testing.T) {
	st, _, _ := logged(t) // a file, a checkpoint and a cosignature
	ctx := context.Background()
	check(t, st.CreateAccount(ctx, Account{Name: "olga", Role: secretariat.RoleOfficer, PasswordHash: "h1"}, AuditEntry{At: time.Now(), Actor: "test"}))
	before := must[Report](t)(st.Verify(ctx, nil))
	if !before.OK || before.Files != 1 || before.Log.Checkpoints != 1 || before.Log.Cosignatures != 1 {
		t.Fatalf("verify of the source: %+v", before)
	}
	other := openOther(t)
	check(t, CopyRecord(ctx, st, other, nil))
	there := must[Report](t)(other.Verify(ctx, nil))
	if !there.OK || there.Head != before.Head || there.Files != 1 || there.Log.Cosignatures != 1 {
		t.Fatalf("verify of the copy on %s: %+v\nthe source: %+v", other.d.name(), there, before)
	}
	if accounts := must[[]Account](t)(other.Accounts(ctx)); len(accounts) != 1 || accounts[0].Name != "olga" {
		t.Fatalf("the accounts did not come along: %+v", accounts)
	}
	back, err := Open(ctx, testkit.RecordPath(t, "back.db", nil), Options{Create: true})
	check(t, err)
	defer back.Close()
	check(t, CopyRecord(ctx, other, back, nil))
	again := must[Report](t)(back.Verify(ctx, nil))
	if !again.OK || again.Head != before.Head {
		t.Fatalf("verify of the copy back: %+v", again)
	}
	if err := CopyRecord(ctx, st, back, nil); err == nil {
		t.Fatal("a record was copied into one that is not empty")
	}
}
