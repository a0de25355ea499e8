package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"secretariat"
)

// Accounts, sign-in sessions, sign-in attempts and the account audit log live outside
// the record: no verb writes them and the journal does not hash them (DESIGN.md,
// "Access"). Every change to an account writes its audit entry in the same transaction.

// AccountTables names the tables that are not the record's: verify leaves them alone.
var AccountTables = []string{"account", "signin_session", "signin_attempt", "account_audit", "api_token", "api_idempotency"}

// Account is one person who signs in.
type Account struct {
	Name string
	Role secretariat.Role
	// State is the member state a delegate is bound to.
	State        string
	PasswordHash string
	CreatedAt    time.Time
	PasswordAt   time.Time
	// DisabledAt is set when the account may no longer sign in.
	DisabledAt time.Time
}

// Disabled reports whether the account may no longer sign in.
func (a *Account) Disabled() bool { return !a.DisabledAt.IsZero() }

// Viewer is what the account may read.
func (a *Account) Viewer() secretariat.Viewer {
	return secretariat.Viewer{Role: a.Role, State: a.State}
}

// AuditEntry is one line of the account audit log.
type AuditEntry struct {
	Seq     int64
	At      time.Time
	Actor   string
	Action  string
	Account string
	Address string
	Detail  string
}

// Audit actions.
const (
	AuditCreated         = "created"
	AuditPasswordChanged = "password_changed"
	AuditDisabled        = "disabled"
	AuditEnabled         = "enabled"
	AuditSignedIn        = "signed_in"
	AuditSignInFailed    = "signin_failed"
	AuditSignInThrottled = "signin_throttled"
	AuditSignedOut       = "signed_out"
)

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(timeLayout, s)
}

