package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"secretariat"
	"secretariat/internal/store"
)

// Service signs people in and manages their accounts.
type Service struct {
	st *store.Store
	// Clock gives the time; time.Now when nil.
	Clock func() time.Time
	// Params are the argon2id costs of new hashes.
	Params Params
	// SessionTTL is how long a sign-in lasts.
	SessionTTL time.Duration
	// Window, MaxPerName and MaxPerAddress limit failed sign-ins: after MaxPerName
	// failures for one name, or MaxPerAddress from one address, within Window, further
	// attempts are refused without checking the password.
	Window        time.Duration
	MaxPerName    int
	MaxPerAddress int
	// decoy is a hash checked when the name is unknown, so that a wrong name takes as
	// long as a wrong password and does not reveal which names exist.
	decoy string
}

// New returns a service over st with the default costs and limits.
func New(st *store.Store) (*Service, error) {
	decoy, err := HashPassword("decoy password for unknown names", DefaultParams)
	if err != nil {
		return nil, err
	}
	return &Service{st: st, Params: DefaultParams, SessionTTL: 12 * time.Hour,
		Window: 15 * time.Minute, MaxPerName: 10, MaxPerAddress: 30, decoy: decoy}, nil
}

func (s *Service) now() time.Time {
	if s.Clock != nil {
		return s.Clock().UTC()
	}
	return time.Now().UTC()
}

// Throttled is the error of a sign-in refused because of too many failures.
type Throttled struct {
	// Retry is how long to wait before trying again.
	Retry time.Duration
}

func (t *Throttled) Error() string {
	return fmt.Sprintf("too many failed sign-ins for this name or from this address: try again in %d minutes", int(t.Retry.Minutes()+0.5))
}

// ErrBadCredentials is a wrong name or password; which of the two is not said.
var ErrBadCredentials = secretariat.Errorf(secretariat.EUNAUTHORIZED, "the name or the password is wrong")

// TokenHash is the SHA-256 of a sign-in token, as the database keeps it.
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("making a sign-in token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// SignIn checks a name and password from an address and, when they match an account
// that is not disabled, starts a sign-in session and returns its token. previous is the
// token the browser came with, if any: it is ended, so a sign-in always gets a fresh
// token. Every attempt is audited; failures count towards the limits.
func (s *Service) SignIn(ctx context.Context, name, password, address, previous string) (string, *store.Account, error) {
	now := s.now()
	byName, byAddress, err := s.st.FailedSignIns(ctx, name, address, now.Add(-s.Window))
	if err != nil {
		return "", nil, err
	}
	entry := store.AuditEntry{At: now, Actor: "anonymous", Account: name, Address: address}
	if byName >= s.MaxPerName || byAddress >= s.MaxPerAddress {
		entry.Action = store.AuditSignInThrottled
		entry.Detail = fmt.Sprintf("%d failures for the name, %d from the address in %s", byName, byAddress, s.Window)
		if err := s.st.RecordFailedSignIn(ctx, entry); err != nil {
			return "", nil, err
		}
		return "", nil, &Throttled{Retry: s.Window}
	}
	acct, err := s.st.FindAccount(ctx, name)
	if err != nil && secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		return "", nil, err
	}
	ok := false
	switch {
	case acct == nil:
		VerifyPassword(s.decoy, password)
		entry.Detail = "no such account"
	case acct.Disabled():
		VerifyPassword(s.decoy, password)
		entry.Detail = "account disabled"
	default:
		if ok, err = VerifyPassword(acct.PasswordHash, password); err != nil {
			return "", nil, fmt.Errorf("account %s: %w", name, err)
		}
		if !ok {
			entry.Detail = "wrong password"
		}
	}
	if !ok {
		entry.Action = store.AuditSignInFailed
		if err := s.st.RecordFailedSignIn(ctx, entry); err != nil {
			return "", nil, err
		}
		return "", nil, ErrBadCredentials
	}
	token, err := newToken()
	if err != nil {
		return "", nil, err
	}
	prev := ""
	if previous != "" {
		prev = TokenHash(previous)
	}
	entry.Actor = name
	if err := s.st.StartSignInSession(ctx, TokenHash(token), prev, now.Add(s.SessionTTL), entry); err != nil {
		return "", nil, err
	}
	return token, acct, nil
}

// Authenticate returns the session of a token, or EUNAUTHORIZED when it has expired, was
// ended, or its account is disabled.
func (s *Service) Authenticate(ctx context.Context, token string) (*store.SignInSession, error) {
	if token == "" || len(token) > 100 {
		return nil, secretariat.Errorf(secretariat.EUNAUTHORIZED, "not signed in")
	}
	return s.st.FindSignInSession(ctx, TokenHash(token), s.now())
}

// SignOut ends the session of a token.
func (s *Service) SignOut(ctx context.Context, token, account, address string) error {
	return s.st.EndSignInSession(ctx, TokenHash(token), store.AuditEntry{At: s.now(), Actor: account, Account: account, Address: address})
}

// Actor says who manages accounts, for the audit log: an account name, or "cli:USER".
type Actor struct {
	Name    string
	Address string
}

func (s *Service) entry(by Actor) store.AuditEntry {
	return store.AuditEntry{At: s.now(), Actor: by.Name, Address: by.Address}
}

// AddAccount creates an account with a password that passes the rules.
func (s *Service) AddAccount(ctx context.Context, by Actor, name string, role secretariat.Role, state, password string) error {
	if err := store.CheckAccountName(name); err != nil {
		return err
	}
	if err := CheckPasswordRules(name, password); err != nil {
		return err
	}
	hash, err := HashPassword(password, s.Params)
	if err != nil {
		return err
	}
	return s.st.CreateAccount(ctx, store.Account{Name: name, Role: role, State: state, PasswordHash: hash}, s.entry(by))
}

// SetPassword gives an account a new password and signs it out everywhere.
func (s *Service) SetPassword(ctx context.Context, by Actor, name, password string) error {
	if err := CheckPasswordRules(name, password); err != nil {
		return err
	}
	if _, err := s.st.FindAccount(ctx, name); err != nil {
		return err
	}
	hash, err := HashPassword(password, s.Params)
	if err != nil {
		return err
	}
	return s.st.SetPasswordHash(ctx, name, hash, s.entry(by))
}

// Disable stops an account from signing in and signs it out everywhere. An
// administrator cannot disable their own account, so that the last one is not lost by
// a slip.
func (s *Service) Disable(ctx context.Context, by Actor, name string) error {
	if by.Name == name {
		return secretariat.Errorf(secretariat.ECONFLICT, "you cannot disable your own account; ask another administrator")
	}
	return s.st.DisableAccount(ctx, name, s.entry(by))
}

// Enable lets a disabled account sign in again.
func (s *Service) Enable(ctx context.Context, by Actor, name string) error {
	return s.st.EnableAccount(ctx, name, s.entry(by))
}

// IsThrottled reports whether err is a sign-in refused by the rate limit.
func IsThrottled(err error) bool {
	var t *Throttled
	return errors.As(err, &t)
}
