package chart

import (
	"encoding/xml"
	"strings"
)

// SVG writes the scene as a standalone <svg> element: sized in points through its viewBox
// (so a page can scale it with CSS), with role="img", the scene's title as aria-label and
// <title>, and text in a sans-serif stack led by the font the layout was measured with.
// Tooltips become <title> children and links <a href> wrappers. All text is XML-escaped
// and numbers are written with at most two decimals and no exponent. The output depends
// only on the scene, so it can be compared byte for byte.
//
// SVG trusts the scene's layout but not its data: shapes of unknown kind are skipped,
// non-finite numbers are written as 0, and links that safeLink would refuse are dropped.
func SVG(s Scene) string {
	var b strings.Builder
	w, h := fmtNum(sane(s.Width)), fmtNum(sane(s.Height))
	title := clean(s.Title)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + w + " " + h +
		`" width="` + w + `" height="` + h + `" role="img"`)
	if title != "" {
		b.WriteString(` aria-label="` + esc(title) + `"`)
	}
	b.WriteString(` font-family="` + fontStack + `">` + "\n")
	if title != "" {
		b.WriteString("<title>" + esc(title) + "</title>\n")
	}
	for _, sh := range s.Shapes {
		writeShape(&b, sh)
	}
	b.WriteString("</svg>\n")
	return b.String()
}

func writeShape(b *strings.Builder, s Shape) {
	var open string // the element up to (not including) the end of its start tag
	body := ""      // character content, for text
	switch s.Kind {
	case Rect:
		open = "<rect" + num("x", s.X) + num("y", s.Y) + num("width", max(sane(s.W), 0)) +
			num("height", max(sane(s.H), 0)) + paint("fill", s.Fill) + stroke(s)
	case Circle:
		open = "<circle" + num("cx", s.X) + num("cy", s.Y) + num("r", max(sane(s.W), 0)) +
			paint("fill", s.Fill) + stroke(s)
	case Line:
		open = "<line" + num("x1", s.X) + num("y1", s.Y) + num("x2", s.X2) + num("y2", s.Y2) + stroke(s)
	case Polyline:
		if len(s.Points) < 2 {
			return
		}
		pts := make([]string, len(s.Points))
		for i, p := range s.Points {
			pts[i] = fmtNum(sane(p.X)) + "," + fmtNum(sane(p.Y))
		}
		open = `<polyline points="` + strings.Join(pts, " ") + `" fill="none"` + stroke(s) +
			` stroke-linejoin="round"`
	case Text:
		body = clean(s.Text)
		if body == "" {
			return
		}
		open = "<text" + num("x", s.X) + num("y", s.Y) + num("font-size", s.FontSize)
		if s.Bold {
			open += ` font-weight="bold"`
		}
		switch s.Anchor {
		case Middle:
			open += ` text-anchor="middle"`
		case End:
			open += ` text-anchor="end"`
		}
		open += paint("fill", s.Fill)
	default:
		return
	}
	link := safeLink(s.Link)
	if link != "" {
		b.WriteString(`<a href="` + esc(link) + `">`)
	}
	b.WriteString(open)
	tip := clean(s.Title)
	if tip == "" && body == "" {
		b.WriteString("/>")
	} else {
		b.WriteString(">")
		if tip != "" {
			b.WriteString("<title>" + esc(tip) + "</title>")
		}
		b.WriteString(esc(body) + "</" + s.Kind.String() + ">")
	}
	if link != "" {
		b.WriteString("</a>")
	}
	b.WriteString("\n")
}

// stroke writes the stroke attributes, or nothing when the shape is not stroked.
func stroke(s Shape) string {
	if s.Stroke.None || !(s.StrokeWidth > 0) {
		return ""
	}
	return paint("stroke", s.Stroke) + num("stroke-width", s.StrokeWidth)
}

func paint(attr string, c Color) string { return " " + attr + `="` + c.Hex() + `"` }

func num(attr string, v float64) string { return " " + attr + `="` + fmtNum(sane(v)) + `"` }

// sane replaces a non-finite number, which would make the SVG invalid, with 0.
func sane(v float64) float64 {
	if !finite(v) {
		return 0
	}
	return v
}

// esc escapes s for XML text and attribute values alike (it escapes quotes too).
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}
