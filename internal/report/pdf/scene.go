package pdf

import (
	"math"

	"codeberg.org/go-pdf/fpdf"

	"secretariat/internal/chart"
)

// scene draws a chart at the cursor, scaled uniformly to the text width (a narrow chart
// is enlarged at most maxChartZoom times, and centred) and never taller than a page. A
// chart is never split: one that does not fit on the rest of the page starts the next.
// fits reports whether a chart fits on the rest of the page, shrunk at most to
// minChartFit.
func (d *doc) fits(sc chart.Scene) bool {
	if !(sc.Width > 0 && sc.Height > 0) {
		return true
	}
	s := min(textW/sc.Width, maxChartZoom, (bottom-top)/sc.Height)
	return sc.Height*s*minChartFit <= bottom-d.y || d.y <= top
}

func (d *doc) scene(sc chart.Scene) {
	if !(sc.Width > 0 && sc.Height > 0) || math.IsInf(sc.Width, 0) || math.IsInf(sc.Height, 0) {
		return
	}
	s := min(textW/sc.Width, maxChartZoom, (bottom-top)/sc.Height)
	// A chart that nearly fits the rest of the page is drawn a little smaller rather than
	// moved on, which would leave the page half empty.
	if left := bottom - d.y; sc.Height*s > left && left >= minChartFit*sc.Height*s {
		s = left / sc.Height
	}
	w, h := sc.Width*s, sc.Height*s
	d.room(h)
	x0, y0 := margin+(textW-w)/2, d.y
	f := d.f
	f.SetLineCapStyle("butt")
	for _, sh := range sc.Shapes {
		d.shape(sh, x0, y0, s)
	}
	f.SetLineJoinStyle("miter")
	d.y += h
}

// shape draws one shape of a scene whose origin is at (x0, y0), scaled by s, following
// the painting rules of chart.Shape.
func (d *doc) shape(sh chart.Shape, x0, y0, s float64) {
	if !finite(sh.X, sh.Y, sh.W, sh.H, sh.X2, sh.Y2, sh.StrokeWidth, sh.FontSize) {
		return
	}
	f := d.f
	X := func(v float64) float64 { return x0 + v*s }
	Y := func(v float64) float64 { return y0 + v*s }
	stroke := !sh.Stroke.None && sh.StrokeWidth > 0
	if stroke {
		f.SetDrawColor(int(sh.Stroke.R), int(sh.Stroke.G), int(sh.Stroke.B))
		f.SetLineWidth(sh.StrokeWidth * s)
	}
	if !sh.Fill.None {
		f.SetFillColor(int(sh.Fill.R), int(sh.Fill.G), int(sh.Fill.B))
	}
	// The box a link covers.
	var bx, by, bw, bh float64
	switch sh.Kind {
	case chart.Rect:
		if sh.W < 0 || sh.H < 0 {
			return
		}
		bx, by, bw, bh = X(sh.X), Y(sh.Y), sh.W*s, sh.H*s
		if op := paintOp(sh, stroke); op != "" {
			f.Rect(bx, by, bw, bh, op)
		}
	case chart.Circle:
		if sh.W < 0 {
			return
		}
		r := sh.W * s
		bx, by, bw, bh = X(sh.X)-r, Y(sh.Y)-r, 2*r, 2*r
		if op := paintOp(sh, stroke); op != "" {
			f.Circle(X(sh.X), Y(sh.Y), r, op)
		}
	case chart.Line:
		bx, by = X(min(sh.X, sh.X2)), Y(min(sh.Y, sh.Y2))
		bw, bh = math.Abs(sh.X2-sh.X)*s, math.Abs(sh.Y2-sh.Y)*s
		if stroke {
			f.Line(X(sh.X), Y(sh.Y), X(sh.X2), Y(sh.Y2))
		}
	case chart.Polyline:
		pts := make([]fpdf.PointType, 0, len(sh.Points))
		minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range sh.Points {
			if !finite(p.X, p.Y) {
				return
			}
			pts = append(pts, fpdf.PointType{X: X(p.X), Y: Y(p.Y)})
			minX, minY, maxX, maxY = min(minX, p.X), min(minY, p.Y), max(maxX, p.X), max(maxY, p.Y)
		}
		if len(pts) < 2 {
			return
		}
		bx, by, bw, bh = X(minX), Y(minY), (maxX-minX)*s, (maxY-minY)*s
		if stroke {
			// An open path, stroked only, with round joins.
			f.SetLineJoinStyle("round")
			f.MoveTo(pts[0].X, pts[0].Y)
			for _, p := range pts[1:] {
				f.LineTo(p.X, p.Y)
			}
			f.DrawPath("D")
			f.SetLineJoinStyle("miter")
		}
	case chart.Text:
		if sh.Fill.None || sh.Text == "" || !(sh.FontSize > 0) {
			return
		}
		text := clean(sh.Text)
		st := style{size: sh.FontSize * s, bold: sh.Bold, color: rgb{int(sh.Fill.R), int(sh.Fill.G), int(sh.Fill.B)}}
		w := d.width(text, st)
		// The chart laid the text out by an estimate of its width (chart.TextWidth); a
		// font that sets it wider is set a little smaller, so the text keeps to the room
		// the layout gave it and never runs into its neighbours or off the canvas.
		if room := chart.TextWidth(sh.Text, sh.FontSize, sh.Bold) * s; w > room && room > 0 {
			st.size *= room / w
			w = d.width(text, st)
		}
		x := X(sh.X)
		switch sh.Anchor {
		case chart.Middle:
			x -= w / 2
		case chart.End:
			x -= w
		}
		d.text(x, Y(sh.Y), text, st)
		bx, by, bw, bh = x, Y(sh.Y)-0.8*st.size, w, 1.05*st.size
	default:
		return // a kind this renderer does not know is skipped, as chart.Shape asks
	}
	if webURL(sh.Link) && bw >= 0 && bh >= 0 {
		f.LinkString(bx, by, max(bw, 1), max(bh, 1), sh.Link)
	}
}

// paintOp is fpdf's paint operation for a rectangle or circle: filled unless its fill
// is none, outlined when it has a stroke.
func paintOp(sh chart.Shape, stroke bool) string {
	fill := !sh.Fill.None
	switch {
	case fill && stroke:
		return "FD"
	case fill:
		return "F"
	case stroke:
		return "D"
	}
	return ""
}

// finite reports whether every value is a finite number: fpdf would write NaN into the
// page and spoil it.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
