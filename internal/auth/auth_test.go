package auth

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"secretariat"
	"secretariat/internal/store"
)

func TestPasswordHashRoundTrip(t *testing.T) {
	h, err := HashPassword("correct horse battery", DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash format: %s", h)
	}
	h2, _ := HashPassword("correct horse battery", DefaultParams)
	if h == h2 {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	for pw, want := range map[string]bool{"correct horse battery": true, "correct horse batterY": false, "": false} {
		if ok, err := VerifyPassword(h, pw); err != nil || ok != want {
			t.Errorf("%q: %v %v", pw, ok, err)
		}
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5", "$argon2id$v=18$m=19456,t=2,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5", "$argon2id$v=19$m=19456,t=2,p=1$!!$a2V5a2V5a2V5a2V5a2V5"} {
		if ok, err := VerifyPassword(bad, "x"); ok || err == nil {
			t.Errorf("malformed hash %q: %v %v", bad, ok, err)
		}
	}
}

func TestPasswordRules(t *testing.T) {
	for pw, ok := range map[string]bool{"short": false, "olga.petrova": false, "OLGA.PETROVA": false, "ten chars!": true, strings.Repeat("я", 256): true, strings.Repeat("я", 257): false} {
		err := CheckPasswordRules("olga.petrova", pw)
		if (err == nil) != ok || (err != nil && secretariat.ErrorFields(err)["password"] == "") {
			t.Errorf("%q: %v", pw, err)
		}
	}
}

// FuzzParseHash holds that no stored hash, however damaged, makes the parser panic or
// accept parameters outside the bounds that keep a sign-in cheap.
func FuzzParseHash(f *testing.F) {
	h, _ := HashPassword("seed password", Params{Time: 1, Memory: 8, Threads: 1})
	f.Add(h)
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5")
	f.Add("$argon2id$v=19$m=99999999,t=99,p=1$AAAA$AAAA")
	f.Fuzz(func(t *testing.T, hash string) {
		p, salt, key, err := parseHash(hash)
		if err != nil {
			return
		}
		if p.Time < 1 || p.Time > maxTime || p.Memory < 8 || p.Memory > maxMemory || p.Threads < 1 || len(salt) < 8 || len(key) < 16 || len(key) > 64 {
			t.Fatalf("accepted %q: %+v, salt %d, key %d bytes", hash, p, len(salt), len(key))
		}
	})
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newService(t *testing.T) (*Service, *store.Store, *clock) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "auth.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.AdmitState(ctx, secretariat.MemberState{ID: "KG", Code: "KG", Name: secretariat.T("Киргизия", "Kyrgyzstan")}); err != nil {
		t.Fatal(err)
	}
	svc, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	svc.Clock = c.now
	svc.MaxPerName, svc.MaxPerAddress = 3, 5
	return svc, st, c
}

