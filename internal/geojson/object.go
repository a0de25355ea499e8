package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

type member struct {
	name  string
	value json.RawMessage
}

// geometry checks one geometry object at path and returns it decoded; depth
// counts the GeometryCollections that enclose it.
func (c *checker) geometry(raw []byte, path string, depth int) (orb.Geometry, error) {
	raw = trimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, notObject(path, raw)
	}
	typ, byName, err := geometryMembers(raw, path)
	if err != nil {
		return nil, err
	}
	var g orb.Geometry
	if typ == "GeometryCollection" {
		if depth >= MaxCollectionDepth {
			return nil, fail(path, "GeometryCollections are nested more than %d deep; flatten them (RFC 7946 §3.1.8 discourages nesting)", MaxCollectionDepth)
		}
		g, err = c.collection(byName["geometries"], join(path, "geometries"), depth)
	} else {
		g, err = c.simple(typ, raw, byName["coordinates"], join(path, "coordinates"))
	}
	if err != nil {
		return nil, err
	}
	if bbox, ok := byName["bbox"]; ok {
		if err := checkBBox(bbox, join(path, "bbox"), g.Bound()); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// geometryMembers checks the members of a geometry object: a known type, the
// members that type needs, and none that only other kinds of object have. It
// returns the type and the members by name.
func geometryMembers(raw []byte, path string) (string, map[string]json.RawMessage, error) {
	members, err := readObject(raw)
	if err != nil {
		return "", nil, fail(path, "%v", err)
	}
	// Duplicate names are refused because JSON parsers disagree on which
	// one wins: what is checked here could differ from what is drawn later.
	byName := make(map[string]json.RawMessage, len(members))
	for _, m := range members {
		if _, dup := byName[m.name]; dup {
			return "", nil, fail(path, "member %s appears more than once; give it once", quote(m.name))
		}
		byName[m.name] = m.value
	}
	typ, err := geometryType(path, byName, members)
	if err != nil {
		return "", nil, err
	}
	// RFC 7946 §7.1: these members define Features and FeatureCollections
	// and must not appear on a geometry, so their presence means the input
	// is something else dressed up as a geometry.
	for _, name := range []string{"geometry", "properties", "features"} {
		if _, ok := byName[name]; ok {
			return "", nil, fail(path, "a geometry must not have a %q member (RFC 7946 §7.1); that belongs on a Feature", name)
		}
	}
	if typ == "GeometryCollection" {
		if _, ok := byName["coordinates"]; ok {
			return "", nil, fail(path, "a GeometryCollection must not have a \"coordinates\" member; put coordinates in the geometries it contains")
		}
		if _, ok := byName["geometries"]; !ok {
			return "", nil, missing(path, "geometries", members, "an array of the geometries in the collection")
		}
		return typ, byName, nil
	}
	// "geometries" only makes sense on a collection (RFC 7946 §7.1); on
	// anything else it is a mistake, not a foreign member.
	if _, ok := byName["geometries"]; ok {
		return "", nil, fail(path, "a %s must not have a \"geometries\" member; only a GeometryCollection has one", typ)
	}
	if _, ok := byName["coordinates"]; !ok {
		return "", nil, missing(path, "coordinates", members, "the positions of the "+typ)
	}
	return typ, byName, nil
}

// geometryType reads and checks the "type" member.
func geometryType(path string, byName map[string]json.RawMessage, members []member) (string, error) {
	typRaw, ok := byName["type"]
	if !ok {
		if _, ok := byName["geometry"]; ok {
			return "", fail(path, "a geometry is expected, not a Feature: pass its geometry member")
		}
		return "", missing(path, "type", members, "the kind of geometry, one of "+strings.Join(geometryTypes, ", "))
	}
	// Unmarshal would turn null into "", so insist on a string literal.
	var typ string
	if t := trimSpace(typRaw); len(t) == 0 || t[0] != '"' || json.Unmarshal(t, &typ) != nil {
		return "", fail(join(path, "type"), "expected a string such as \"Polygon\", found %s", describeRaw(typRaw))
	}
	// Feature types are matched regardless of case: whatever the spelling,
	// the fix is the same.
	switch {
	case strings.EqualFold(typ, "Feature"):
		return "", fail(path, "a geometry is expected, not a Feature: pass its geometry member")
	case strings.EqualFold(typ, "FeatureCollection"):
		return "", fail(path, "a geometry is expected, not a FeatureCollection: pass the geometry member of one of its features")
	}
	for _, t := range geometryTypes {
		if typ == t {
			return typ, nil
		}
	}
	for _, t := range geometryTypes {
		if strings.EqualFold(typ, t) {
			return "", fail(join(path, "type"), "unknown type %s: did you mean %q? Type names are case-sensitive", quote(typ), t)
		}
	}
	return "", fail(join(path, "type"), "unknown type %s: expected one of %s", quote(typ), strings.Join(geometryTypes, ", "))
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
