package geojson

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Shapes near the places the register names, so the fixtures read like the
// data they stand for.
const (
	borderPoint = `{"type": "Point", "coordinates": [69.5, 37.2]}`
	northAfg    = `{"type": "Polygon", "coordinates": [[[62, 35], [71, 35], [71, 38.5], [62, 38.5], [62, 35]]]}`
	lineAmu     = `[[67.0, 37.2], [68.5, 37.1], [69.5, 37.3]]`
)

// nestCollections wraps inner in n GeometryCollections.
func nestCollections(n int, inner string) string {
	for i := 0; i < n; i++ {
		inner = `{"type": "GeometryCollection", "geometries": [` + inner + `]}`
	}
	return inner
}

func TestValidateGeometryAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"Point", borderPoint},
		{"Point with altitude", `{"type": "Point", "coordinates": [69.5, 37.2, 350.5]}`},
		{"Point on the limits", `{"type": "Point", "coordinates": [-180, -90]}`},
		{"Point on the other limits", `{"type": "Point", "coordinates": [180, 90]}`},
		{"Point with exponent and negative zero", `{"type": "Point", "coordinates": [6.95e1, -0]}`},
		{"tiny number underflows to zero", `{"type": "Point", "coordinates": [1e-400, 0]}`},
		{"whitespace around", " \n\t" + borderPoint + "\r\n "},
		{"members in any order", `{"coordinates": [69.5, 37.2], "type": "Point"}`},
		{"foreign members allowed", `{"type": "Point", "coordinates": [69.5, 37.2], "title": "Tajik–Afghan border", "meta": {"a": [1, {"b": null}]}}`},
		{"MultiPoint", `{"type": "MultiPoint", "coordinates": [[69.5, 37.2], [70.1, 37.5]]}`},
		{"LineString", `{"type": "LineString", "coordinates": ` + lineAmu + `}`},
		{"LineString of two equal positions", `{"type": "LineString", "coordinates": [[1, 2], [1, 2]]}`},
		{"MultiLineString", `{"type": "MultiLineString", "coordinates": [` + lineAmu + `, [[70, 38], [71, 38]]]}`},
		{"Polygon", northAfg},
		{"Polygon closed with 3D positions", `{"type": "Polygon", "coordinates": [[[0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 0, 1]]]}`},
		{"Polygon closed with different spelling", `{"type": "Polygon", "coordinates": [[[30, 10], [40, 40], [20, 40], [30.0, 1e1]]]}`},
		{"Polygon with hole", `{"type": "Polygon", "coordinates": [
			[[100, 0], [101, 0], [101, 1], [100, 1], [100, 0]],
			[[100.8, 0.8], [100.8, 0.2], [100.2, 0.2], [100.2, 0.8], [100.8, 0.8]]]}`},
		{"clockwise exterior ring is not rejected", `{"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}`},
		{"MultiPolygon", `{"type": "MultiPolygon", "coordinates": [
			[[[102, 2], [103, 2], [103, 3], [102, 3], [102, 2]]],
			[[[100, 0], [101, 0], [101, 1], [100, 1], [100, 0]]]]}`},
		{"GeometryCollection", `{"type": "GeometryCollection", "geometries": [` + borderPoint + `, ` + northAfg + `]}`},
		{"GeometryCollection nested to the limit", nestCollections(MaxCollectionDepth, borderPoint)},
		{"bbox", `{"type": "Polygon", "bbox": [62, 35, 71, 38.5], "coordinates": [[[62, 35], [71, 35], [71, 38.5], [62, 38.5], [62, 35]]]}`},
		{"bbox with altitudes", `{"type": "Point", "bbox": [69, 37, 0, 70, 38, 500], "coordinates": [69.5, 37.2, 350]}`},
		{"bbox across the antimeridian", `{"type": "LineString", "bbox": [170, -20, -170, -10], "coordinates": [[175, -15], [-175, -12]]}`},
		{"bbox on a collection", `{"type": "GeometryCollection", "bbox": [62, 35, 71, 38.5], "geometries": [` + borderPoint + `, ` + northAfg + `]}`},
		{"type spelled with an escape", `{"type": "P\u006fint", "coordinates": [69.5, 37.2]}`},
		{"foreign member as deep as allowed", `{"type": "Point", "coordinates": [1, 2], "x": ` + strings.Repeat("[", maxJSONDepth-1) + strings.Repeat("]", maxJSONDepth-1) + `}`},
		{"brackets inside strings do not count as nesting", `{"type": "Point", "coordinates": [1, 2], "x": "` + strings.Repeat("[{", 1000) + `\"\\"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := ValidateGeometry([]byte(tt.in)); err != nil {
				t.Errorf("ValidateGeometry(%s) = %v, want nil", tt.in, err)
			}
		})
	}
}

func TestValidateGeometryRefuses(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // fragment of the message
	}{
		// Not a geometry object at all.
		{"empty", ``, "the geometry is empty"},
		{"only whitespace", " \n ", "the geometry is empty"},
		{"not JSON", `Point(69.5 37.2)`, "not valid JSON: invalid character 'P' looking for beginning of value at line 1, column 1"},
		{"truncated", `{"type": "Point", "coordinates": [69.5, 37.2]`, "not valid JSON: unexpected end of JSON input"},
		{"syntax error position", "{\n  \"type\": \"Point\",\n  \"coordinates\" [1, 2]}", "at line 3, column 17"},
		{"trailing garbage", borderPoint + ` x`, "after top-level value"},
		{"two objects", borderPoint + borderPoint, "after top-level value"},
		{"invalid UTF-8", "{\"type\": \"Point\xff\", \"coordinates\": [1, 2]}", "not valid UTF-8 text (first bad byte at line 1, column 16)"},
		{"number", `42`, "a geometry must be a JSON object such as"},
		{"string", `"Point"`, "found a string"},
		{"bare coordinates", `[69.5, 37.2]`, "found an array: if these are coordinates, put them in an object"},
		{"null", `null`, "found null: to give no geometry, leave it out"},
		{"boolean", `true`, "found a boolean"},
		{"Feature", `{"type": "Feature", "geometry": ` + borderPoint + `, "properties": {}}`, "a geometry is expected, not a Feature: pass its geometry member"},
		{"Feature without type", `{"geometry": ` + borderPoint + `}`, "not a Feature: pass its geometry member"},
		{"Feature in lower case", `{"type": "feature", "geometry": null}`, "not a Feature"},
		{"FeatureCollection", `{"type": "FeatureCollection", "features": []}`, "not a FeatureCollection"},
		{"Feature inside a collection", `{"type": "GeometryCollection", "geometries": [{"type": "Feature", "geometry": null}]}`, "geometries[0]: a geometry is expected, not a Feature"},

		// The type member.
		{"no type", `{"coordinates": [1, 2]}`, `the "type" member is missing; it should give the kind of geometry, one of Point, MultiPoint`},
		{"type in wrong case", `{"Type": "Point", "coordinates": [1, 2]}`, `the "type" member is missing (found "Type" instead: member names are case-sensitive)`},
		{"type not a string", `{"type": 1, "coordinates": [1, 2]}`, `type: expected a string such as "Polygon", found the number 1`},
		{"type null", `{"type": null, "coordinates": [1, 2]}`, `type: expected a string such as "Polygon", found null`},
		{"unknown type", `{"type": "Circle", "coordinates": [1, 2]}`, `type: unknown type "Circle": expected one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection`},
		{"type in lower case", `{"type": "polygon", "coordinates": []}`, `unknown type "polygon": did you mean "Polygon"? Type names are case-sensitive`},
		{"huge type is quoted short", `{"type": "` + strings.Repeat("x", 5000) + `"}`, `unknown type "` + strings.Repeat("x", maxShown) + `"…: expected`},
		{"duplicate type", `{"type": "Point", "type": "Polygon", "coordinates": [1, 2]}`, `member "type" appears more than once`},
		{"duplicate coordinates", `{"type": "Point", "coordinates": [1, 2], "coordinates": [3, 4]}`, `member "coordinates" appears more than once`},

		// Members that do not belong.
		{"properties on a geometry", `{"type": "Point", "coordinates": [1, 2], "properties": {}}`, `must not have a "properties" member (RFC 7946 §7.1)`},
		{"features on a geometry", `{"type": "Point", "coordinates": [1, 2], "features": []}`, `must not have a "features" member`},
		{"coordinates on a collection", `{"type": "GeometryCollection", "coordinates": [1, 2], "geometries": [` + borderPoint + `]}`, `a GeometryCollection must not have a "coordinates" member`},
		{"geometries on a Point", `{"type": "Point", "coordinates": [1, 2], "geometries": []}`, `a Point must not have a "geometries" member`},

		// Missing or mis-shaped coordinates.
		{"no coordinates", `{"type": "Point"}`, `the "coordinates" member is missing; it should give the positions of the Point`},
		{"Coordinates in wrong case", `{"type": "Point", "Coordinates": [1, 2]}`, `found "Coordinates" instead`},
		{"coordinates null", `{"type": "Point", "coordinates": null}`, "coordinates: expected a position [longitude, latitude], found null"},
		{"coordinates a string", `{"type": "Point", "coordinates": "69.5 37.2"}`, `coordinates: expected a position [longitude, latitude], found the string "69.5 37.2"`},
		{"Point position too short", `{"type": "Point", "coordinates": [69.5]}`, "coordinates: a position has 2 or 3 numbers (longitude, latitude and an optional altitude), found 1"},
		{"Point position too long", `{"type": "Point", "coordinates": [1, 2, 3, 4]}`, "coordinates: a position has 2 or 3 numbers"},
		{"position with a string", `{"type": "Point", "coordinates": ["69.5", 37.2]}`, `coordinates[0]: expected a number, found the string "69.5"`},
		{"position with null", `{"type": "Point", "coordinates": [69.5, null]}`, `coordinates[1]: expected a number, found null`},
		{"Point with extra nesting", `{"type": "Point", "coordinates": [[69.5, 37.2]]}`, "coordinates[0]: expected a number, found an array: is there an extra level of [ ]?"},
		{"MultiPoint missing a level", `{"type": "MultiPoint", "coordinates": [69.5, 37.2]}`, "coordinates[0]: expected a position [longitude, latitude], found the number 69.5: is a level of [ ] missing?"},
		{"MultiPoint not an array", `{"type": "MultiPoint", "coordinates": {"lon": 1}}`, "coordinates: expected an array of positions, found an object"},
		{"LineString with one position", `{"type": "LineString", "coordinates": [[69.5, 37.2]]}`, "coordinates: a LineString needs at least 2 positions, found 1"},
		{"LineString missing a level", `{"type": "LineString", "coordinates": [69.5, 37.2]}`, "coordinates[0]: expected a position [longitude, latitude], found the number 69.5: is a level of [ ] missing?"},
		{"MultiLineString with short line", `{"type": "MultiLineString", "coordinates": [` + lineAmu + `, [[1, 2]]]}`, "coordinates[1]: a LineString needs at least 2 positions, found 1"},
		{"MultiLineString given a LineString", `{"type": "MultiLineString", "coordinates": ` + lineAmu + `}`, "coordinates[0][0]: expected a position [longitude, latitude], found the number 67.0: is a level of [ ] missing?"},
		{"Polygon missing a level", `{"type": "Polygon", "coordinates": [[62, 35], [71, 35], [71, 38.5], [62, 35]]}`, "coordinates[0][0]: expected a position [longitude, latitude], found the number 62: is a level of [ ] missing?"},
		{"Polygon with extra level", `{"type": "Polygon", "coordinates": [[[[62, 35], [71, 35], [71, 38.5], [62, 35]]]]}`, "coordinates[0][0][0]: expected a number, found an array: is there an extra level of [ ]?"},
		{"unclosed ring", `{"type": "Polygon", "coordinates": [[[62, 35], [71, 35], [71, 38.5], [62, 38.5]]]}`, "coordinates[0]: the linear ring is not closed: its last position [62, 38.5] must repeat its first [62, 35]"},
		{"ring closed in 2D but not 3D", `{"type": "Polygon", "coordinates": [[[0, 0, 1], [1, 0], [1, 1], [0, 0]]]}`, "not closed: its last position [0, 0] must repeat its first [0, 0, 1]"},
		{"ring with three positions", `{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}`, "coordinates[0]: a linear ring needs at least 4 positions, the last repeating the first; found 3"},
		{"empty ring", `{"type": "Polygon", "coordinates": [[]]}`, "coordinates[0]: a linear ring needs at least 4 positions, the last repeating the first; found 0"},
		{"unclosed hole", `{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.1, 0.1], [0.2, 0.1], [0.2, 0.2], [0.1, 0.2]]]}`, "coordinates[1]: the linear ring is not closed"},
		{"MultiPolygon given a Polygon", `{"type": "MultiPolygon", "coordinates": [[[62, 35], [71, 35], [71, 38.5], [62, 35]]]}`, "coordinates[0][0][0]: expected a position [longitude, latitude], found the number 62: is a level of [ ] missing?"},
		{"MultiPolygon with empty polygon", `{"type": "MultiPolygon", "coordinates": [[]]}`, "coordinates[0]: a Polygon needs at least one linear ring, found none"},
		{"MultiPolygon bad ring deep inside", `{"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[0, 0], [1, 0], [1, 95], [0, 0]]]]}`, "coordinates[1][0][2]: latitude 95 is outside -90..90"},

		// Ranges.
		{"latitude out of range", `{"type": "Polygon", "coordinates": [[[62, 35], [71, 35], [71, 38.5], [62, 95], [62, 35]]]}`, "coordinates[0][3]: latitude 95 is outside -90..90"},
		{"swap hint on the first position", `{"type": "Polygon", "coordinates": [[[35, 95], [35, 96], [36, 96], [35, 95]]]}`, "coordinates[0][0]: latitude 95 is outside -90..90 (positions are [longitude, latitude]: are the two swapped?)"},
		{"longitude out of range", `{"type": "Point", "coordinates": [181, 0]}`, "coordinates: longitude 181 is outside -180..180"},
		{"negative longitude out of range", `{"type": "Point", "coordinates": [-180.0001, 0]}`, "longitude -180.0001 is outside -180..180"},
		{"latitude just out of range", `{"type": "Point", "coordinates": [0, -90.5]}`, "latitude -90.5 is outside -90..90"},
		{"swapped latitude and longitude", `{"type": "Point", "coordinates": [37.2, 95]}`, "coordinates: latitude 95 is outside -90..90 (positions are [longitude, latitude]: are the two swapped?)"},
		{"huge longitude", `{"type": "Point", "coordinates": [1e400, 0]}`, "coordinates: longitude 1e400 is outside -180..180"},
		{"huge negative latitude", `{"type": "Point", "coordinates": [0, -1e400]}`, "coordinates: latitude -1e400 is outside -90..90"},
		{"huge altitude", `{"type": "Point", "coordinates": [0, 0, 1e400]}`, "coordinates: altitude 1e400 is too large to be a finite number"},
		{"long number is quoted short", `{"type": "Point", "coordinates": [1` + strings.Repeat("0", 500) + `, 0]}`, "longitude 1" + strings.Repeat("0", maxShown-1) + "… is outside"},

		// Empty geometries (a deliberate choice; see emptyGeometry).
		{"empty Point", `{"type": "Point", "coordinates": []}`, "coordinates: the Point is empty: give at least one position, or leave the geometry out"},
		{"empty MultiPoint", `{"type": "MultiPoint", "coordinates": []}`, "the MultiPoint is empty"},
		{"empty LineString", `{"type": "LineString", "coordinates": []}`, "the LineString is empty"},
		{"empty MultiLineString", `{"type": "MultiLineString", "coordinates": []}`, "the MultiLineString is empty"},
		{"empty Polygon", `{"type": "Polygon", "coordinates": []}`, "the Polygon is empty"},
		{"empty MultiPolygon", `{"type": "MultiPolygon", "coordinates": []}`, "the MultiPolygon is empty"},
		{"empty GeometryCollection", `{"type": "GeometryCollection", "geometries": []}`, "geometries: the GeometryCollection is empty"},

		// Collections.
		{"collection without geometries", `{"type": "GeometryCollection"}`, `the "geometries" member is missing`},
		{"geometries not an array", `{"type": "GeometryCollection", "geometries": ` + borderPoint + `}`, "geometries: expected an array of geometry objects, found an object"},
		{"geometries null", `{"type": "GeometryCollection", "geometries": null}`, "geometries: expected an array of geometry objects, found null"},
		{"geometry in collection not an object", `{"type": "GeometryCollection", "geometries": [[1, 2]]}`, "geometries[0]: expected a geometry object, found an array"},
		{"bad geometry deep in collections", nestCollections(2, `{"type": "Point", "coordinates": [0, 91]}`), "geometries[0].geometries[0].coordinates: latitude 91 is outside -90..90"},
		{"collections nested too deep", nestCollections(MaxCollectionDepth+1, borderPoint), "GeometryCollections are nested more than 8 deep"},

		// Bounded work.
		{"depth bomb", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), "the JSON is nested more than 64 levels deep (at line 1, column 65)"},
		{"object depth bomb", strings.Repeat(`{"a":`, 100000) + strings.Repeat("}", 100000), "nested more than 64 levels deep"},
		{"unbalanced depth bomb", strings.Repeat("[", 1000), "nested more than 64 levels deep"},
		{"depth bomb in coordinates", `{"type": "Point", "coordinates": ` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`, "nested more than 64 levels deep"},
		{"deep but legal nesting in coordinates", `{"type": "Point", "coordinates": ` + strings.Repeat("[", 30) + strings.Repeat("]", 30) + `}`, "coordinates[0]: expected a number, found an array"},
		{"too big", `{"type": "Point", "coordinates": [1, 2], "pad": "` + strings.Repeat("x", MaxSize) + `"}`, "more than the limit of 1 MiB (1048576 bytes)"},

		// bbox.
		{"bbox not an array", `{"type": "Point", "bbox": "69 37 70 38", "coordinates": [69.5, 37.2]}`, `bbox: expected an array [west, south, east, north]`},
		{"bbox wrong length", `{"type": "Point", "bbox": [69, 37, 70], "coordinates": [69.5, 37.2]}`, "bbox: expected 4 or 6 numbers"},
		{"bbox with a string", `{"type": "Point", "bbox": [69, "37", 70, 38], "coordinates": [69.5, 37.2]}`, `bbox[1]: expected a number, found the string "37"`},
		{"bbox latitude out of range", `{"type": "Point", "bbox": [69, 37, 70, 98], "coordinates": [69.5, 37.2]}`, "bbox[3]: latitude 98 is outside -90..90"},
		{"bbox longitude out of range", `{"type": "Point", "bbox": [69, 37, 1e400, 38], "coordinates": [69.5, 37.2]}`, "bbox[2]: longitude 1e400 is outside -180..180"},
		{"bbox upside down", `{"type": "Point", "bbox": [69, 38, 70, 37], "coordinates": [69.5, 37.2]}`, "bbox: south 38 is north of north 37"},
		{"bbox altitudes upside down", `{"type": "Point", "bbox": [69, 37, 500, 70, 38, 0], "coordinates": [69.5, 37.2]}`, "bbox: lowest altitude 500 is above highest altitude 0"},
		{"bbox misses the geometry", `{"type": "Point", "bbox": [60, 30, 65, 35], "coordinates": [69.5, 37.2]}`, "bbox: it does not contain the geometry, whose latitudes run from 37.2 to 37.2"},
		{"bbox misses in longitude", `{"type": "Point", "bbox": [60, 30, 65, 40], "coordinates": [69.5, 37.2]}`, "bbox: it does not contain the geometry, whose longitudes run from 69.5 to 69.5"},
		{"nested bbox misses its geometry", `{"type": "GeometryCollection", "geometries": [{"type": "Point", "bbox": [0, 0, 1, 1], "coordinates": [69.5, 37.2]}]}`, "geometries[0].bbox: it does not contain the geometry"},
		{"collection bbox misses a member", `{"type": "GeometryCollection", "bbox": [69, 37, 70, 38], "geometries": [` + borderPoint + `, ` + northAfg + `]}`, "bbox: it does not contain the geometry, whose latitudes run from 35 to 38.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateGeometry([]byte(tt.in))
			if err == nil {
				t.Fatalf("ValidateGeometry(%.200s) = nil, want an error containing %q", tt.in, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ValidateGeometry(%.200s) =\n  %v\nwant it to contain\n  %s", tt.in, err, tt.want)
			}
			if len(err.Error()) > 400 {
				t.Errorf("message is %d bytes long; it should stay readable: %.400s", len(err.Error()), err)
			}
		})
	}
}

// The swap hint is only given when swapping would actually help.
func TestSwapHint(t *testing.T) {
	const hint = "are the two swapped?"
	err := ValidateGeometry([]byte(`{"type": "Point", "coordinates": [35.8, 101.5]}`))
	if err == nil || !strings.Contains(err.Error(), hint) {
		t.Errorf("swapped position: got %v, want the swap hint", err)
	}
	err = ValidateGeometry([]byte(`{"type": "Point", "coordinates": [120, 95]}`))
	if err == nil || strings.Contains(err.Error(), hint) {
		t.Errorf("longitude 120 cannot be a latitude: got %v, want no swap hint", err)
	}
	// Earlier positions passed, so the order is right and 95 is a typo.
	err = ValidateGeometry([]byte(`{"type": "LineString", "coordinates": [[62, 35], [62, 95]]}`))
	if err == nil || strings.Contains(err.Error(), hint) {
		t.Errorf("second position out of range: got %v, want no swap hint", err)
	}
}

func TestBounds(t *testing.T) {
	tests := []struct {
		name                           string
		in                             string
		minLon, minLat, maxLon, maxLat float64
	}{
		{"Point", borderPoint, 69.5, 37.2, 69.5, 37.2},
		{"Polygon", northAfg, 62, 35, 71, 38.5},
		{"LineString", `{"type": "LineString", "coordinates": ` + lineAmu + `}`, 67, 37.1, 69.5, 37.3},
		{"altitude ignored", `{"type": "MultiPoint", "coordinates": [[1, 2, -400], [3, -4, 9000]]}`, 1, -4, 3, 2},
		{"collection is the union", `{"type": "GeometryCollection", "geometries": [` + borderPoint + `, ` + northAfg + `, {"type": "Point", "coordinates": [75, 30]}]}`, 62, 30, 75, 38.5},
		{"nested collections", nestCollections(3, northAfg), 62, 35, 71, 38.5},
		{"bbox is not used", `{"type": "Point", "bbox": [-180, -90, 180, 90], "coordinates": [1, 2]}`, 1, 2, 1, 2},
		{"antimeridian gives a wide box", `{"type": "LineString", "coordinates": [[175, -15], [-175, -12]]}`, -175, -15, 175, -12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			minLon, minLat, maxLon, maxLat, err := Bounds([]byte(tt.in))
			if err != nil {
				t.Fatalf("Bounds: %v", err)
			}
			got := [4]float64{minLon, minLat, maxLon, maxLat}
			want := [4]float64{tt.minLon, tt.minLat, tt.maxLon, tt.maxLat}
			if got != want {
				t.Errorf("Bounds = %v, want %v", got, want)
			}
		})
	}

	_, _, _, _, err := Bounds([]byte(`{"type": "Point", "coordinates": [0, 91]}`))
	if err == nil || err.Error() != ValidateGeometry([]byte(`{"type": "Point", "coordinates": [0, 91]}`)).Error() {
		t.Errorf("Bounds on an invalid geometry: got %v, want the ValidateGeometry error", err)
	}
}

// A geometry just under MaxSize is accepted, and in reasonable time, which
// is what the limit promises.
func TestLargeGeometry(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"type": "MultiPoint", "coordinates": [`)
	for i := 0; b.Len() < MaxSize-100; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "[%d.25,%d.5]", i%359-179, i%179-89)
	}
	b.WriteString(`]}`)
	if b.Len() > MaxSize {
		t.Fatalf("test input is %d bytes, over MaxSize", b.Len())
	}
	if err := ValidateGeometry([]byte(b.String())); err != nil {
		t.Fatalf("large MultiPoint: %v", err)
	}
}

