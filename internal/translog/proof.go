package translog

import (
	"bytes"
	"encoding/base64"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"secretariat"
)

// maxProofHashes bounds a proof: an inclusion or consistency proof in a tree of 2^63
// leaves has at most 2·63 hashes.
const maxProofHashes = 128

// EncodeHashes writes hashes in base64, as a proof travels in bundles and over HTTP.
func EncodeHashes(hs []tlog.Hash) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = base64.StdEncoding.EncodeToString(h[:])
	}
	return out
}

// DecodeHashes reads hashes written by EncodeHashes; what names the proof in messages.
func DecodeHashes(what string, lines []string) ([]tlog.Hash, error) {
	if len(lines) > maxProofHashes {
		return nil, secretariat.Errorf(secretariat.EINVALID, "%s has %d hashes; no proof has more than %d", what, len(lines), maxProofHashes)
	}
	out := make([]tlog.Hash, len(lines))
	for i, l := range lines {
		h, err := decodeHash(l)
		if err != nil {
			return nil, secretariat.Errorf(secretariat.EINVALID, "%s: hash %d is not 32 bytes in base64", what, i+1)
		}
		out[i] = h
	}
	return out, nil
}

func decodeHash(s string) (tlog.Hash, error) {
	var h tlog.Hash
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil || len(b) != tlog.HashSize {
		return h, secretariat.Errorf(secretariat.EINVALID, "not a hash")
	}
	copy(h[:], b)
	return h, nil
}

// FormatProof writes a proof as the server serves it: one base64 hash per line.
func FormatProof(hs []tlog.Hash) []byte {
	var b bytes.Buffer
	for _, s := range EncodeHashes(hs) {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// ParseProof reads a proof written by FormatProof.
func ParseProof(what string, text []byte) ([]tlog.Hash, error) {
	s := string(text)
	if s == "" {
		return nil, nil
	}
	if !strings.HasSuffix(s, "\n") {
		return nil, secretariat.Errorf(secretariat.EINVALID, "%s does not end with a newline: it was cut short", what)
	}
	return DecodeHashes(what, strings.Split(strings.TrimSuffix(s, "\n"), "\n"))
}
