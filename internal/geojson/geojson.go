// Package geojson checks GeoJSON geometry objects (RFC 7946) such as the
// optional outline of a named area in the threat register.
//
// The geometry is typed or pasted by a person, so the aim is to refuse a bad
// shape at the point of entry with a message that says where it is wrong and
// how to fix it, rather than store it and find out when a map fails to draw.
// Every message names the offending place with a path such as
// "geometries[1].coordinates[0][3]".
//
// The checks are those of RFC 7946 §3.1 plus a few deliberate choices,
// each explained where it is made:
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
// Winding order, self-intersection and antimeridian cutting are not checked:
// the RFC tells parsers not to reject on winding, and the others need real
// computational geometry for little benefit in a register of named areas.
package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
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
	ext, err := check(raw)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	return ext.minLon, ext.minLat, ext.maxLon, ext.maxLat, nil
}

// extent accumulates the longitude/latitude range of the positions seen.
type extent struct {
	minLon, minLat, maxLon, maxLat float64
	n                              int
}

func (e *extent) add(lon, lat float64) {
	if e.n == 0 {
		e.minLon, e.maxLon, e.minLat, e.maxLat = lon, lon, lat, lat
	} else {
		e.minLon = min(e.minLon, lon)
		e.maxLon = max(e.maxLon, lon)
		e.minLat = min(e.minLat, lat)
		e.maxLat = max(e.maxLat, lat)
	}
	e.n++
}

func (e *extent) merge(o extent) {
	if o.n == 0 {
		return
	}
	if e.n == 0 {
		*e = o
		return
	}
	e.minLon = min(e.minLon, o.minLon)
	e.maxLon = max(e.maxLon, o.maxLon)
	e.minLat = min(e.minLat, o.minLat)
	e.maxLat = max(e.maxLat, o.maxLat)
	e.n += o.n
}

// check runs the cheap whole-input checks first, so that oversized, broken
// or deeply nested input is refused before any of it is decoded.
func check(raw []byte) (extent, error) {
	if len(raw) > MaxSize {
		return extent{}, fmt.Errorf("the geometry is %d bytes, more than the limit of 1 MiB (%d bytes): simplify the shape (fewer positions, fewer decimal places)", len(raw), MaxSize)
	}
	if len(trimSpace(raw)) == 0 {
		return extent{}, errors.New("the geometry is empty: expected a GeoJSON geometry object such as {\"type\": \"Point\", \"coordinates\": [69.3, 37.1]}")
	}
	if !utf8.Valid(raw) {
		return extent{}, fmt.Errorf("the geometry is not valid UTF-8 text (first bad byte at %s)", where(raw, invalidUTF8At(raw)))
	}
	if err := checkDepth(raw); err != nil {
		return extent{}, err
	}
	if !json.Valid(raw) {
		return extent{}, syntaxError(raw)
	}
	var c checker
	err := c.geometry(raw, "", 0)
	return c.ext, err
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

// checkDepth measures nesting with a plain byte scan, so that even a
// megabyte of "[" costs one pass and no recursion.
func checkDepth(raw []byte) error {
	depth := 0
	inString, escaped := false, false
	for i, b := range raw {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				inString = false
			}
		case b == '"':
			inString = true
		case b == '[' || b == '{':
			depth++
			if depth > maxJSONDepth {
				return fmt.Errorf("the JSON is nested more than %d levels deep (at %s); no geometry needs that many levels of [ ] or { }", maxJSONDepth, where(raw, i))
			}
		case b == ']' || b == '}':
			depth--
		}
	}
	return nil
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

// checker carries the extent of the geometry being checked, so that Bounds
// and bbox checking come out of the same single walk as validation.
type checker struct {
	ext  extent
	seen int // positions accepted so far, in the whole input
}

type member struct {
	name  string
	value json.RawMessage
}

