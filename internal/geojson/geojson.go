// Package geojson checks GeoJSON geometry objects (RFC 7946) such as the
// optional outline of a named area in the threat register.
//
// The geometry is typed or pasted by a person, so the aim is to refuse a bad
// shape at the point of entry with a message that says where it is wrong and
// how to fix it, rather than store it and find out when a map fails to draw.
// Every message names the offending place with a path such as
// "geometries[1].coordinates[0][3]".
//
// Geometries are decoded by github.com/paulmach/orb/geojson, and the shape
// checks (ranges, counts, extents) run on orb's values. What orb does not do is
// done here: it takes any JSON that fits its Go types, so a position of one
// number or four, a null, a duplicated member or a Feature would pass; and its
// errors say neither where nor what to do. So before orb decodes, the input is
// checked as JSON (size, UTF-8, syntax, nesting), each geometry object's
// members are checked, and each position's numbers are counted. The checks are
// those of RFC 7946 §3.1 plus a few deliberate choices, each explained where it
// is made:
//
//   - empty geometries (no positions at all) are refused, although the RFC
//     tolerates them;
//   - positions have exactly 2 or 3 numbers;
//   - member names in a geometry object must not repeat;
//   - "geometries" on a non-collection is refused, as "coordinates" on a
//     collection is, and so are the Feature members of RFC 7946 §7.1;
//   - JSON null is not a geometry: the way to give none is to leave it out;
//   - GeometryCollections may nest at most MaxCollectionDepth deep, and the
//     JSON as a whole at most 64 levels;
//   - a "bbox" member, if present, must be well formed and contain the
//     geometry.
//
// Winding order (the right-hand rule of §3.1.6), self-intersection and
// antimeridian cutting are not checked: the RFC tells parsers not to reject on
// winding, and the others need real computational geometry for little benefit
// in a register of named areas.
package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"
)

const (
	// MaxSize is the largest input, in bytes, that ValidateGeometry and
	// Bounds accept. A named area needs a recognisable outline, not a
	// survey-grade border, and the cap bounds the work done on input that
	// comes from outside.
	MaxSize = 1 << 20

	// MaxCollectionDepth is how many GeometryCollections may enclose one
	// another. RFC 7946 §3.1.8 already discourages nesting them at all; the
	// limit stops crafted input from driving validation deep.
	MaxCollectionDepth = 8

	// maxJSONDepth bounds array and object nesting anywhere in the input,
	// foreign members included. The deepest legitimate geometry is about
	// 2*MaxCollectionDepth+5 levels, so 64 leaves room for foreign members
	// while turning a "[[[[..." bomb into a short, clear refusal long before
	// encoding/json's own limit of 10000.
	maxJSONDepth = 64

	// maxShown caps how much of a value from the input is quoted back in a
	// message, so that a megabyte-long string cannot become a megabyte-long
	// error.
	maxShown = 40
)

// geometryTypes lists the RFC 7946 geometry types in the order the RFC
// presents them, which is also the order used in messages.
var geometryTypes = []string{
	"Point", "MultiPoint",
	"LineString", "MultiLineString",
	"Polygon", "MultiPolygon",
	"GeometryCollection",
}

// ValidateGeometry checks one GeoJSON geometry object and returns nil or an
// error that says what is wrong, in plain English, so a person can fix it.
//
// Messages start with the path of the fault inside the geometry, such as
// "coordinates[0][3]: latitude 95 is outside -90..90", and not with the
// name of the field holding the geometry, which the caller knows and adds.
// Only the first fault is reported, since fixing it often fixes the rest.
func ValidateGeometry(raw []byte) error {
	_, err := check(raw)
	return err
}

// Bounds validates raw exactly as ValidateGeometry does and returns the
// smallest longitude/latitude box holding every position, so that a map can
// be framed around the area.
//
// The box is made of plain minima and maxima: a shape that crosses the
// antimeridian gets a box spanning most of the globe. A "bbox" member in the
// input is checked but not used, because the positions are the authority.
func Bounds(raw []byte) (minLon, minLat, maxLon, maxLat float64, err error) {
	g, err := check(raw)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	b := g.Bound()
	return b.Min.Lon(), b.Min.Lat(), b.Max.Lon(), b.Max.Lat(), nil
}