// isGeometryObject is the fuzz oracle: it decides independently, with plain
// encoding/json, whether raw is an object whose type is a geometry type.
func isGeometryObject(raw []byte) (string, bool) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return "", false
	}
	var typ string
	if err := json.Unmarshal(obj["type"], &typ); err != nil {
		return "", false
	}
	for _, g := range geometryTypes {
		if typ == g {
			return typ, true
		}
	}
	return typ, false
}

func FuzzValidateGeometry(f *testing.F) {
	for _, s := range []string{
		borderPoint,
		northAfg,
		`{"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]], "bbox": [0, 0, 1, 1]}`,
		`{"type": "GeometryCollection", "geometries": [` + borderPoint + `, {"type": "LineString", "coordinates": ` + lineAmu + `}]}`,
		`{"type": "MultiLineString", "coordinates": [[[1, 2], [3, 4]]]}`,
		`{"type": "MultiPoint", "coordinates": [[1, 2, 3]], "x": {"y": [null]}}`,
		`{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}`,
		`{"type": "Point", "coordinates": [0, 95]}`,
		`{"type": "Point", "coordinates": [1e400, 0]}`,
		`{"type": "Feature", "geometry": null, "properties": {}}`,
		`{"type": "Point", "type": "Point", "coordinates": [1, 2]}`,
		nestCollections(MaxCollectionDepth+1, borderPoint),
		strings.Repeat("[", 100),
		`[1, 2]`,
		`null`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		err := ValidateGeometry(raw)
		minLon, minLat, maxLon, maxLat, berr := Bounds(raw)
		if (err == nil) != (berr == nil) {
			t.Fatalf("ValidateGeometry says %v but Bounds says %v", err, berr)
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if typ, ok := isGeometryObject(raw); !ok {
			t.Fatalf("accepted %q, which is not an object with a geometry type (type %q)", raw, typ)
		}
		if !(-180 <= minLon && minLon <= maxLon && maxLon <= 180 && -90 <= minLat && minLat <= maxLat && maxLat <= 90) {
			t.Fatalf("accepted %q with impossible bounds %v %v %v %v", raw, minLon, minLat, maxLon, maxLat)
		}
	})
}

// The committed seed corpus doubles as fixtures: seeds named valid_* must be
// accepted and invalid_* refused, so a seed cannot silently stop testing the
// side it was written for.
func TestSeedCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzValidateGeometry")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, e := range entries {
		name := e.Name()
		valid := strings.HasPrefix(name, "valid_")
		if !valid && !strings.HasPrefix(name, "invalid_") {
			continue // e.g. a crasher kept as a regression seed; the fuzz target runs it
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		header, body, ok := strings.Cut(strings.TrimSpace(string(data)), "\n")
		lit, ok2 := strings.CutPrefix(body, "[]byte(")
		lit, ok3 := strings.CutSuffix(lit, ")")
		if !ok || !ok2 || !ok3 || header != "go test fuzz v1" {
			t.Fatalf("%s: not a one-value []byte corpus file", name)
		}
		raw, err := strconv.Unquote(lit)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		err = ValidateGeometry([]byte(raw))
		if valid && err != nil {
			t.Errorf("%s: refused: %v", name, err)
		}
		if !valid && err == nil {
			t.Errorf("%s: accepted", name)
		}
		checked++
	}
	if checked < 6 {
		t.Errorf("only %d named seeds in %s, want at least 6", checked, dir)
	}
}
