package translog

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/note"

	"secretariat"
)

// Key types of the signed-note format (C2SP signed-note): the first byte of a key's
// material says what it signs.
const (
	algEd25519     = 0x01 // a log's checkpoints (note's own Ed25519)
	algCosignature = 0x04 // a witness's cosignatures (C2SP tlog-cosignature, Ed25519)
)

// KeyKind says what a key signs.
type KeyKind int

// Kinds of keys.
const (
	// LogKey signs the log's checkpoints.
	LogKey KeyKind = iota
	// WitnessKey signs cosignatures of checkpoints, for a member state.
	WitnessKey
)

// GenerateKey makes a signer key (secret) and its verifier key (public) named name.
func GenerateKey(rand io.Reader, name string, kind KeyKind) (skey, vkey string, err error) {
	if !validKeyName(name) {
		return "", "", secretariat.Errorf(secretariat.EINVALID, "%q cannot name a key: use a non-empty name without spaces or '+', such as example.org/secretariat", name)
	}
	if kind == LogKey {
		return note.GenerateKey(rand, name)
	}
	pub, priv, err := ed25519.GenerateKey(rand)
	if err != nil {
		return "", "", fmt.Errorf("generating a key: %w", err)
	}
	hash := keyID(name, algCosignature, pub)
	skey = fmt.Sprintf("PRIVATE+KEY+%s+%08x+%s", name, hash, base64.StdEncoding.EncodeToString(append([]byte{algCosignature}, priv.Seed()...)))
	vkey = fmt.Sprintf("%s+%08x+%s", name, hash, base64.StdEncoding.EncodeToString(append([]byte{algCosignature}, pub...)))
	return skey, vkey, nil
}

// validKeyName is the signed-note rule for names: non-empty UTF-8 without spaces or '+'.
func validKeyName(name string) bool {
	return name != "" && utf8.ValidString(name) && strings.IndexFunc(name, unicode.IsSpace) < 0 && !strings.Contains(name, "+")
}

// keyID is the signed-note key hash: the first four bytes of SHA-256(name, newline,
// algorithm byte, public key).
func keyID(name string, alg byte, pub []byte) uint32 {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte{'\n', alg})
	h.Write(pub)
	return binary.BigEndian.Uint32(h.Sum(nil))
}

// parsedKey is a key in text form, split into its parts.
type parsedKey struct {
	name     string
	hash     uint32
	alg      byte
	material []byte
}