// geometry checks one geometry object at path; depth counts the
// GeometryCollections that enclose it.
func (c *checker) geometry(raw []byte, path string, depth int) error {
	// Each geometry has its own extent, for its own bbox; the parent's is
	// the union of its children's.
	outer := c.ext
	c.ext = extent{}
	defer func() {
		mine := c.ext
		c.ext = outer
		c.ext.merge(mine)
	}()

	raw = trimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return notObject(path, raw)
	}
	members, err := readObject(raw)
	if err != nil {
		return fail(path, "%v", err)
	}

	// Duplicate names are refused because JSON parsers disagree on which
	// one wins: what is checked here could differ from what is drawn later.
	byName := make(map[string]json.RawMessage, len(members))
	for _, m := range members {
		if _, dup := byName[m.name]; dup {
			return fail(path, "member %s appears more than once; give it once", quote(m.name))
		}
		byName[m.name] = m.value
	}

	typRaw, ok := byName["type"]
	if !ok {
		if _, ok := byName["geometry"]; ok {
			return fail(path, "a geometry is expected, not a Feature: pass its geometry member")
		}
		return missing(path, "type", members, "the kind of geometry, one of "+strings.Join(geometryTypes, ", "))
	}
	// Unmarshal would turn null into "", so insist on a string literal.
	var typ string
	if t := trimSpace(typRaw); len(t) == 0 || t[0] != '"' || json.Unmarshal(t, &typ) != nil {
		return fail(join(path, "type"), "expected a string such as \"Polygon\", found %s", describeRaw(typRaw))
	}
	// Feature types are matched regardless of case: whatever the spelling,
	// the fix is the same.
	switch {
	case strings.EqualFold(typ, "Feature"):
		return fail(path, "a geometry is expected, not a Feature: pass its geometry member")
	case strings.EqualFold(typ, "FeatureCollection"):
		return fail(path, "a geometry is expected, not a FeatureCollection: pass the geometry member of one of its features")
	case !isGeometryType(typ):
		for _, t := range geometryTypes {
			if strings.EqualFold(typ, t) {
				return fail(join(path, "type"), "unknown type %s: did you mean %q? Type names are case-sensitive", quote(typ), t)
			}
		}
		return fail(join(path, "type"), "unknown type %s: expected one of %s", quote(typ), strings.Join(geometryTypes, ", "))
	}

	// RFC 7946 §7.1: these members define Features and FeatureCollections
	// and must not appear on a geometry, so their presence means the input
	// is something else dressed up as a geometry.
	for _, name := range []string{"geometry", "properties", "features"} {
		if _, ok := byName[name]; ok {
			return fail(path, "a geometry must not have a %q member (RFC 7946 §7.1); that belongs on a Feature", name)
		}
	}

	if typ == "GeometryCollection" {
		if _, ok := byName["coordinates"]; ok {
			return fail(path, "a GeometryCollection must not have a \"coordinates\" member; put coordinates in the geometries it contains")
		}
		geoms, ok := byName["geometries"]
		if !ok {
			return missing(path, "geometries", members, "an array of the geometries in the collection")
		}
		if depth >= MaxCollectionDepth {
			return fail(path, "GeometryCollections are nested more than %d deep; flatten them (RFC 7946 §3.1.8 discourages nesting)", MaxCollectionDepth)
		}
		if err := c.collection(geoms, join(path, "geometries"), depth); err != nil {
			return err
		}
	} else {
		// "geometries" only makes sense on a collection (RFC 7946 §7.1);
		// on anything else it is a mistake, not a foreign member.
		if _, ok := byName["geometries"]; ok {
			return fail(path, "a %s must not have a \"geometries\" member; only a GeometryCollection has one", typ)
		}
		coords, ok := byName["coordinates"]
		if !ok {
			return missing(path, "coordinates", members, "the positions of the "+typ)
		}
		if err := c.coordinates(typ, coords, join(path, "coordinates")); err != nil {
			return err
		}
	}

	if bbox, ok := byName["bbox"]; ok {
		if err := checkBBox(bbox, join(path, "bbox"), c.ext); err != nil {
			return err
		}
	}
	return nil
}

// readObject returns the members of a JSON object that is known to be valid,
// keeping duplicates so the caller can refuse them.
func readObject(raw []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // the opening '{'
		return nil, err
	}
	var members []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("unexpected %v where a member name should be", tok)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		members = append(members, member{name, v})
	}
	return members, nil
}