// check runs the cheap whole-input checks first, so that oversized, broken
// or deeply nested input is refused before any of it is decoded.
func check(raw []byte) (orb.Geometry, error) {
	if len(raw) > MaxSize {
		return nil, fmt.Errorf("the geometry is %d bytes, more than the limit of 1 MiB (%d bytes): simplify the shape (fewer positions, fewer decimal places)", len(raw), MaxSize)
	}
	if len(trimSpace(raw)) == 0 {
		return nil, errors.New("the geometry is empty: expected a GeoJSON geometry object such as {\"type\": \"Point\", \"coordinates\": [69.3, 37.1]}")
	}
	// encoding/json would quietly turn bad bytes into U+FFFD.
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("the geometry is not valid UTF-8 text (first bad byte at %s)", where(raw, invalidUTF8At(raw)))
	}
	if err := checkDepth(raw); err != nil {
		return nil, err
	}
	if !json.Valid(raw) {
		return nil, syntaxError(raw)
	}
	var c checker
	return c.geometry(raw, "", 0)
}

// trimSpace trims only JSON whitespace; bytes.TrimSpace would also accept
// Unicode spaces that JSON does not.
func trimSpace(b []byte) []byte {
	return bytes.Trim(b, " \t\r\n")
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// checkDepth measures nesting with encoding/json's tokenizer, which streams:
// a megabyte of "[" costs one pass and no recursion. A syntax error ends the
// walk; the full syntax check that follows reports it.
func checkDepth(raw []byte) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // io.EOF, or a syntax error for json.Valid to report
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
			if depth > maxJSONDepth {
				return fmt.Errorf("the JSON is nested more than %d levels deep (at %s); no geometry needs that many levels of [ ] or { }", maxJSONDepth, where(raw, int(dec.InputOffset())-1))
			}
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
}

func syntaxError(raw []byte) error {
	var v json.RawMessage
	err := json.Unmarshal(raw, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, including the offending one.
		return fmt.Errorf("the geometry is not valid JSON: %s at %s", se.Error(), where(raw, int(se.Offset)-1))
	}
	if err != nil {
		return fmt.Errorf("the geometry is not valid JSON: %v", err)
	}
	return errors.New("the geometry is not valid JSON")
}

// where turns a byte offset into "line L, column C", which is what a person
// looking at the text in an editor can use.
func where(raw []byte, off int) string {
	off = max(0, min(off, len(raw)))
	line := 1 + bytes.Count(raw[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(raw[:off], '\n')
	return fmt.Sprintf("line %d, column %d", line, col)
}

// checker counts the positions accepted so far in the whole input, for the
// hint about swapped coordinates.
type checker struct {
	seen int
}

// collection checks the "geometries" member of a GeometryCollection at the
// given collection depth, and returns the collection.
func (c *checker) collection(raw json.RawMessage, path string, depth int) (orb.Collection, error) {
	raw = trimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' {
		return nil, fail(path, "expected an array of geometry objects, found %s", describeRaw(raw))
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return nil, fail(path, "%v", err)
	}
	if len(elems) == 0 {
		return nil, emptyGeometry(path, "GeometryCollection")
	}
	coll := make(orb.Collection, len(elems))
	for i, e := range elems {
		g, err := c.geometry(e, index(path, i), depth+1)
		if err != nil {
			return nil, err
		}
		coll[i] = g
	}
	return coll, nil
}

// emptyGeometry refuses a geometry with no positions. RFC 7946 tolerates
// these (§3.1: processors MAY treat them as null; §3.1.8 allows an empty
// "geometries"), but in the register the geometry member is optional, so
// leaving it out already says "no shape"; an empty one would only be a
// second, less obvious way to say the same thing, and it has no bounds to
// frame a map around.
func emptyGeometry(path, typ string) error {
	return fail(path, "the %s is empty: give at least one position, or leave the geometry out", typ)
}

// simple checks a geometry other than a collection: its coordinates' nesting
// and positions as JSON (positions), then orb decodes the object and its shape
// is checked (shape).
func (c *checker) simple(typ string, object, coords json.RawMessage, path string) (orb.Geometry, error) {
	if err := positions(typ, coords, path); err != nil {
		return nil, err
	}
	g, err := orbjson.UnmarshalGeometry(object)
	if err != nil { // positions has seen to the shapes orb's types need
		return nil, fail(path, "cannot be read as a %s: %v", typ, err)
	}
	return g.Coordinates, c.shape(g.Coordinates, path)
}
