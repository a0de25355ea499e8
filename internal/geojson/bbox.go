package geojson

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// checkBBox checks a "bbox" member (RFC 7946 §5) against the extent of the
// geometry it belongs to. A bbox that does not hold its geometry would frame
// a map on the wrong place, so it is refused rather than ignored.
func checkBBox(raw json.RawMessage, path string, ext orb.Bound) error {
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
	if ext.IsEmpty() {
		return nil
	}
	if ext.Min.Lat() < s || ext.Max.Lat() > n {
		return fail(path, "it does not contain the geometry, whose latitudes run from %s to %s", fmtNum(ext.Min.Lat()), fmtNum(ext.Max.Lat()))
	}
	// A west edge east of the east edge means the box crosses the
	// antimeridian (RFC 7946 §5.2). Min/max extents cannot be tested
	// against such a box, so only latitudes are checked for it.
	if w <= e && (ext.Min.Lon() < w || ext.Max.Lon() > e) {
		return fail(path, "it does not contain the geometry, whose longitudes run from %s to %s", fmtNum(ext.Min.Lon()), fmtNum(ext.Max.Lon()))
	}
	return nil
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