func isGeometryType(t string) bool {
	for _, g := range geometryTypes {
		if t == g {
			return true
		}
	}
	return false
}

// missing reports an absent member, pointing out a near miss in letter case
// because "Type" or "Coordinates" is an easy slip that is otherwise
// silently treated as a foreign member.
func missing(path, name string, members []member, purpose string) error {
	for _, m := range members {
		if strings.EqualFold(m.name, name) {
			return fail(path, "the %q member is missing (found %s instead: member names are case-sensitive)", name, quote(m.name))
		}
	}
	return fail(path, "the %q member is missing; it should give %s", name, purpose)
}

func notObject(path string, raw []byte) error {
	kind := describeRaw(raw)
	if path != "" {
		return fail(path, "expected a geometry object, found %s", kind)
	}
	msg := "a geometry must be a JSON object such as {\"type\": \"Point\", \"coordinates\": [69.3, 37.1]}, found " + kind
	switch {
	case len(raw) > 0 && raw[0] == '[':
		msg += ": if these are coordinates, put them in an object with a \"type\""
	case len(raw) > 0 && raw[0] == 'n':
		msg += ": to give no geometry, leave it out"
	}
	return errors.New(msg)
}

// collection checks the "geometries" member of a GeometryCollection at
// the given collection depth.
func (c *checker) collection(raw json.RawMessage, path string, depth int) error {
	raw = trimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' {
		return fail(path, "expected an array of geometry objects, found %s", describeRaw(raw))
	}
	// Stream the elements rather than json.Unmarshal them: Unmarshal scans
	// the input twice, and nested collections multiply every scan.
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // the opening '['
		return fail(path, "%v", err)
	}
	var elems []json.RawMessage
	for dec.More() {
		var e json.RawMessage
		if err := dec.Decode(&e); err != nil {
			return fail(path, "%v", err)
		}
		elems = append(elems, e)
	}
	if len(elems) == 0 {
		return emptyGeometry(path, "GeometryCollection")
	}
	for i, e := range elems {
		if err := c.geometry(e, index(path, i), depth+1); err != nil {
			return err
		}
	}
	return nil
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

// coordinates checks the "coordinates" member of a geometry of type typ.
func (c *checker) coordinates(typ string, raw json.RawMessage, path string) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // keep the literal text, for messages and to see overflow
	var v any
	if err := dec.Decode(&v); err != nil {
		return fail(path, "%v", err)
	}
	if a, ok := v.([]any); ok && len(a) == 0 {
		return emptyGeometry(path, typ)
	}
	switch typ {
	case "Point":
		_, err := c.position(v, path)
		return err
	case "MultiPoint":
		return eachOf(v, path, "an array of positions", func(e any, p string) error {
			_, err := c.position(e, p)
			return err
		})
	case "LineString":
		return c.lineString(v, path)
	case "MultiLineString":
		return eachOf(v, path, "an array of LineStrings", c.lineString)
	case "Polygon":
		return c.polygon(v, path)
	case "MultiPolygon":
		return eachOf(v, path, "an array of Polygons", c.polygon)
	}
	return fail(path, "no coordinates rule for type %q", typ) // unreachable: types are checked first
}

// list returns v as an array, or says what was expected in its place.
func list(v any, path, want string) ([]any, error) {
	a, ok := v.([]any)
	if ok {
		return a, nil
	}
	msg := fmt.Sprintf("expected %s, found %s", want, describe(v))
	if _, isNum := v.(json.Number); isNum {
		msg += ": is a level of [ ] missing?"
	}
	return nil, errors.New(prefix(path) + msg)
}

func eachOf(v any, path, want string, f func(any, string) error) error {
	a, err := list(v, path, want)
	if err != nil {
		return err
	}
	for i, e := range a {
		if err := f(e, index(path, i)); err != nil {
			return err
		}
	}
	return nil
}

