package exchange

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"secretariat"
)

// An XML document as a tree of elements: written by the Akoma Ntoso export, read by its
// import. The reader refuses what an XML parser that expands entities would turn into an
// attack: a DOCTYPE (where entities are declared: no external entity is fetched, no
// entity is expanded, so neither XXE nor the billion laughs can happen), any entity but
// XML's five and character references, a file over its limit, and nesting deeper than
// MaxXMLDepth; and it counts elements, so that a flood of tiny ones is refused too.

// Limits on an XML document read.
const (
	MaxXMLBytes    = 64 << 20
	MaxXMLDepth    = 128
	MaxXMLElements = 2_000_000
)

// xnode is an element: its name (local, and the namespace), its attributes in order,
// and its content: child elements and text, in order (text as children with name "").
type xnode struct {
	ns, name string
	attrs    []xml.Attr
	kids     []*xnode
	text     string // for a text node
	line     int
}

// el makes an element with attributes given as name, value pairs.
func el(name string, attrs ...string) *xnode {
	n := &xnode{name: name}
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] != "" {
			n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
		}
	}
	return n
}

// add appends children and returns n.
func (n *xnode) add(kids ...*xnode) *xnode {
	for _, k := range kids {
		if k != nil {
			n.kids = append(n.kids, k)
		}
	}
	return n
}

// addText appends text.
func (n *xnode) addText(s string) *xnode {
	n.kids = append(n.kids, &xnode{text: clean(s)})
	return n
}

// textEl makes an element holding text.
func textEl(name, text string, attrs ...string) *xnode { return el(name, attrs...).addText(text) }