func TestSignInAndSessions(t *testing.T) {
	svc, st, c := newService(t)
	ctx := context.Background()
	root := Actor{Name: "cli:root", Address: "cli"}
	if err := svc.AddAccount(ctx, root, "olga", secretariat.RoleOfficer, "", "short"); secretariat.ErrorFields(err)["password"] == "" {
		t.Fatalf("a short password was taken: %v", err)
	}
	if err := svc.AddAccount(ctx, root, "olga", secretariat.RoleOfficer, "", "a long enough password"); err != nil {
		t.Fatal(err)
	}
	if err := svc.AddAccount(ctx, root, "aibek", secretariat.RoleDelegate, "KG", "another long password"); err != nil {
		t.Fatal(err)
	}
	if err := svc.AddAccount(ctx, root, "x", secretariat.RoleDelegate, "XX", "another long password"); secretariat.ErrorCode(err) != secretariat.EINVALID {
		t.Fatalf("a delegate of an unknown state: %v", err)
	}

	if _, _, err := svc.SignIn(ctx, "olga", "wrong password!", "10.0.0.1", ""); err != ErrBadCredentials {
		t.Fatalf("a wrong password: %v", err)
	}
	if _, _, err := svc.SignIn(ctx, "nobody", "a long enough password", "10.0.0.1", ""); err != ErrBadCredentials {
		t.Fatalf("an unknown name: %v", err)
	}
	tok1, acct, err := svc.SignIn(ctx, "olga", "a long enough password", "10.0.0.1", "")
	if err != nil || acct.Name != "olga" || len(tok1) < 40 {
		t.Fatalf("sign-in: %v %+v %q", err, acct, tok1)
	}
	ses, err := svc.Authenticate(ctx, tok1)
	if err != nil || ses.Account.Viewer() != secretariat.Secretariat {
		t.Fatalf("authenticate: %v %+v", err, ses)
	}
	// Signing in again from the same browser issues a new token and ends the old one.
	tok2, _, err := svc.SignIn(ctx, "olga", "a long enough password", "10.0.0.1", tok1)
	if err != nil || tok2 == tok1 {
		t.Fatalf("second sign-in: %v", err)
	}
	if _, err := svc.Authenticate(ctx, tok1); secretariat.ErrorCode(err) != secretariat.EUNAUTHORIZED {
		t.Fatalf("the old token still works: %v", err)
	}
	c.t = c.t.Add(13 * time.Hour)
	if _, err := svc.Authenticate(ctx, tok2); secretariat.ErrorCode(err) != secretariat.EUNAUTHORIZED {
		t.Fatalf("an expired token works: %v", err)
	}
	tok3, _, err := svc.SignIn(ctx, "aibek", "another long password", "10.0.0.2", "")
	if err != nil {
		t.Fatal(err)
	}
	if ses, err := svc.Authenticate(ctx, tok3); err != nil || ses.Account.Viewer() != (secretariat.Viewer{Role: secretariat.RoleDelegate, State: "KG"}) {
		t.Fatalf("delegate: %v %+v", err, ses)
	}
	if err := svc.SignOut(ctx, tok3, "aibek", "10.0.0.2"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, tok3); err == nil {
		t.Fatal("a signed-out token works")
	}
	if err := svc.Disable(ctx, Actor{Name: "olga"}, "olga"); secretariat.ErrorCode(err) != secretariat.ECONFLICT {
		t.Fatalf("disabling oneself: %v", err)
	}
	if err := svc.Disable(ctx, root, "aibek"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.SignIn(ctx, "aibek", "another long password", "10.0.0.2", ""); err != ErrBadCredentials {
		t.Fatalf("a disabled account signed in: %v", err)
	}
	log, _, err := st.AccountAudit(ctx, "", 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range log {
		lines = append(lines, e.Actor+" "+e.Action+" "+e.Account+" "+e.Detail)
	}
	want := []string{
		"anonymous signin_failed aibek account disabled",
		"cli:root disabled aibek ",
		"aibek signed_out aibek ",
		"aibek signed_in aibek ",
		"olga signed_in olga ",
		"olga signed_in olga ",
		"anonymous signin_failed nobody no such account",
		"anonymous signin_failed olga wrong password",
		"cli:root created aibek delegate:KG",
		"cli:root created olga officer",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit log:\n%s", strings.Join(lines, "\n"))
	}
}

func TestSignInIsRateLimited(t *testing.T) {
	svc, st, c := newService(t)
	ctx := context.Background()
	if err := svc.AddAccount(ctx, Actor{Name: "cli:root"}, "olga", secretariat.RoleOfficer, "", "a long enough password"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, _, err := svc.SignIn(ctx, "olga", "guess number "+string(rune('0'+i)), "10.0.0.9", ""); err != ErrBadCredentials {
			t.Fatal(err)
		}
	}
	// The fourth attempt is refused even with the right password, and audited.
	_, _, err := svc.SignIn(ctx, "olga", "a long enough password", "10.0.0.9", "")
	if !IsThrottled(err) {
		t.Fatalf("no throttling after 3 failures: %v", err)
	}
	// Other names from other addresses are not affected; the address limit applies to
	// every name.
	for i := 0; i < 2; i++ {
		svc.SignIn(ctx, "someone", "guess", "10.0.0.9", "")
	}
	if _, _, err := svc.SignIn(ctx, "third", "guess", "10.0.0.9", ""); !IsThrottled(err) {
		t.Fatalf("no throttling by address: %v", err)
	}
	if _, _, err := svc.SignIn(ctx, "third", "guess", "10.0.0.8", ""); err != ErrBadCredentials {
		t.Fatalf("another address was throttled: %v", err)
	}
	// After the window the right password works again.
	c.t = c.t.Add(16 * time.Minute)
	if _, _, err := svc.SignIn(ctx, "olga", "a long enough password", "10.0.0.9", ""); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	log, _, _ := st.AccountAudit(ctx, "olga", 100, 0)
	throttled := 0
	for _, e := range log {
		if e.Action == store.AuditSignInThrottled {
			throttled++
		}
	}
	if throttled != 1 {
		t.Fatalf("throttled attempts audited: %d", throttled)
	}
}
