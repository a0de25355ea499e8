package translog

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"secretariat"
)

// Sign signs a checkpoint with the log's key and returns the signed note. The key's
// name must be the checkpoint's origin (C2SP tlog-checkpoint).
func Sign(c Checkpoint, s note.Signer) ([]byte, error) {
	if s.Name() != c.Origin {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the key is named %q but the log's origin is %q: a checkpoint is signed by the key of its own origin", s.Name(), c.Origin)
	}
	return note.Sign(&note.Note{Text: string(c.Text())}, s)
}

// Open checks a signed checkpoint against the log's verifier key and parses it. Other
// signatures (the witnesses') are left in the note's UnverifiedSigs for Cosignatures.
func Open(msg []byte, log note.Verifier) (Checkpoint, *note.Note, error) {
	if len(msg) > MaxCheckpointSize {
		return Checkpoint{}, nil, secretariat.Errorf(secretariat.EINVALID, "the checkpoint is longer than %d bytes", MaxCheckpointSize)
	}
	n, err := note.Open(msg, note.VerifierList(log))
	var unverified *note.UnverifiedNoteError
	var invalid *note.InvalidSignatureError
	switch {
	case errors.As(err, &unverified):
		return Checkpoint{}, nil, secretariat.Errorf(secretariat.EINVALID, "the checkpoint is not signed by the log's key %s: it comes from another log, or was forged", log.Name())
	case errors.As(err, &invalid):
		return Checkpoint{}, nil, secretariat.Errorf(secretariat.EINVALID, "the log's signature on the checkpoint does not verify: the checkpoint was altered or forged")
	case err != nil:
		return Checkpoint{}, nil, secretariat.Errorf(secretariat.EINVALID, "not a signed checkpoint: %v", err)
	}
	c, err := ParseCheckpoint([]byte(n.Text))
	if err != nil {
		return Checkpoint{}, nil, err
	}
	if c.Origin != log.Name() {
		return Checkpoint{}, nil, secretariat.Errorf(secretariat.EINVALID, "the checkpoint's origin %q is not the name of the log's key %q", c.Origin, log.Name())
	}
	return c, n, nil
}

// Cosignature is one witness's verified cosignature of a checkpoint.
type Cosignature struct {
	// Name and KeyHash identify the witness's key; Key is its verifier key.
	Name    string
	KeyHash uint32
	Key     string
	// Time is when the witness cosigned, as it says.
	Time time.Time
	// Line is the note's signature line, without its newline.
	Line string
}

// Cosignatures returns the signatures of an opened note that one of the witnesses made,
// each checked: a witness counts once, and a signature line that names a witness but
// does not verify is left out, not counted.
func Cosignatures(n *note.Note, witnesses []*CosignatureVerifier) []Cosignature {
	var out []Cosignature
	seen := map[string]bool{}
	for _, s := range n.UnverifiedSigs {
		for _, w := range witnesses {
			if w.Name() != s.Name || w.KeyHash() != s.Hash || seen[w.Key()] {
				continue
			}
			raw, err := base64.StdEncoding.DecodeString(s.Base64)
			if err != nil || len(raw) < 4 || !w.Verify([]byte(n.Text), raw[4:]) {
				continue
			}
			seen[w.Key()] = true
			out = append(out, Cosignature{Name: w.Name(), KeyHash: w.KeyHash(), Key: w.Key(),
				Time: time.Unix(int64(binary.BigEndian.Uint64(raw[4:12])), 0).UTC(), Line: "— " + s.Name + " " + s.Base64})
		}
	}
	return out
}

// Cosign returns a witness's cosignature line for a checkpoint's body (no newline).
func Cosign(text []byte, c *Cosigner) (string, error) {
	signed, err := note.Sign(&note.Note{Text: string(text)}, c)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(string(signed[len(text)+1:]), "\n"), nil
}

// WithSignatures appends signature lines (each "— name base64") to a signed note,
// leaving out those it already carries.
func WithSignatures(signed []byte, lines ...string) []byte {
	out := bytes.Clone(signed)
	for _, l := range lines {
		if bytes.Contains(out, []byte("\n"+l+"\n")) {
			continue
		}
		out = append(out, l...)
		out = append(out, '\n')
	}
	return out
}

// SplitNote returns a signed note's body and its signature lines.
func SplitNote(msg []byte) (text []byte, sigs []string, err error) {
	i := bytes.LastIndex(msg, []byte("\n\n"))
	if i < 0 || len(msg) == 0 || msg[len(msg)-1] != '\n' {
		return nil, nil, secretariat.Errorf(secretariat.EINVALID, "not a signed note: no blank line before the signatures")
	}
	text = msg[:i+1]
	for _, l := range strings.Split(strings.TrimSuffix(string(msg[i+2:]), "\n"), "\n") {
		if !strings.HasPrefix(l, "— ") {
			return nil, nil, secretariat.Errorf(secretariat.EINVALID, "not a signed note: %q is not a signature line", shorten(l))
		}
		sigs = append(sigs, l)
	}
	return text, sigs, nil
}

// CheckCosignatureLine checks one cosignature line ("— name base64") of a checkpoint's
// body with a witness's key.
func CheckCosignatureLine(text []byte, line string, w *CosignatureVerifier) (Cosignature, error) {
	rest, ok := strings.CutPrefix(line, "— ")
	name, b64, ok2 := strings.Cut(rest, " ")
	if !ok || !ok2 || name != w.Name() || strings.Contains(b64, " ") {
		return Cosignature{}, secretariat.Errorf(secretariat.EINVALID, "%q is not a signature line of the key %s", shorten(line), w.Name())
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) != 4+8+64 || binary.BigEndian.Uint32(raw) != w.KeyHash() || !w.Verify(text, raw[4:]) {
		return Cosignature{}, secretariat.Errorf(secretariat.EINVALID, "the signature of %s does not verify: the cosignature or the checkpoint was altered", w.Name())
	}
	return Cosignature{Name: w.Name(), KeyHash: w.KeyHash(), Key: w.Key(),
		Time: time.Unix(int64(binary.BigEndian.Uint64(raw[4:12])), 0).UTC(), Line: line}, nil
}
