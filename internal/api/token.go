package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"secretariat"
	"secretariat/internal/store"
)

// tokenPrefix starts every token, so that a token pasted where it should not be (a log,
// a repository) can be recognized by scanners.
const tokenPrefix = "sct_"

// TokenHash is the SHA-256 of a token, as the database keeps it.
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateToken makes a token for an account with a scope, valid for ttl, and keeps its
// hash. It returns the token, which is shown this once, and what the database keeps.
func CreateToken(ctx context.Context, st *store.Store, account, scope string, ttl time.Duration, now time.Time, by store.AuditEntry) (string, store.APIToken, error) {
	idBytes := make([]byte, 5)
	secret := make([]byte, 32)
	if _, err := rand.Read(idBytes); err != nil {
		return "", store.APIToken{}, fmt.Errorf("making a token: %w", err)
	}
	if _, err := rand.Read(secret); err != nil {
		return "", store.APIToken{}, fmt.Errorf("making a token: %w", err)
	}
	id := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(idBytes))
	token := tokenPrefix + id + "_" + base64.RawURLEncoding.EncodeToString(secret)
	t := store.APIToken{ID: id, Account: account, Scope: scope, CreatedAt: now.UTC(), ExpiresAt: now.UTC().Add(ttl)}
	if by.At.IsZero() {
		by.At = now
	}
	if err := st.CreateAPIToken(ctx, t, TokenHash(token), by); err != nil {
		return "", store.APIToken{}, err
	}
	return token, t, nil
}

// client is who sends a request: the public, or a token and its account.
type client struct {
	token   *store.APIToken
	account *store.Account
}

func (c client) viewer() secretariat.Viewer {
	if c.account == nil {
		return secretariat.Anonymous
	}
	return c.account.Viewer()
}

// actor names the client in journal entries: the account and the token it wrote with.
func (c client) actor() string {
	return "user:" + c.account.Name + " token:" + c.token.ID
}

// authenticate reads the request's bearer token. No Authorization header is the public;
// a header that is not a valid token is refused, so that a client whose token has
// expired learns it instead of silently reading less.
func (a *API) authenticate(r *http.Request) (client, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return client{}, nil
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return client{}, errorf(codeUnauthorized, "send the token as Authorization: Bearer TOKEN")
	}
	token = strings.TrimSpace(token)
	if !strings.HasPrefix(token, tokenPrefix) || len(token) > 100 {
		return client{}, errorf(codeUnauthorized, "that is not a secretariat API token (they begin with "+tokenPrefix+")")
	}
	t, acct, err := a.st.FindAPIToken(r.Context(), TokenHash(token), a.now())
	if err != nil {
		return client{}, err
	}
	return client{token: t, account: acct}, nil
}
