package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"secretariat"
)

func TestAccountsLiveOutsideTheJournal(t *testing.T) {
	st, _ := newStore(t)
	ctx := context.Background()
	seedMembers(t, st, "A1", "A2")
	seqBefore, _, err := st.Head(ctx)
	check(t, err)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	by := AuditEntry{At: now, Actor: "cli:root", Address: "cli"}

	check(t, st.CreateAccount(ctx, Account{Name: "olga", Role: secretariat.RoleOfficer, PasswordHash: "h1"}, by))
	check(t, st.CreateAccount(ctx, Account{Name: "del.a1", Role: secretariat.RoleDelegate, State: "A1", PasswordHash: "h2"}, by))
	for _, c := range []struct {
		a     Account
		code  string
		field string
	}{
		{Account{Name: "olga", Role: secretariat.RoleOfficer, PasswordHash: "x"}, secretariat.ECONFLICT, "name"},
		{Account{Name: "d", Role: secretariat.RoleDelegate, State: "ZZ", PasswordHash: "x"}, secretariat.EINVALID, "state"},
		{Account{Name: "d", Role: secretariat.RoleDelegate, PasswordHash: "x"}, secretariat.EINVALID, "state"},
		{Account{Name: "o", Role: secretariat.RoleOfficer, State: "A1", PasswordHash: "x"}, secretariat.EINVALID, "state"},
		{Account{Name: "p", Role: secretariat.RolePublic, PasswordHash: "x"}, secretariat.EINVALID, "role"},
		{Account{Name: "bad name", Role: secretariat.RoleOfficer, PasswordHash: "x"}, secretariat.EINVALID, "name"},
		{Account{Name: strings.Repeat("a", 65), Role: secretariat.RoleOfficer, PasswordHash: "x"}, secretariat.EINVALID, "name"},
	} {
		err := st.CreateAccount(ctx, c.a, by)
		if secretariat.ErrorCode(err) != c.code || secretariat.ErrorFields(err)[c.field] == "" {
			t.Errorf("%+v: %v (fields %v), want %s on %s", c.a, err, secretariat.ErrorFields(err), c.code, c.field)
		}
	}
	seqAfter, _, err := st.Head(ctx)
	check(t, err)
	if seqAfter != seqBefore {
		t.Fatalf("accounts wrote to the journal: %d → %d", seqBefore, seqAfter)
	}
	rep, err := st.Verify(ctx, nil)
	check(t, err)
	if !rep.OK {
		t.Fatalf("verify with accounts: %+v", rep)
	}
	accounts, err := st.Accounts(ctx)
	check(t, err)
	if len(accounts) != 2 || accounts[0].Name != "del.a1" || accounts[0].Viewer() != (secretariat.Viewer{Role: secretariat.RoleDelegate, State: "A1"}) {
		t.Fatalf("accounts: %+v", accounts)
	}

	// A sign-in session: found while it runs, not after it expires, ended by a new sign-in
	// that replaces it, by a password change and by disabling the account.
	later := by
	later.At, later.Account = now.Add(time.Minute), "olga"
	check(t, st.StartSignInSession(ctx, strings.Repeat("a", 64), "", now.Add(time.Hour), later))
	ses, err := st.FindSignInSession(ctx, strings.Repeat("a", 64), now.Add(30*time.Minute))
	check(t, err)
	if ses.Account.Name != "olga" || ses.Account.Role != secretariat.RoleOfficer {
		t.Fatalf("session: %+v", ses)
	}
	if _, err := st.FindSignInSession(ctx, strings.Repeat("a", 64), now.Add(2*time.Hour)); secretariat.ErrorCode(err) != secretariat.EUNAUTHORIZED {
		t.Fatalf("an expired session: %v", err)
	}
	check(t, st.StartSignInSession(ctx, strings.Repeat("b", 64), strings.Repeat("a", 64), now.Add(time.Hour), later))
	if _, err := st.FindSignInSession(ctx, strings.Repeat("a", 64), now); secretariat.ErrorCode(err) != secretariat.EUNAUTHORIZED {
		t.Fatalf("the replaced session still works: %v", err)
	}
	check(t, st.SetPasswordHash(ctx, "olga", "h3", later))
	if _, err := st.FindSignInSession(ctx, strings.Repeat("b", 64), now); secretariat.ErrorCode(err) != secretariat.EUNAUTHORIZED {
		t.Fatalf("a session survived a password change: %v", err)
	}
	check(t, st.StartSignInSession(ctx, strings.Repeat("c", 64), "", now.Add(time.Hour), later))
	check(t, st.DisableAccount(ctx, "olga", later))
	if _, err := st.FindSignInSession(ctx, strings.Repeat("c", 64), now); secretariat.ErrorCode(err) != secretariat.EUNAUTHORIZED {
		t.Fatalf("a disabled account's session still works: %v", err)
	}
	if a, err := st.FindAccount(ctx, "olga"); err != nil || !a.Disabled() || a.PasswordHash != "h3" {
		t.Fatalf("disabled account: %+v %v", a, err)
	}
	check(t, st.EnableAccount(ctx, "olga", later))
	if err := st.DisableAccount(ctx, "nobody", later); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatalf("disabling a missing account: %v", err)
	}

	// Failed attempts are counted by name and by address, within the window.
	for i := 0; i < 3; i++ {
		f := AuditEntry{At: now.Add(time.Duration(i) * time.Minute), Actor: "anonymous", Action: AuditSignInFailed, Account: "olga", Address: "10.0.0.1"}
		check(t, st.RecordFailedSignIn(ctx, f))
	}
	check(t, st.RecordFailedSignIn(ctx, AuditEntry{At: now, Actor: "anonymous", Action: AuditSignInFailed, Account: "nobody", Address: "10.0.0.1"}))
	byName, byAddr, err := st.FailedSignIns(ctx, "olga", "10.0.0.1", now.Add(time.Minute))
	check(t, err)
	if byName != 2 || byAddr != 2 {
		t.Fatalf("failed sign-ins since +1m: by name %d, by address %d", byName, byAddr)
	}

	log, total, err := st.AccountAudit(ctx, "olga", 100, 0)
	check(t, err)
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	want := "signin_failed signin_failed signin_failed enabled disabled signed_in password_changed signed_in signed_in created"
	if strings.Join(actions, " ") != want || total != 10 {
		t.Fatalf("audit of olga (%d): %s", total, strings.Join(actions, " "))
	}
	if _, err := st.writer.ExecContext(ctx, `DELETE FROM account_audit`); err == nil {
		t.Fatal("the audit log could be deleted")
	}
	if _, err := st.writer.ExecContext(ctx, `UPDATE account_audit SET actor = 'x'`); err == nil {
		t.Fatal("the audit log could be changed")
	}
	check(t, st.PruneSignIns(ctx, now.Add(24*time.Hour), now.Add(24*time.Hour)))
	if byName, _, _ := st.FailedSignIns(ctx, "olga", "", time.Time{}); byName != 0 {
		t.Fatalf("pruned attempts remain: %d", byName)
	}
}

func TestCheckViewerRefusesAnUnknownState(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "A1")
	ctx := context.Background()
	for _, v := range []secretariat.Viewer{secretariat.Anonymous, secretariat.Secretariat, {Role: secretariat.RoleDelegate, State: "A1"}} {
		check(t, st.CheckViewer(ctx, v))
	}
	err := st.CheckViewer(ctx, secretariat.Viewer{Role: secretariat.RoleDelegate, State: "XX"})
	if secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(err.Error(), "XX") {
		t.Fatalf("an unknown state: %v", err)
	}
}