// attr returns an attribute's value ("" for a missing attribute, or a missing element:
// every reading method takes nil, so that reading what a document lacks never panics).
func (n *xnode) attr(name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element of that name, or nil.
func (n *xnode) child(name string) *xnode {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// children returns the child elements of that name.
func (n *xnode) children(name string) []*xnode {
	if n == nil {
		return nil
	}
	var out []*xnode
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// elems returns the child elements.
func (n *xnode) elems() []*xnode {
	if n == nil {
		return nil
	}
	var out []*xnode
	for _, k := range n.kids {
		if k.name != "" {
			out = append(out, k)
		}
	}
	return out
}

// lineOf is the element's line, 0 for none.
func (n *xnode) lineOf() int {
	if n == nil {
		return 0
	}
	return n.line
}

// path follows child elements by name.
func (n *xnode) path(names ...string) *xnode {
	for _, name := range names {
		n = n.child(name)
	}
	return n
}

// walk calls fn on n and every element below it, depth first; fn returns whether to go
// into the element's children.
func (n *xnode) walk(fn func(*xnode) bool) {
	if n == nil || n.name == "" || !fn(n) {
		return
	}
	for _, k := range n.kids {
		k.walk(fn)
	}
}

// allText is the text of n and its descendants, with runs of white space made one space.
func (n *xnode) allText() string {
	var b strings.Builder
	var rec func(*xnode)
	rec = func(m *xnode) {
		if m.name == "" {
			b.WriteString(m.text)
			b.WriteByte(' ')
			return
		}
		for _, k := range m.kids {
			rec(k)
		}
	}
	if n != nil {
		rec(n)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// writeXML writes the document rooted at n, indented, with the XML declaration and
// the namespace on the root.
func writeXML(w io.Writer, root *xnode, ns string) error {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	root.attrs = append([]xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: ns}}, root.attrs...)
	root.write(&b, 0)
	_, err := w.Write(b.Bytes())
	return err
}

func (n *xnode) write(b *bytes.Buffer, depth int) {
	indent := strings.Repeat("  ", depth)
	b.WriteString(indent + "<" + n.name)
	for _, a := range n.attrs {
		b.WriteString(" " + a.Name.Local + `="`)
		xml.EscapeText(b, []byte(clean(a.Value)))
		b.WriteString(`"`)
	}
	if len(n.kids) == 0 {
		b.WriteString("/>\n")
		return
	}
	b.WriteString(">")
	mixed := inlineContainers[n.name]
	for _, k := range n.kids {
		if k.name == "" {
			mixed = true
		}
	}
	if mixed {
		// Text and inline elements stay on one line: white space there is content.
		for _, k := range n.kids {
			if k.name == "" {
				xml.EscapeText(b, []byte(k.text))
			} else {
				var inner bytes.Buffer
				k.write(&inner, 0)
				b.Write(bytes.TrimRight(inner.Bytes(), "\n"))
			}
		}
		b.WriteString("</" + n.name + ">\n")
		return
	}
	b.WriteString("\n")
	for _, k := range n.kids {
		k.write(b, depth+1)
	}
	b.WriteString(indent + "</" + n.name + ">\n")
}

// inlineContainers are the elements whose content is text and inline elements, written
// on one line, since white space there is content.
var inlineContainers = map[string]bool{"p": true, "heading": true, "num": true, "docTitle": true}

// XMLError is what is wrong with an XML document, and on what line.
type XMLError struct {
	Line   int
	Reason string
}

// Error implements the error interface.
func (e *XMLError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
	}
	return e.Reason
}

// lineReader counts the lines of what passes through it, and refuses more than limit
// bytes.
type lineReader struct {
	ctx   context.Context
	r     io.Reader
	limit int64
	read  int64
}

func (l *lineReader) Read(p []byte) (int, error) {
	if err := l.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := l.r.Read(p)
	if l.read += int64(n); l.read > l.limit {
		return 0, secretariat.Errorf(secretariat.EINVALID, "the document is larger than %s: it is refused whole, and nothing was loaded", byteSize(l.limit))
	}
	return n, err
}

// readXML reads a document into a tree, refusing what the package comment says.
func readXML(ctx context.Context, r io.Reader) (*xnode, error) {
	lr := &lineReader{ctx: ctx, r: r, limit: MaxXMLBytes}
	dec := xml.NewDecoder(lr)
	dec.Strict = true
	// No entity beyond XML's own: an undeclared entity is an error, never looked up.
	dec.Entity = map[string]string{}
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("the document is in %s: only UTF-8 is read (convert it with iconv)", label)
	}
	var root *xnode
	var stack []*xnode
	elements := 0
	fail := func(format string, args ...any) error {
		line, _ := dec.InputPos()
		return &XMLError{Line: line, Reason: fmt.Sprintf(format, args...)}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &XMLError{Line: se.Line, Reason: "not well-formed XML: " + se.Msg}
			}
			if secretariat.ErrorCode(err) == secretariat.EINVALID || ctx.Err() != nil {
				return nil, err
			}
			return nil, fail("not well-formed XML: %v", err)
		}
		line, _ := dec.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			if elements++; elements > MaxXMLElements {
				return nil, fail("more than %d elements: the document is refused whole", MaxXMLElements)
			}
			if len(stack) >= MaxXMLDepth {
				return nil, fail("nested deeper than %d elements: the document is refused whole", MaxXMLDepth)
			}
			n := &xnode{ns: t.Name.Space, name: t.Name.Local, attrs: t.Attr, line: line}
			for _, a := range t.Attr {
				if p := textProblem("attribute "+a.Name.Local, a.Value); p != "" {
					return nil, fail("%s", p)
				}
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, fail("a second root element <%s>", t.Name.Local)
				}
				root = n
			} else {
				top := stack[len(stack)-1]
				top.kids = append(top.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if !utf8.Valid(t) {
				return nil, fail("bytes that are not UTF-8")
			}
			if len(stack) > 0 && len(bytes.TrimSpace(t)) > 0 {
				s := string(t)
				if p := safeXMLText(s); p != "" {
					return nil, fail("%s", p)
				}
				top := stack[len(stack)-1]
				top.kids = append(top.kids, &xnode{text: s, line: line})
			}
		case xml.Directive:
			return nil, fail("a declaration <!%s…>: documents with a DOCTYPE are refused, so that no entity is declared, fetched or expanded (XXE, billion laughs)", firstWord(t))
		}
	}
	if root == nil {
		return nil, &XMLError{Reason: "the document is empty: it has no element"}
	}
	return root, nil
}

// safeXMLText is safetext's rule for text in XML, where a carriage return ends a line
// as it does in the files XML comes in.
func safeXMLText(s string) string {
	return textProblem("text", strings.ReplaceAll(s, "\r", ""))
}

func firstWord(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.IndexAny(s, " \t\r\n["); i >= 0 {
		s = s[:i]
	}
	if len(s) > 20 {
		s = s[:20]
	}
	return s
}
