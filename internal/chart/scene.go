package chart

// Scene is a chart ready to draw: a canvas and the shapes on it, in paint order.
//
// Coordinates are in points (1 pt = 1/72 in) with the origin at the top-left corner and y
// growing downwards, as in SVG. The PDF renderer translates the scene to where the chart
// sits on the page and may scale it uniformly; it must not reorder shapes.
type Scene struct {
	// Width and Height are the canvas size in points.
	Width, Height float64
	// Title is the chart's accessible name (aria-label and <title> in SVG). It is also drawn
	// on the canvas as a text shape unless the spec asked to hide it.
	Title string
	// Shapes are drawn in order, later over earlier.
	Shapes []Shape
}

// Shape is one primitive of a scene. Which fields matter depends on Kind; the others are
// zero and are to be ignored.
//
// Painting rules, the same for every renderer:
//   - Rect and Circle are filled with Fill unless Fill.None, then outlined with Stroke if
//     Stroke is not None and StrokeWidth > 0.
//   - Line and Polyline are only stroked (same Stroke/StrokeWidth rule); Polyline is an open
//     path, never filled, with round joins. Line caps are butt.
//   - Text is painted in Fill; Stroke is ignored.
type Shape struct {
	// Kind says which primitive this is.
	Kind ShapeKind
	// X, Y, W, H place the shape:
	//   - Rect: top-left corner (X, Y), width W, height H (never negative);
	//   - Circle: centre (X, Y), radius W;
	//   - Line: start point (X, Y);
	//   - Text: the anchor point on the baseline; Anchor says whether X is where the text
	//     starts, its middle or its end.
	X, Y, W, H float64
	// Points are the vertices of a Polyline, in order; a polyline has at least two.
	Points []Point
	// X2, Y2 are the end point of a Line.
	X2, Y2 float64
	// Fill is the interior colour of a Rect or Circle, and the colour of a Text.
	Fill Color
	// Stroke is the outline colour of a Rect or Circle and the colour of a Line or Polyline.
	Stroke Color
	// StrokeWidth is the outline or line width in points.
	StrokeWidth float64
	// Text is the string of a Text shape: one line, already fitted to its room.
	Text string
	// FontSize is the Text's size in points (the em size, as in SVG font-size and fpdf
	// SetFontSize).
	FontSize float64
	// Anchor says which point of the Text's advance lies at X.
	Anchor Anchor
	// Bold asks for the bold face of the font.
	Bold bool
	// Title is an optional tooltip, such as "2019 — Adopted: 17" or the full text of a
	// shortened label. SVG writes it as a <title> child; PDF has no equivalent and may drop it.
	Title string
	// Link is an optional hyperlink target, such as "/items/csc-2019-11-28-1". SVG wraps the
	// shape in <a href>; the PDF renderer may add a link annotation over the shape's box.
	Link string
}

// ShapeKind says which primitive a Shape is. The zero value is not a kind; renderers skip
// shapes whose kind they do not know.
type ShapeKind uint8

// The kinds of shapes.
const (
	// Rect is an axis-aligned rectangle.
	Rect ShapeKind = iota + 1
	// Line is a straight segment from (X, Y) to (X2, Y2).
	Line
	// Polyline is an open path through Points.
	Polyline
	// Text is a single line of text.
	Text
	// Circle is a circle around (X, Y) with radius W.
	Circle
)

// String returns the kind's name, as used in SVG element names.
func (k ShapeKind) String() string {
	switch k {
	case Rect:
		return "rect"
	case Line:
		return "line"
	case Polyline:
		return "polyline"
	case Text:
		return "text"
	case Circle:
		return "circle"
	}
	return "unknown"
}

// Anchor says where a Text sits relative to its X: it starts there, is centred there, or
// ends there. To draw with a renderer that only knows left-aligned text, subtract the
// text's measured width (End) or half of it (Middle) from X.
type Anchor uint8

// The text anchors.
const (
	// Start puts the beginning of the text at X.
	Start Anchor = iota
	// Middle centres the text on X.
	Middle
	// End puts the end of the text at X.
	End
)

// Point is a vertex of a Polyline.
type Point struct {
	X, Y float64
}

// Color is an sRGB colour, or no paint at all when None is set. The zero value is black.
type Color struct {
	R, G, B uint8
	// None means "do not paint"; R, G and B are then meaningless.
	None bool
}
