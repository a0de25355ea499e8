package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"secretariat"
)

// API tokens, like accounts, live outside the record (migration 0007): only a token's
// SHA-256 is kept, and every token is bound to an account, whose role and state decide
// what the token may read. Making and revoking a token is written to the account audit
// log.

// Token scopes.
const (
	ScopeRead  = "read"
	ScopeWrite = "write"
)

// Audit actions of tokens.
const (
	AuditTokenCreated = "token_created"
	AuditTokenRevoked = "token_revoked"
)

// APIToken is a token for automation, as the database keeps it (without the token).
type APIToken struct {
	ID        string
	Account   string
	Scope     string
	CreatedAt time.Time
	ExpiresAt time.Time
	// RevokedAt is set once the token may no longer be used.
	RevokedAt time.Time
}

// Revoked reports whether the token was revoked.
func (t *APIToken) Revoked() bool { return !t.RevokedAt.IsZero() }

// CreateAPIToken keeps a new token's hash for an account that exists and is not
// disabled.
func (s *Store) CreateAPIToken(ctx context.Context, t APIToken, hash string, by AuditEntry) error {
	if t.Scope != ScopeRead && t.Scope != ScopeWrite {
		return &secretariat.Error{Code: secretariat.EINVALID, Message: fmt.Sprintf("%q is not a scope: use read or write", t.Scope),
			Fields: map[string]string{"scope": "use read or write"}}
	}
	if !t.ExpiresAt.After(t.CreatedAt) {
		return &secretariat.Error{Code: secretariat.EINVALID, Message: "a token must expire after it is made",
			Fields: map[string]string{"expires": "give a positive duration"}}
	}
	acct, err := s.FindAccount(ctx, t.Account)
	if err != nil {
		return err
	}
	if acct.Disabled() {
		return secretariat.Errorf(secretariat.ECONFLICT, "account %s is disabled: enable it before making a token for it", t.Account)
	}
	return s.accountWrite(ctx, "making a token for "+t.Account, func(tx *sqlTx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO api_token(token_id, token_hash, account, scope, created_at, expires_at) VALUES (?,?,?,?,?,?)`,
			t.ID, hash, t.Account, t.Scope, formatTime(t.CreatedAt), formatTime(t.ExpiresAt))
		if err != nil {
			return classify(err, "making a token for "+t.Account)
		}
		by.Action, by.Account = AuditTokenCreated, t.Account
		by.Detail = fmt.Sprintf("%s %s until %s", t.ID, t.Scope, formatTime(t.ExpiresAt))
		return audit(ctx, tx, by)
	})
}

const tokenColumns = `t.token_id, t.account, t.scope, t.created_at, t.expires_at, coalesce(t.revoked_at, '')`

func scanToken(row interface{ Scan(...any) error }, extra ...any) (*APIToken, error) {
	var t APIToken
	var created, expires, revoked string
	if err := row.Scan(append([]any{&t.ID, &t.Account, &t.Scope, &created, &expires, &revoked}, extra...)...); err != nil {
		return nil, err
	}
	var err error
	if t.CreatedAt, err = parseTime(created); err != nil {
		return nil, fmt.Errorf("token %s: %w", t.ID, err)
	}
	if t.ExpiresAt, err = parseTime(expires); err != nil {
		return nil, fmt.Errorf("token %s: %w", t.ID, err)
	}
	if t.RevokedAt, err = parseTime(revoked); err != nil {
		return nil, fmt.Errorf("token %s: %w", t.ID, err)
	}
	return &t, nil
}

// APITokens lists the tokens, of one account when account is not empty, newest first.
func (s *Store) APITokens(ctx context.Context, account string) ([]APIToken, error) {
	where, args := "1=1", []any{}
	if account != "" {
		where, args = "t.account = ?", []any{account}
	}
	rows, err := s.primary().QueryContext(ctx, `SELECT `+tokenColumns+` FROM api_token t WHERE `+where+` ORDER BY t.created_at DESC, t.token_id`, args...)
	if err != nil {
		return nil, classify(err, "listing tokens")
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, classify(err, "listing tokens")
		}
		out = append(out, *t)
	}
	return out, classify(rows.Err(), "listing tokens")
}

// RevokeAPIToken ends a token for good.
func (s *Store) RevokeAPIToken(ctx context.Context, id string, by AuditEntry) error {
	return s.accountWrite(ctx, "revoking token "+id, func(tx *sqlTx) error {
		var account, revoked string
		err := tx.QueryRowContext(ctx, `SELECT account, coalesce(revoked_at, '') FROM api_token WHERE token_id = ?`, id).Scan(&account, &revoked)
		if err == sql.ErrNoRows {
			return secretariat.Errorf(secretariat.ENOTFOUND, "there is no token %q (see `secretariat token list`)", id)
		}
		if err != nil {
			return classify(err, "revoking token "+id)
		}
		if revoked != "" {
			return secretariat.Errorf(secretariat.ECONFLICT, "token %s was revoked already, at %s", id, revoked)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_token SET revoked_at = ? WHERE token_id = ?`, formatTime(by.At), id); err != nil {
			return classify(err, "revoking token "+id)
		}
		by.Action, by.Account, by.Detail = AuditTokenRevoked, account, id
		return audit(ctx, tx, by)
	})
}

// FindAPIToken returns the token with the hash and its account, if the token is neither
// expired nor revoked and the account is not disabled; EUNAUTHORIZED otherwise.
func (s *Store) FindAPIToken(ctx context.Context, hash string, now time.Time) (*APIToken, *Account, error) {
	row := s.primary().QueryRowContext(ctx, `SELECT `+tokenColumns+`, a.role, coalesce(a.state, '')
		FROM api_token t JOIN account a ON a.login = t.account
		WHERE t.token_hash = ? AND t.expires_at > ? AND t.revoked_at IS NULL AND a.disabled_at IS NULL`, hash, formatTime(now))
	var role, state string
	t, err := scanToken(row, &role, &state)
	if err == sql.ErrNoRows {
		return nil, nil, secretariat.Errorf(secretariat.EUNAUTHORIZED, "the token is unknown, expired or revoked, or its account is disabled")
	}
	if err != nil {
		return nil, nil, classify(err, "reading the token")
	}
	return t, &Account{Name: t.Account, Role: secretariat.Role(role), State: state}, nil
}