// position checks one [longitude, latitude(, altitude)] and records it in
// the extent. It returns the numbers so that ring closure can compare them.
//
// More than three numbers are refused even though RFC 7946 §3.1.1 only says
// they SHOULD NOT be used: their meaning is undefined, and a fourth number
// in hand-entered data is far more likely a typo than a measure.
func (c *checker) position(v any, path string) ([]float64, error) {
	a, err := list(v, path, "a position [longitude, latitude]")
	if err != nil {
		return nil, err
	}
	// Check element kinds before the count, so that an extra level of
	// brackets is reported as such rather than as a wrong count.
	nums := make([]float64, len(a))
	for i, e := range a {
		n, ok := e.(json.Number)
		if !ok {
			msg := fmt.Sprintf("expected a number, found %s", describe(e))
			if _, isArr := e.([]any); isArr {
				msg += ": is there an extra level of [ ]?"
			}
			return nil, fail(index(path, i), "%s", msg)
		}
		// Only overflow can fail here, as a json.Number from the decoder is
		// well formed; it yields ±Inf, which the range checks below refuse.
		// Underflow quietly becomes 0, which is the right value anyway.
		nums[i], _ = strconv.ParseFloat(string(n), 64)
	}
	if len(a) < 2 || len(a) > 3 {
		return nil, fail(path, "a position has 2 or 3 numbers (longitude, latitude and an optional altitude), found %d", len(a))
	}
	lon, lat := nums[0], nums[1]
	if !(lon >= -180 && lon <= 180) {
		return nil, fail(path, "longitude %s is outside -180..180", literal(a[0]))
	}
	if !(lat >= -90 && lat <= 90) {
		msg := fmt.Sprintf("latitude %s is outside -90..90", literal(a[1]))
		// Suggest a swap only for the first position: once a position has
		// passed, the order is evidently right and a typo is likelier.
		if c.seen == 0 && lat >= -180 && lat <= 180 && lon >= -90 && lon <= 90 {
			msg += " (positions are [longitude, latitude]: are the two swapped?)"
		}
		return nil, fail(path, "%s", msg)
	}
	if len(nums) == 3 && math.IsInf(nums[2], 0) {
		return nil, fail(path, "altitude %s is too large to be a finite number", literal(a[2]))
	}
	c.ext.add(lon, lat)
	c.seen++
	return nums, nil
}

// lineString checks the coordinates of one LineString.
func (c *checker) lineString(v any, path string) error {
	a, err := list(v, path, "a LineString (an array of positions)")
	if err != nil {
		return err
	}
	for i, e := range a {
		if _, err := c.position(e, index(path, i)); err != nil {
			return err
		}
	}
	if len(a) < 2 {
		return fail(path, "a LineString needs at least 2 positions, found %d", len(a))
	}
	return nil
}

// polygon checks the coordinates of one Polygon: one or more linear rings.
func (c *checker) polygon(v any, path string) error {
	a, err := list(v, path, "a Polygon (an array of linear rings)")
	if err != nil {
		return err
	}
	if len(a) == 0 {
		return fail(path, "a Polygon needs at least one linear ring, found none")
	}
	for i, e := range a {
		if err := c.ring(e, index(path, i)); err != nil {
			return err
		}
	}
	return nil
}

// ring checks one linear ring: at least four positions, the last repeating
// the first (RFC 7946 §3.1.6). Winding order is deliberately not checked:
// the RFC says parsers SHOULD NOT reject polygons for it.
func (c *checker) ring(v any, path string) error {
	a, err := list(v, path, "a linear ring (an array of positions)")
	if err != nil {
		return err
	}
	var first, last []float64
	for i, e := range a {
		pos, err := c.position(e, index(path, i))
		if err != nil {
			return err
		}
		if i == 0 {
			first = pos
		}
		last = pos
	}
	if len(a) < 4 {
		return fail(path, "a linear ring needs at least 4 positions, the last repeating the first; found %d", len(a))
	}
	if !samePosition(first, last) {
		return fail(path, "the linear ring is not closed: its last position %s must repeat its first %s", formatPosition(last), formatPosition(first))
	}
	return nil
}

