package ui

import (
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"time"

	"secretariat"
	"secretariat/internal/geojson"
)

// The pages draw two small pictures in SVG, inline, with no script and no request to
// another host: a threat's level on a true time axis, and a map of the areas a threat
// is assessed in. Every text in them is escaped here, since they reach the page as
// template.HTML.

// levelChart draws a threat's levels as steps over time: each level holds from its
// assessment to the next, and the last one to end.
func levelChart(points []secretariat.LevelPoint, end secretariat.Date, lang secretariat.Lang, title string) template.HTML {
	if len(points) == 0 {
		return ""
	}
	const w, h, left, right, top, bottom = 640.0, 220.0, 120.0, 20.0, 16.0, 34.0
	start := points[0].Date.Time()
	last := points[len(points)-1].Date.Time()
	stop := end.Time()
	if !stop.After(last) {
		stop = last.AddDate(0, 6, 0)
	}
	// Whole years frame the axis.
	from := time.Date(start.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(stop.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
	span := to.Sub(from).Hours()
	x := func(t time.Time) float64 { return left + (w-left-right)*t.Sub(from).Hours()/span }
	y := func(level int) float64 { return top + (h-top-bottom)*float64(5-level)/4 }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="lc-title"><title id="lc-title">%s</title>`, w, h, html.EscapeString(title))
	for lvl := 1; lvl <= 5; lvl++ {
		name := secretariat.ThreatLevels[lvl].In(lang)
		name, _, _ = strings.Cut(name, ":")
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#d5dae0"/>`, left, w-right, y(lvl), y(lvl))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="end" fill="#4d5561">%d %s</text>`, left-6, y(lvl)+4, lvl, html.EscapeString(name))
	}
	years := to.Year() - from.Year()
	stepYears := max(1, years/8)
	for yr := from.Year(); yr <= to.Year(); yr += stepYears {
		t := time.Date(yr, 1, 1, 0, 0, 0, 0, time.UTC)
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#d5dae0"/>`, x(t), x(t), top, h-bottom)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="middle" fill="#4d5561">%d</text>`, x(t), h-bottom+16, yr)
	}
	var path strings.Builder
	for i, p := range points {
		t := p.Date.Time()
		if i == 0 {
			fmt.Fprintf(&path, "M%.1f %.1f", x(t), y(p.Level))
		} else {
			fmt.Fprintf(&path, " H%.1f V%.1f", x(t), y(p.Level))
		}
	}
	fmt.Fprintf(&path, " H%.1f", x(stop))
	fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#0b3d6b" stroke-width="2.5"/>`, path.String())
	for _, p := range points {
		tip := shortDate(p.Date, lang) + ": " + secretariat.ThreatLevels[p.Level].In(lang)
		fill := "#0b3d6b"
		if p.Illustrative {
			fill = "#fff"
		}
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4.5" fill="%s" stroke="#0b3d6b" stroke-width="2"><title>%s</title></circle>`,
			x(p.Date.Time()), y(p.Level), fill, html.EscapeString(tip))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// MapArea is an area to draw, with its name in the reader's language.
type MapArea struct {
	ID, Name string
	Geometry json.RawMessage
}

