// Package auth signs people in: argon2id password hashes, sign-in sessions kept in the
// database behind random tokens, and rate limiting of sign-in attempts. The accounts
// live in the store's account tables, outside the record's journal.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"secretariat"
)

// Params are argon2id's cost parameters.
type Params struct {
	Time    uint32
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultParams are the costs DESIGN.md chose: t=2, m=19 MiB, one thread; about 40 ms
// a hash on this machine, which bounds sign-ins, not page views.
var DefaultParams = Params{Time: 2, Memory: 19 * 1024, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
	// maxTime and maxMemory (KiB) bound the costs a stored hash may ask for.
	maxTime   = 10
	maxMemory = 256 << 10
	// MinPasswordLength and MaxPasswordLength bound a password, in characters. The upper
	// bound keeps a hash from being made to work on megabytes.
	MinPasswordLength = 10
	MaxPasswordLength = 256
)

// CheckPasswordRules refuses a password that is too short, too long, or the account's
// own name.
func CheckPasswordRules(name, password string) error {
	n := utf8.RuneCountInString(password)
	field := func(msg string) error {
		return &secretariat.Error{Code: secretariat.EINVALID, Message: "the password is not acceptable: " + msg,
			Fields: map[string]string{"password": msg}}
	}
	switch {
	case n < MinPasswordLength:
		return field(fmt.Sprintf("use at least %d characters", MinPasswordLength))
	case n > MaxPasswordLength:
		return field(fmt.Sprintf("use at most %d characters", MaxPasswordLength))
	case strings.EqualFold(password, name):
		return field("must not be the account's name")
	}
	return nil
}

// HashPassword returns the PHC string of an argon2id hash of password with a random salt:
// $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH.
func HashPassword(password string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("making a salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches the PHC string, in time that does not
// depend on where the two differ. A malformed hash is an error, never a match.
func VerifyPassword(hash, password string) (bool, error) {
	p, salt, key, err := parseHash(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

func parseHash(hash string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, fmt.Errorf("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, fmt.Errorf("argon2id hash of unknown version %q", parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, fmt.Errorf("argon2id hash with unreadable parameters %q", parts[3])
	}
	// Bounds keep a tampered row from making a sign-in allocate gigabytes.
	if p.Time < 1 || p.Time > maxTime || p.Memory < 8 || p.Memory > maxMemory || p.Threads < 1 {
		return p, nil, nil, fmt.Errorf("argon2id parameters out of range: %q", parts[3])
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, fmt.Errorf("argon2id hash with a bad salt")
	}
	key, err := enc.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, fmt.Errorf("argon2id hash with a bad key")
	}
	return p, salt, key, nil
}