// samePosition compares numerically, so 30 and 30.0 match; RFC 7946 only
// says the representations SHOULD be identical.
func samePosition(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func formatPosition(p []float64) string {
	parts := make([]string, len(p))
	for i, f := range p {
		parts[i] = strconv.FormatFloat(f, 'g', -1, 64)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// checkBBox checks a "bbox" member (RFC 7946 §5) against the extent of the
// geometry it belongs to. A bbox that does not hold its geometry would frame
// a map on the wrong place, so it is refused rather than ignored.
func checkBBox(raw json.RawMessage, path string, ext extent) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fail(path, "%v", err)
	}
	const shape = "[west, south, east, north] (or [west, south, low, east, north, high] with altitudes)"
	a, ok := v.([]any)
	if !ok {
		return fail(path, "expected an array %s, found %s", shape, describe(v))
	}
	if len(a) != 4 && len(a) != 6 {
		return fail(path, "expected 4 or 6 numbers %s, found %d", shape, len(a))
	}
	nums := make([]float64, len(a))
	texts := make([]string, len(a))
	for i, e := range a {
		n, ok := e.(json.Number)
		if !ok {
			return fail(index(path, i), "expected a number, found %s", describe(e))
		}
		nums[i], _ = strconv.ParseFloat(string(n), 64)
		texts[i] = shorten(string(n))
	}
	half := len(a) / 2
	w, s, e, n := nums[0], nums[1], nums[half], nums[half+1]
	for _, i := range []int{0, half} {
		if !(nums[i] >= -180 && nums[i] <= 180) {
			return fail(index(path, i), "longitude %s is outside -180..180", texts[i])
		}
	}
	for _, i := range []int{1, half + 1} {
		if !(nums[i] >= -90 && nums[i] <= 90) {
			return fail(index(path, i), "latitude %s is outside -90..90", texts[i])
		}
	}
	if s > n {
		return fail(path, "south %s is north of north %s", texts[1], texts[half+1])
	}
	if half == 3 {
		if math.IsInf(nums[2], 0) || math.IsInf(nums[5], 0) {
			return fail(path, "an altitude is too large to be a finite number")
		}
		if nums[2] > nums[5] {
			return fail(path, "lowest altitude %s is above highest altitude %s", texts[2], texts[5])
		}
	}
	if ext.n == 0 {
		return nil
	}
	if ext.minLat < s || ext.maxLat > n {
		return fail(path, "it does not contain the geometry, whose latitudes run from %s to %s", fmtNum(ext.minLat), fmtNum(ext.maxLat))
	}
	// A west edge east of the east edge means the box crosses the
	// antimeridian (RFC 7946 §5.2). Min/max extents cannot be tested
	// against such a box, so only latitudes are checked for it.
	if w <= e && (ext.minLon < w || ext.maxLon > e) {
		return fail(path, "it does not contain the geometry, whose longitudes run from %s to %s", fmtNum(ext.minLon), fmtNum(ext.maxLon))
	}
	return nil
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// describe names the kind of a decoded JSON value for messages.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + shorten(string(v))
	case string:
		return "the string " + quote(v)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// describeRaw names the kind of a raw JSON value, known to be valid, from
// its first byte, without decoding what may be a large value.
func describeRaw(raw []byte) string {
	raw = trimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "the number " + shorten(string(raw))
}

// literal gives a number as it was written in the input, shortened, because
// that is what the person will search for in their text.
func literal(v any) string {
	n, _ := v.(json.Number)
	return shorten(string(n))
}

// quote quotes a string from the input, shortened so messages stay short.
func quote(s string) string {
	if utf8.RuneCountInString(s) <= maxShown {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return strconv.Quote(string(r[:maxShown])) + "…"
}

// shorten cuts a number literal to maxShown bytes; number literals are
// ASCII, so cutting bytes cannot split a character.
func shorten(s string) string {
	if len(s) <= maxShown {
		return s
	}
	return s[:maxShown] + "…"
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func prefix(path string) string {
	if path == "" {
		return ""
	}
	return path + ": "
}

func fail(path, format string, args ...any) error {
	return errors.New(prefix(path) + fmt.Sprintf(format, args...))
}
