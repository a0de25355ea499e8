// Package translog is the transparency log over the journal, as anyone outside the
// secretariat checks it: checkpoints (C2SP tlog-checkpoint) signed as notes
// (golang.org/x/mod/sumdb/note, Ed25519), cosignatures by member states' witnesses (C2SP
// tlog-cosignature, cosignature/v1), the Merkle proofs of golang.org/x/mod/sumdb/tlog
// in text, proof bundles, and the witness's rule for cosigning. It needs no database:
// the store keeps the tree, and this package checks what the store and the server hand
// out.
package translog

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/tlog"

	"secretariat"
)

// MaxCheckpointSize bounds the text of a checkpoint: its body and signatures. A real one
// is a few hundred bytes; the bound keeps a hostile server from feeding a witness or
// check-proof megabytes.
const MaxCheckpointSize = 64 << 10

// maxExtensions bounds the extension lines a checkpoint may carry.
const maxExtensions = 16

// Checkpoint is a signed tree head's body: the log's origin, the tree's size (the number
// of journal entries) and its root hash. Extension lines, which C2SP allows after the
// root, are kept so that signatures over them still verify; this log writes none.
type Checkpoint struct {
	Origin     string
	Size       int64
	Root       tlog.Hash
	Extensions []string
}

// Text is the checkpoint's body in C2SP tlog-checkpoint form: the origin, the size in
// decimal and the root in base64, each on its own line, then any extension lines.
func (c Checkpoint) Text() []byte {
	var b bytes.Buffer
	b.WriteString(c.Origin)
	b.WriteByte('\n')
	b.WriteString(strconv.FormatInt(c.Size, 10))
	b.WriteByte('\n')
	b.WriteString(base64.StdEncoding.EncodeToString(c.Root[:]))
	b.WriteByte('\n')
	for _, e := range c.Extensions {
		b.WriteString(e)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// RootBase64 is the root hash as the checkpoint writes it.
func (c Checkpoint) RootBase64() string { return base64.StdEncoding.EncodeToString(c.Root[:]) }

// ParseCheckpoint reads a checkpoint's body (without signatures) strictly: three lines
// (a non-empty origin, a size in decimal without leading zeros, a root of 32 bytes in
// standard base64), then non-empty extension lines, each ending in a newline.
func ParseCheckpoint(text []byte) (Checkpoint, error) {
	var c Checkpoint
	bad := func(format string, args ...any) (Checkpoint, error) {
		return Checkpoint{}, secretariat.Errorf(secretariat.EINVALID, "not a checkpoint: "+format, args...)
	}
	if len(text) > MaxCheckpointSize {
		return bad("it is longer than %d bytes", MaxCheckpointSize)
	}
	if !utf8.Valid(text) {
		return bad("it is not UTF-8")
	}
	if len(text) == 0 || text[len(text)-1] != '\n' {
		return bad("it does not end with a newline")
	}
	lines := strings.Split(string(text[:len(text)-1]), "\n")
	if len(lines) < 3 {
		return bad("it needs an origin, a size and a root hash, one per line")
	}
	if len(lines) > 3+maxExtensions {
		return bad("it has more than %d extension lines", maxExtensions)
	}
	c.Origin = lines[0]
	if c.Origin == "" || strings.ContainsFunc(c.Origin, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return bad("the origin line is empty or holds control characters")
	}
	size := lines[1]
	if size == "" || len(size) > 19 || (len(size) > 1 && size[0] == '0') || strings.Trim(size, "0123456789") != "" {
		return bad("the size %q is not a decimal number without leading zeros", shorten(size))
	}
	n, err := strconv.ParseInt(size, 10, 64)
	if err != nil {
		return bad("the size %q is out of range", shorten(size))
	}
	c.Size = n
	root, err := base64.StdEncoding.Strict().DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return bad("the root hash %q is not 32 bytes in base64", shorten(lines[2]))
	}
	copy(c.Root[:], root)
	for i, e := range lines[3:] {
		if e == "" {
			return bad("extension line %d is empty (a blank line ends the body, before the signatures)", i+1)
		}
		if strings.ContainsFunc(e, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return bad("extension line %d holds control characters", i+1)
		}
		c.Extensions = append(c.Extensions, e)
	}
	return c, nil
}

// String names the checkpoint for people: origin, size and the start of the root.
func (c Checkpoint) String() string {
	return fmt.Sprintf("%s at size %d (root %s)", c.Origin, c.Size, ShortHash(c.Root))
}

// ShortHash is the start of a hash in base64, enough to tell hashes apart in a sentence.
func ShortHash(h tlog.Hash) string { return base64.StdEncoding.EncodeToString(h[:])[:12] + "…" }

// shorten cuts what a message quotes from input.
func shorten(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}