// parseKey splits "[PRIVATE+KEY+]name+hash+base64(alg||material)" and checks its form.
func parseKey(text string, private bool) (parsedKey, error) {
	var k parsedKey
	what := "verifier key"
	if private {
		what = "signer key"
		rest, ok := strings.CutPrefix(text, "PRIVATE+KEY+")
		if !ok {
			if strings.Count(text, "+") >= 2 {
				return k, secretariat.Errorf(secretariat.EINVALID, "this is a verifier (public) key, not a signer key: give the key file that `secretariat keys generate` wrote")
			}
			return k, secretariat.Errorf(secretariat.EINVALID, "not a signer key: it should start with PRIVATE+KEY+")
		}
		text = rest
	} else if strings.HasPrefix(text, "PRIVATE+KEY+") {
		return k, secretariat.Errorf(secretariat.EINVALID, "this is a signer (secret) key, not a verifier key: never hand it out; give the verifier key that `secretariat keys generate` printed")
	}
	name, rest, _ := strings.Cut(text, "+")
	hash, material, _ := strings.Cut(rest, "+")
	parts := []string{name, hash, material}
	if !validKeyName(name) || len(hash) != 8 {
		return k, secretariat.Errorf(secretariat.EINVALID, "not a %s: the form is NAME+HASH+KEY", what)
	}
	h, err := strconv.ParseUint(parts[1], 16, 32)
	if err != nil {
		return k, secretariat.Errorf(secretariat.EINVALID, "not a %s: %q is not a key hash of 8 hex digits", what, parts[1])
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(parts[2])
	if err != nil || len(raw) != 33 {
		return k, secretariat.Errorf(secretariat.EINVALID, "not a %s: the key material is not one type byte and 32 bytes in base64", what)
	}
	return parsedKey{name: parts[0], hash: uint32(h), alg: raw[0], material: raw[1:]}, nil
}

// LogSigner is the log's key: it signs checkpoints, and knows its verifier key, which
// the store keeps beside each checkpoint it signs.
type LogSigner struct {
	note.Signer
	VerifierKey string
}

// NewLogSigner reads a log's signer key.
func NewLogSigner(skey string) (*LogSigner, error) {
	k, err := parseKey(skey, true)
	if err != nil {
		return nil, err
	}
	if k.alg == algCosignature {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the key %s is a witness's key, which cosigns checkpoints; the log signs with a key made by `secretariat keys generate --name ORIGIN`", k.name)
	}
	s, err := note.NewSigner(skey)
	if err != nil {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the signer key %s is not valid: %v", k.name, err)
	}
	pub := ed25519.NewKeyFromSeed(k.material).Public().(ed25519.PublicKey)
	vkey, err := note.NewEd25519VerifierKey(k.name, pub)
	if err != nil {
		return nil, err
	}
	return &LogSigner{Signer: s, VerifierKey: vkey}, nil
}

// NewLogVerifier reads a log's verifier key.
func NewLogVerifier(vkey string) (note.Verifier, error) {
	k, err := parseKey(vkey, false)
	if err != nil {
		return nil, err
	}
	if k.alg == algCosignature {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the key %s is a witness's key; give the log's verifier key (the one `secretariat keys generate --name ORIGIN` printed)", k.name)
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the verifier key %s is not valid: %v", k.name, err)
	}
	return v, nil
}

// Cosigner makes C2SP cosignature/v1 signatures: Ed25519 over "cosignature/v1", the
// time, and the checkpoint's body. It is a note.Signer, so note.Sign writes its lines.
type Cosigner struct {
	name  string
	hash  uint32
	priv  ed25519.PrivateKey
	clock func() time.Time
}

// NewCosigner reads a witness's signer key; clock gives the cosignatures' time
// (time.Now when nil).
func NewCosigner(skey string, clock func() time.Time) (*Cosigner, error) {
	k, err := parseKey(skey, true)
	if err != nil {
		return nil, err
	}
	if k.alg != algCosignature {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the key %s is not a witness key (make one with `secretariat keys generate --witness --name NAME`)", k.name)
	}
	priv := ed25519.NewKeyFromSeed(k.material)
	if keyID(k.name, algCosignature, priv.Public().(ed25519.PublicKey)) != k.hash {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the witness key %s is damaged: its hash does not match its key", k.name)
	}
	if clock == nil {
		clock = time.Now
	}
	return &Cosigner{name: k.name, hash: k.hash, priv: priv, clock: clock}, nil
}

// Name is the witness's key name.
func (c *Cosigner) Name() string { return c.name }

// KeyHash is the key's ID.
func (c *Cosigner) KeyHash() uint32 { return c.hash }

// Sign returns the timestamped signature of a checkpoint's body.
func (c *Cosigner) Sign(msg []byte) ([]byte, error) {
	t := c.clock().Unix()
	if t < 0 {
		return nil, fmt.Errorf("cosigning: the clock is before 1970")
	}
	sig := make([]byte, 8, 8+ed25519.SignatureSize)
	binary.BigEndian.PutUint64(sig, uint64(t))
	return append(sig, ed25519.Sign(c.priv, cosignedMessage(t, msg))...), nil
}

// VerifierKey is the witness's verifier key, for the record and for others to check with.
func (c *Cosigner) VerifierKey() string {
	pub := c.priv.Public().(ed25519.PublicKey)
	return fmt.Sprintf("%s+%08x+%s", c.name, c.hash, base64.StdEncoding.EncodeToString(append([]byte{algCosignature}, pub...)))
}

func cosignedMessage(t int64, body []byte) []byte {
	m := make([]byte, 0, len(body)+40)
	m = append(m, "cosignature/v1\ntime "...)
	m = strconv.AppendInt(m, t, 10)
	m = append(m, '\n')
	return append(m, body...)
}

// CosignatureVerifier checks a witness's cosignatures. It is a note.Verifier.
type CosignatureVerifier struct {
	name string
	hash uint32
	pub  ed25519.PublicKey
	key  string
}

// NewCosignatureVerifier reads a witness's verifier key.
func NewCosignatureVerifier(vkey string) (*CosignatureVerifier, error) {
	k, err := parseKey(vkey, false)
	if err != nil {
		return nil, err
	}
	if k.alg != algCosignature {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the key %s is not a witness key: its type is %#02x, a witness cosigns with type 0x04 (C2SP tlog-cosignature)", k.name, k.alg)
	}
	if keyID(k.name, algCosignature, k.material) != k.hash {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the witness key %s is damaged: its hash does not match its key", k.name)
	}
	return &CosignatureVerifier{name: k.name, hash: k.hash, pub: ed25519.PublicKey(k.material), key: vkey}, nil
}

// Name is the witness's key name.
func (v *CosignatureVerifier) Name() string { return v.name }

// KeyHash is the key's ID.
func (v *CosignatureVerifier) KeyHash() uint32 { return v.hash }

// Key is the verifier key in text form.
func (v *CosignatureVerifier) Key() string { return v.key }

// Verify checks a timestamped signature of a checkpoint's body.
func (v *CosignatureVerifier) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig)
	if t > 1<<63-1 {
		return false
	}
	return ed25519.Verify(v.pub, cosignedMessage(int64(t), msg), sig[8:])
}

// ReadKeyFile reads a signer key from a file that only its owner may read.
func ReadKeyFile(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", secretariat.Errorf(secretariat.EINVALID, "cannot read the key file: %v", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return "", secretariat.Errorf(secretariat.EINVALID, "the key file %s may be read by others (mode %04o): a signer key must be secret; run `chmod 600 %s`", path, fi.Mode().Perm(), path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", secretariat.Errorf(secretariat.EINVALID, "cannot read the key file: %v", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// WriteKeyFile writes a signer key to a new file that only its owner may read; it never
// overwrites a key.
func WriteKeyFile(path, skey string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if os.IsExist(err) {
			return secretariat.Errorf(secretariat.ECONFLICT, "%s exists: a key is never overwritten; choose another --out", path)
		}
		return fmt.Errorf("writing the key file: %w", err)
	}
	if _, err := f.WriteString(skey + "\n"); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("writing the key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("writing the key file: %w", err)
	}
	return f.Close()
}
