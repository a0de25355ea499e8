package exchange

import (
	"context"
	"io"

	"secretariat"
)

// MaxJSONDepth bounds the nesting of a JSON input: the deepest the record writes is
// about ten levels (a bundle's entry, its after-image, a record, a list of objects in
// it); a thousand nested brackets are an attack on the parser's stack, not data.
const MaxJSONDepth = 64

// jsonGuard sits between a file and encoding/json. It refuses the whole file when it is
// larger than its limit, when its nesting goes deeper than MaxJSONDepth, or when one
// element of a top-level array (a journal entry, a file of a bundle; depth 3) is longer
// than its element limit, before the parser has buffered more than that; and it stops
// reading when ctx is cancelled. It follows JSON's strings (and their escapes) as the
// bytes pass, so that brackets inside strings do not count, and it counts lines, so
// that its refusals name one.
type jsonGuard struct {
	ctx          context.Context
	r            io.Reader
	limit        int64
	elementLimit int64
	what         string // "the bundle", for messages

	read     int64
	line     int
	depth    int
	inString bool
	escaped  bool
	element  int64 // bytes of the current depth-3 element
	err      error
}

func newJSONGuard(ctx context.Context, r io.Reader, limit, elementLimit int64, what string) *jsonGuard {
	return &jsonGuard{ctx: ctx, r: r, limit: limit, elementLimit: elementLimit, what: what, line: 1}
}

// Read implements io.Reader.
func (g *jsonGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	if err := g.ctx.Err(); err != nil {
		g.err = err
		return 0, err
	}
	n, err := g.r.Read(p)
	for i := 0; i < n; i++ {
		if g.read++; g.read > g.limit {
			g.err = secretariat.Errorf(secretariat.EINVALID, "%s is larger than %s: it is refused whole, and nothing was loaded", g.what, byteSize(g.limit))
			return i, g.err
		}
		c := p[i]
		if g.depth >= 3 {
			if g.element++; g.element > g.elementLimit {
				g.err = secretariat.Errorf(secretariat.EINVALID, "line %d: an element longer than %s: the file is refused whole, and nothing was loaded", g.line, byteSize(g.elementLimit))
				return i, g.err
			}
		}
		switch {
		case c == '\n':
			g.line++
		case g.inString:
			switch {
			case g.escaped:
				g.escaped = false
			case c == '\\':
				g.escaped = true
			case c == '"':
				g.inString = false
			}
		case c == '"':
			g.inString = true
		case c == '{' || c == '[':
			if g.depth++; g.depth > MaxJSONDepth {
				g.err = secretariat.Errorf(secretariat.EINVALID, "line %d: nested deeper than %d levels: the file is refused whole, and nothing was loaded", g.line, MaxJSONDepth)
				return i, g.err
			}
			if g.depth == 3 {
				g.element = 1
			}
		case c == '}' || c == ']':
			g.depth--
		}
	}
	return n, err
}
