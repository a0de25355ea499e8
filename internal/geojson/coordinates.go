package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// level is what one level of a geometry's coordinates holds, outermost first:
// an array of what the next level holds, and at the last level a position.
type level struct {
	want string // what is expected, for messages
	ring bool   // a linear ring, whose last position repeats its first
}

var (
	positionLevel = level{want: "a position [longitude, latitude]"}
	lineLevel     = level{want: "a LineString (an array of positions)"}
	ringLevel     = level{want: "a linear ring (an array of positions)", ring: true}
	polygonLevel  = level{want: "a Polygon (an array of linear rings)"}
)

// levels gives the nesting of each type's coordinates (RFC 7946 §3.1.2–3.1.7).
var levels = map[string][]level{
	"Point":           {positionLevel},
	"MultiPoint":      {{want: "an array of positions"}, positionLevel},
	"LineString":      {lineLevel, positionLevel},
	"MultiLineString": {{want: "an array of LineStrings"}, lineLevel, positionLevel},
	"Polygon":         {polygonLevel, ringLevel, positionLevel},
	"MultiPolygon":    {{want: "an array of Polygons"}, polygonLevel, ringLevel, positionLevel},
}

// positions checks the coordinates of a geometry of type typ as JSON, where
// orb cannot: every level nests as the type says, every position has 2 or 3
// finite numbers (orb would drop a third, pad a lone one with 0 and read null
// as 0), and every linear ring ends where it starts, altitude included
// (RFC 7946 §3.1.6), which orb's two-number points cannot tell.
func positions(typ string, raw json.RawMessage, path string) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // keep the literal text, for messages and to see overflow
	var v any
	if err := dec.Decode(&v); err != nil {
		return fail(path, "%v", err)
	}
	if a, ok := v.([]any); ok && len(a) == 0 {
		return emptyGeometry(path, typ)
	}
	return walkPositions(v, levels[typ], path)
}

func walkPositions(v any, lv []level, path string) error {
	a, ok := v.([]any)
	if !ok {
		msg := fmt.Sprintf("expected %s, found %s", lv[0].want, describe(v))
		if _, isNum := v.(json.Number); isNum {
			msg += ": is a level of [ ] missing?"
		}
		return errors.New(prefix(path) + msg)
	}
	if len(lv) == 1 {
		return position(a, path)
	}
	for i, e := range a {
		if err := walkPositions(e, lv[1:], index(path, i)); err != nil {
			return err
		}
	}
	if lv[0].ring && len(a) >= 4 { // a shorter ring is refused by shape
		if first, last := numbers(a[0]), numbers(a[len(a)-1]); !slices.Equal(first, last) {
			return fail(path, "the linear ring is not closed: its last position %s must repeat its first %s", formatPosition(last), formatPosition(first))
		}
	}
	return nil
}

// position checks one [longitude, latitude(, altitude)] as JSON.
//
// More than three numbers are refused even though RFC 7946 §3.1.1 only says
// they SHOULD NOT be used: their meaning is undefined, and a fourth number
// in hand-entered data is far more likely a typo than a measure.
func position(a []any, path string) error {
	// Check element kinds before the count, so that an extra level of
	// brackets is reported as such rather than as a wrong count.
	for i, e := range a {
		if _, ok := e.(json.Number); !ok {
			msg := fmt.Sprintf("expected a number, found %s", describe(e))
			if _, isArr := e.([]any); isArr {
				msg += ": is there an extra level of [ ]?"
			}
			return fail(index(path, i), "%s", msg)
		}
	}
	if len(a) < 2 || len(a) > 3 {
		return fail(path, "a position has 2 or 3 numbers (longitude, latitude and an optional altitude), found %d", len(a))
	}
	// A number too large for a float64 cannot be decoded at all; it is
	// refused here in the words the range check uses, quoting it as written.
	for i, n := range numbers(a) {
		if math.IsInf(n, 0) {
			return fail(path, []string{"longitude %s is outside -180..180", "latitude %s is outside -90..90",
				"altitude %s is too large to be a finite number"}[i], literal(a[i]))
		}
	}
	return nil
}

// numbers reads a position whose elements are known to be JSON numbers.
// Only overflow can fail, yielding ±Inf; underflow quietly becomes 0, which
// is the right value anyway.
func numbers(v any) []float64 {
	a, _ := v.([]any)
	out := make([]float64, len(a))
	for i, e := range a {
		n, _ := e.(json.Number)
		out[i], _ = strconv.ParseFloat(string(n), 64)
	}
	return out
}

// shape checks a decoded geometry other than a collection: positions in
// range, and enough of them for each line, ring and polygon.
func (c *checker) shape(g orb.Geometry, path string) error {
	switch g := g.(type) {
	case orb.Point:
		return c.point(g, path)
	case orb.MultiPoint:
		return c.points(g, path)
	case orb.LineString:
		return c.line(g, path)
	case orb.MultiLineString:
		for i, l := range g {
			if err := c.line(l, index(path, i)); err != nil {
				return err
			}
		}
	case orb.Polygon:
		return c.polygon(g, path)
	case orb.MultiPolygon:
		for i, p := range g {
			if err := c.polygon(p, index(path, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *checker) points(ps []orb.Point, path string) error {
	for i, p := range ps {
		if err := c.point(p, index(path, i)); err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) line(l orb.LineString, path string) error {
	if err := c.points(l, path); err != nil {
		return err
	}
	if len(l) < 2 {
		return fail(path, "a LineString needs at least 2 positions, found %d", len(l))
	}
	return nil
}

// polygon checks one or more linear rings: each has at least four positions
// (RFC 7946 §3.1.6; positions has seen that it is closed). Winding order is
// deliberately not checked: the RFC says parsers SHOULD NOT reject polygons
// for it.
func (c *checker) polygon(p orb.Polygon, path string) error {
	if len(p) == 0 {
		return fail(path, "a Polygon needs at least one linear ring, found none")
	}
	for i, r := range p {
		ring := index(path, i)
		if err := c.points(r, ring); err != nil {
			return err
		}
		if len(r) < 4 {
			return fail(ring, "a linear ring needs at least 4 positions, the last repeating the first; found %d", len(r))
		}
	}
	return nil
}

// point checks that a position is on the globe.
func (c *checker) point(p orb.Point, path string) error {
	lon, lat := p.Lon(), p.Lat()
	if !(lon >= -180 && lon <= 180) {
		return fail(path, "longitude %s is outside -180..180", fmtNum(lon))
	}
	if !(lat >= -90 && lat <= 90) {
		msg := fmt.Sprintf("latitude %s is outside -90..90", fmtNum(lat))
		// Suggest a swap only for the first position: once a position has
		// passed, the order is evidently right and a typo is likelier.
		if c.seen == 0 && lat >= -180 && lat <= 180 && lon >= -90 && lon <= 90 {
			msg += " (positions are [longitude, latitude]: are the two swapped?)"
		}
		return fail(path, "%s", msg)
	}
	c.seen++
	return nil
}

func formatPosition(p []float64) string {
	parts := make([]string, len(p))
	for i, f := range p {
		parts[i] = fmtNum(f)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