// accountWrite runs fn in one transaction of the writer, outside the journal.
func (s *Store) accountWrite(ctx context.Context, doing string, fn func(tx *sqlTx) error) error {
	if s.writer == nil {
		return secretariat.Errorf(secretariat.EFORBIDDEN, "%s: the database is open read-only", doing)
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return classify(err, doing)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return classify(tx.Commit(), doing)
}

func audit(ctx context.Context, tx *sqlTx, e AuditEntry) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO account_audit(at, actor, action, account, client, detail) VALUES (?,?,?,?,?,?)`,
		formatTime(e.At), e.Actor, e.Action, e.Account, e.Address, e.Detail)
	return classify(err, "writing the account audit log")
}

// CheckViewer refuses a viewer bound to a state the record does not have: a delegate of
// an unknown state would otherwise read restricted records.
func (s *Store) CheckViewer(ctx context.Context, v secretariat.Viewer) error {
	if v.Role != secretariat.RoleDelegate {
		return nil
	}
	if _, err := s.Get(ctx, secretariat.Secretariat, "state", v.State); err != nil {
		if secretariat.ErrorCode(err) == secretariat.ENOTFOUND {
			return &secretariat.Error{Code: secretariat.EINVALID,
				Message: fmt.Sprintf("there is no member state %q in the record: a delegate is bound to one of its states (see `secretariat list state`)", v.State),
				Fields:  map[string]string{"state": "not a member state of the record"}}
		}
		return err
	}
	return nil
}

// CreateAccount adds an account. The role must be admin, officer or delegate; a
// delegate names a state of the record, and only a delegate does.
func (s *Store) CreateAccount(ctx context.Context, a Account, by AuditEntry) error {
	switch a.Role {
	case secretariat.RoleAdmin, secretariat.RoleOfficer:
		if a.State != "" {
			return &secretariat.Error{Code: secretariat.EINVALID, Message: "only a delegate is bound to a state",
				Fields: map[string]string{"state": "only a delegate is bound to a state"}}
		}
	case secretariat.RoleDelegate:
		if err := s.CheckViewer(ctx, a.Viewer()); err != nil {
			return err
		}
	default:
		return &secretariat.Error{Code: secretariat.EINVALID, Message: fmt.Sprintf("%q is not a role: use admin, officer or delegate", a.Role),
			Fields: map[string]string{"role": "use admin, officer or delegate"}}
	}
	if err := CheckAccountName(a.Name); err != nil {
		return err
	}
	if a.PasswordHash == "" {
		return secretariat.Errorf(secretariat.EINVALID, "an account needs a password")
	}
	return s.accountWrite(ctx, "adding account "+a.Name, func(tx *sqlTx) error {
		var state any
		if a.State != "" {
			state = a.State
		}
		at := formatTime(by.At)
		_, err := tx.ExecContext(ctx, `INSERT INTO account(login, role, state, password_hash, created_at, password_at) VALUES (?,?,?,?,?,?)`,
			a.Name, string(a.Role), state, a.PasswordHash, at, at)
		if err != nil {
			if secretariat.ErrorCode(classify(err, "")) == secretariat.ECONFLICT {
				return &secretariat.Error{Code: secretariat.ECONFLICT, Message: fmt.Sprintf("there is already an account %q", a.Name),
					Fields: map[string]string{"name": "is taken"}}
			}
			return classify(err, "adding account "+a.Name)
		}
		by.Action, by.Account = AuditCreated, a.Name
		by.Detail = string(a.Role)
		if a.State != "" {
			by.Detail += ":" + a.State
		}
		return audit(ctx, tx, by)
	})
}

// CheckAccountName refuses a name that is empty, too long, or has characters other than
// letters, digits, '.', '-', '_' and '@'.
func CheckAccountName(name string) error {
	bad := name == "" || len(name) > 64
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(".-_@", c)) {
			bad = true
		}
	}
	if bad {
		return &secretariat.Error{Code: secretariat.EINVALID, Message: fmt.Sprintf("%q is not an account name", name),
			Fields: map[string]string{"name": "use 1 to 64 letters, digits, '.', '-', '_' or '@'"}}
	}
	return nil
}

const accountColumns = `login, role, coalesce(state, ''), password_hash, created_at, password_at, coalesce(disabled_at, '')`

// scanAccount reads the account columns, then any extra columns into extra.
func scanAccount(row interface{ Scan(...any) error }, extra ...any) (*Account, error) {
	var a Account
	var role, created, pw, disabled string
	if err := row.Scan(append([]any{&a.Name, &role, &a.State, &a.PasswordHash, &created, &pw, &disabled}, extra...)...); err != nil {
		return nil, err
	}
	a.Role = secretariat.Role(role)
	var err error
	if a.CreatedAt, err = parseTime(created); err != nil {
		return nil, fmt.Errorf("account %s: %w", a.Name, err)
	}
	if a.PasswordAt, err = parseTime(pw); err != nil {
		return nil, fmt.Errorf("account %s: %w", a.Name, err)
	}
	if a.DisabledAt, err = parseTime(disabled); err != nil {
		return nil, fmt.Errorf("account %s: %w", a.Name, err)
	}
	return &a, nil
}

// FindAccount returns the account with the name.
func (s *Store) FindAccount(ctx context.Context, name string) (*Account, error) {
	a, err := scanAccount(s.primary().QueryRowContext(ctx, `SELECT `+accountColumns+` FROM account WHERE login = ?`, name))
	if err == sql.ErrNoRows {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "there is no account %q", name)
	}
	return a, classify(err, "reading account "+name)
}

// Accounts lists every account by name.
func (s *Store) Accounts(ctx context.Context) ([]Account, error) {
	rows, err := s.primary().QueryContext(ctx, `SELECT `+accountColumns+` FROM account ORDER BY login`)
	if err != nil {
		return nil, classify(err, "listing accounts")
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, classify(err, "listing accounts")
		}
		out = append(out, *a)
	}
	return out, classify(rows.Err(), "listing accounts")
}

// updateAccount changes one account and audits it; it signs the account out everywhere
// when signOut is set.
func (s *Store) updateAccount(ctx context.Context, name, doing string, by AuditEntry, signOut bool, query string, args ...any) error {
	return s.accountWrite(ctx, doing, func(tx *sqlTx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return classify(err, doing)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return secretariat.Errorf(secretariat.ENOTFOUND, "there is no account %q", name)
		}
		if signOut {
			if _, err := tx.ExecContext(ctx, `DELETE FROM signin_session WHERE account = ?`, name); err != nil {
				return classify(err, doing)
			}
		}
		by.Account = name
		return audit(ctx, tx, by)
	})
}

// SetPasswordHash replaces an account's password hash and signs it out everywhere.
func (s *Store) SetPasswordHash(ctx context.Context, name, hash string, by AuditEntry) error {
	by.Action = AuditPasswordChanged
	return s.updateAccount(ctx, name, "changing the password of "+name, by, true,
		`UPDATE account SET password_hash = ?, password_at = ? WHERE login = ?`, hash, formatTime(by.At), name)
}

// DisableAccount stops an account from signing in and ends its sign-in sessions.
func (s *Store) DisableAccount(ctx context.Context, name string, by AuditEntry) error {
	by.Action = AuditDisabled
	return s.updateAccount(ctx, name, "disabling "+name, by, true,
		`UPDATE account SET disabled_at = coalesce(disabled_at, ?) WHERE login = ?`, formatTime(by.At), name)
}

// EnableAccount lets a disabled account sign in again.
func (s *Store) EnableAccount(ctx context.Context, name string, by AuditEntry) error {
	by.Action = AuditEnabled
	return s.updateAccount(ctx, name, "enabling "+name, by, false,
		`UPDATE account SET disabled_at = NULL WHERE login = ?`, name)
}

// SignInSession is a signed-in browser, found by the hash of its cookie's token.
type SignInSession struct {
	Account   Account
	CreatedAt time.Time
	ExpiresAt time.Time
}

// StartSignInSession records a successful sign-in: the attempt, the audit entry and the
// new session, in one transaction. The session a browser came with (previous, a token
// hash, possibly empty) ends, so that a sign-in always issues a fresh token.
func (s *Store) StartSignInSession(ctx context.Context, tokenHash, previous string, expires time.Time, by AuditEntry) error {
	return s.accountWrite(ctx, "signing in "+by.Account, func(tx *sqlTx) error {
		if previous != "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM signin_session WHERE token_hash = ?`, previous); err != nil {
				return classify(err, "signing in")
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO signin_session(token_hash, account, created_at, expires_at) VALUES (?,?,?,?)`,
			tokenHash, by.Account, formatTime(by.At), formatTime(expires)); err != nil {
			return classify(err, "signing in")
		}
		if err := recordAttempt(ctx, tx, by.At, by.Account, by.Address, true); err != nil {
			return err
		}
		by.Action = AuditSignedIn
		return audit(ctx, tx, by)
	})
}

// FindSignInSession returns the unexpired session with the token hash, of an account
// that is not disabled.
func (s *Store) FindSignInSession(ctx context.Context, tokenHash string, now time.Time) (*SignInSession, error) {
	row := s.primary().QueryRowContext(ctx, `SELECT a.login, a.role, coalesce(a.state, ''), a.password_hash,
		a.created_at, a.password_at, coalesce(a.disabled_at, ''), ss.created_at, ss.expires_at
		FROM signin_session ss JOIN account a ON a.login = ss.account
		WHERE ss.token_hash = ? AND ss.expires_at > ? AND a.disabled_at IS NULL`, tokenHash, formatTime(now))
	var created, expires string
	acct, err := scanAccount(row, &created, &expires)
	if err == sql.ErrNoRows {
		return nil, secretariat.Errorf(secretariat.EUNAUTHORIZED, "the sign-in has expired or ended: sign in again")
	}
	if err != nil {
		return nil, classify(err, "reading the sign-in")
	}
	out := &SignInSession{Account: *acct}
	if out.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if out.ExpiresAt, err = parseTime(expires); err != nil {
		return nil, err
	}
	return out, nil
}

// EndSignInSession signs a browser out.
func (s *Store) EndSignInSession(ctx context.Context, tokenHash string, by AuditEntry) error {
	return s.accountWrite(ctx, "signing out", func(tx *sqlTx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM signin_session WHERE token_hash = ?`, tokenHash)
		if err != nil {
			return classify(err, "signing out")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		by.Action = AuditSignedOut
		return audit(ctx, tx, by)
	})
}