// areaMap draws the areas that have geometries on a plate carrée frame around them,
// with a graticule every few degrees. Areas without a geometry are left to the text.
func areaMap(areas []MapArea, title string) template.HTML {
	minLon, minLat, maxLon, maxLat := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	var drawn []MapArea
	for _, a := range areas {
		if len(a.Geometry) == 0 {
			continue
		}
		x0, y0, x1, y1, err := geojson.Bounds(a.Geometry)
		if err != nil {
			continue // validated when written; a bad one is left out of the picture
		}
		minLon, minLat, maxLon, maxLat = math.Min(minLon, x0), math.Min(minLat, y0), math.Max(maxLon, x1), math.Max(maxLat, y1)
		drawn = append(drawn, a)
	}
	if len(drawn) == 0 {
		return ""
	}
	pad := math.Max(1, 0.15*math.Max(maxLon-minLon, maxLat-minLat))
	minLon, maxLon, minLat, maxLat = minLon-pad, maxLon+pad, minLat-pad, maxLat+pad
	// Keep degrees of longitude and latitude in proportion at the frame's middle latitude.
	k := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	const w = 640.0
	h := math.Min(480, math.Max(200, w*(maxLat-minLat)/((maxLon-minLon)*k)))
	px := func(lon float64) float64 { return w * (lon - minLon) / (maxLon - minLon) }
	py := func(lat float64) float64 { return h * (maxLat - lat) / (maxLat - minLat) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="map-title"><title id="map-title">%s</title>`, w, h, html.EscapeString(title))
	fmt.Fprintf(&b, `<rect width="%.0f" height="%.0f" fill="#f3f5f7"/>`, w, h)
	step := math.Max(1, math.Round((maxLon-minLon)/6))
	for lon := math.Ceil(minLon/step) * step; lon <= maxLon; lon += step {
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="0" y2="%.1f" stroke="#d5dae0"/><text x="%.1f" y="%.1f" font-size="11" fill="#4d5561">%g°E</text>`, px(lon), px(lon), h, px(lon)+2, h-4, lon)
	}
	for lat := math.Ceil(minLat/step) * step; lat <= maxLat; lat += step {
		fmt.Fprintf(&b, `<line x1="0" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#d5dae0"/><text x="2" y="%.1f" font-size="11" fill="#4d5561">%g°N</text>`, w, py(lat), py(lat), py(lat)-2, lat)
	}
	colors := []string{"#0b3d6b", "#a3231b", "#1b6e3a", "#8a4b00", "#5b4b8a"}
	for i, a := range drawn {
		c := colors[i%len(colors)]
		var g struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		}
		if json.Unmarshal(a.Geometry, &g) != nil {
			continue
		}
		fmt.Fprintf(&b, `<g><title>%s</title>`, html.EscapeString(a.Name))
		lx, ly := drawGeometry(&b, g.Type, g.Coordinates, px, py, c)
		b.WriteString(`</g>`)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="13" font-weight="600" fill="%s">%s</text>`, lx+6, ly-6, c, html.EscapeString(a.Name))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// drawGeometry writes a GeoJSON geometry's shapes and returns a point to label it at.
func drawGeometry(b *strings.Builder, kind string, coords json.RawMessage, px, py func(float64) float64, color string) (float64, float64) {
	ring := func(pts [][]float64) string {
		var s strings.Builder
		for i, p := range pts {
			if len(p) < 2 {
				continue
			}
			op := "L"
			if i == 0 {
				op = "M"
			}
			fmt.Fprintf(&s, "%s%.1f %.1f ", op, px(p[0]), py(p[1]))
		}
		return s.String()
	}
	var lx, ly float64
	label := func(p []float64) {
		if len(p) >= 2 && lx == 0 && ly == 0 {
			lx, ly = px(p[0]), py(p[1])
		}
	}
	switch kind {
	case "Point":
		var p []float64
		if json.Unmarshal(coords, &p) == nil && len(p) >= 2 {
			fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="6" fill="%s"/>`, px(p[0]), py(p[1]), color)
			label(p)
		}
	case "MultiPoint", "LineString":
		var ps [][]float64
		if json.Unmarshal(coords, &ps) == nil && len(ps) > 0 {
			if kind == "LineString" {
				fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" stroke-width="3"/>`, ring(ps), color)
			} else {
				for _, p := range ps {
					if len(p) >= 2 {
						fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="5" fill="%s"/>`, px(p[0]), py(p[1]), color)
					}
				}
			}
			label(ps[0])
		}
	case "Polygon", "MultiLineString":
		var rings [][][]float64
		if json.Unmarshal(coords, &rings) == nil && len(rings) > 0 && len(rings[0]) > 0 {
			var d strings.Builder
			for _, r := range rings {
				d.WriteString(ring(r))
				if kind == "Polygon" {
					d.WriteString("Z ")
				}
			}
			if kind == "Polygon" {
				fmt.Fprintf(b, `<path d="%s" fill="%s" fill-opacity="0.25" stroke="%s" stroke-width="2" fill-rule="evenodd"/>`, d.String(), color, color)
			} else {
				fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" stroke-width="3"/>`, d.String(), color)
			}
			label(rings[0][0])
		}
	case "MultiPolygon":
		var polys [][][][]float64
		if json.Unmarshal(coords, &polys) == nil {
			var d strings.Builder
			for _, poly := range polys {
				for _, r := range poly {
					d.WriteString(ring(r) + "Z ")
				}
				if len(poly) > 0 && len(poly[0]) > 0 {
					label(poly[0][0])
				}
			}
			fmt.Fprintf(b, `<path d="%s" fill="%s" fill-opacity="0.25" stroke="%s" stroke-width="2" fill-rule="evenodd"/>`, d.String(), color, color)
		}
	}
	return lx, ly
}