// RecordFailedSignIn records a refused sign-in in the audit log. A wrong name or
// password (AuditSignInFailed) also counts as an attempt for rate limiting; a throttled
// one (AuditSignInThrottled) does not, so that a limit lifts once the window has passed
// without new guesses.
func (s *Store) RecordFailedSignIn(ctx context.Context, by AuditEntry) error {
	return s.accountWrite(ctx, "recording a sign-in attempt", func(tx *sqlTx) error {
		if by.Action == AuditSignInFailed {
			if err := recordAttempt(ctx, tx, by.At, by.Account, by.Address, false); err != nil {
				return err
			}
		}
		return audit(ctx, tx, by)
	})
}

func recordAttempt(ctx context.Context, tx *sqlTx, at time.Time, name, address string, ok bool) error {
	okInt := 0
	if ok {
		okInt = 1
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO signin_attempt(at, login, client, ok) VALUES (?,?,?,?)`, formatTime(at), name, address, okInt)
	return classify(err, "recording a sign-in attempt")
}

// FailedSignIns counts the failed sign-in attempts since a time, for a name and from an
// address.
func (s *Store) FailedSignIns(ctx context.Context, name, address string, since time.Time) (byName, byAddress int, err error) {
	t := formatTime(since)
	err = s.primary().QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM signin_attempt WHERE login = ? AND at >= ? AND ok = 0),
		(SELECT count(*) FROM signin_attempt WHERE client = ? AND at >= ? AND ok = 0)`, name, t, address, t).Scan(&byName, &byAddress)
	return byName, byAddress, classify(err, "counting sign-in attempts")
}

// PruneSignIns deletes expired sign-in sessions and attempts older than a time; the audit
// log keeps what happened.
func (s *Store) PruneSignIns(ctx context.Context, now, attemptsBefore time.Time) error {
	return s.accountWrite(ctx, "pruning sign-ins", func(tx *sqlTx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM signin_session WHERE expires_at <= ?`, formatTime(now)); err != nil {
			return classify(err, "pruning sign-ins")
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM signin_attempt WHERE at < ?`, formatTime(attemptsBefore))
		return classify(err, "pruning sign-ins")
	})
}

// AccountAudit returns the audit log, newest first, one page at a time, with the total;
// account filters it to one account when not empty.
func (s *Store) AccountAudit(ctx context.Context, account string, limit, offset int) ([]AuditEntry, int, error) {
	where, args := "1=1", []any{}
	if account != "" {
		where, args = "account = ?", []any{account}
	}
	var total int
	if err := s.primary().QueryRowContext(ctx, `SELECT count(*) FROM account_audit WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, classify(err, "reading the account audit log")
	}
	q := `SELECT seq, at, actor, action, account, client, detail FROM account_audit WHERE ` + where + ` ORDER BY seq DESC`
	if limit > 0 {
		q += " LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(max(offset, 0))
	}
	rows, err := s.primary().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, classify(err, "reading the account audit log")
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Account, &e.Address, &e.Detail); err != nil {
			return nil, 0, classify(err, "reading the account audit log")
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, classify(rows.Err(), "reading the account audit log")
}
