package secretariat

import (
	"encoding/json"
	"slices"

	"secretariat/internal/geojson"
)

// ThreatLevels gives each level of a threat assessment its defined meaning.
var ThreatLevels = map[int]Text{
	1: T("низкий: угроза не проявляется в государствах-членах", "low: no sign of the threat in the member states"),
	2: T("умеренный: отдельные проявления, обычных мер достаточно", "moderate: isolated signs; ordinary measures suffice"),
	3: T("значительный: устойчивые проявления, нужны согласованные меры", "substantial: persistent signs; coordinated measures needed"),
	4: T("высокий: угроза затрагивает несколько государств-членов, нужны совместные операции", "high: several member states affected; joint operations needed"),
	5: T("критический: прямая угроза безопасности государств-членов", "critical: a direct threat to the member states' security"),
}

// Trend is the direction of a threat between assessments.
type Trend string

// Trends.
const (
	Rising  Trend = "rising"
	Stable  Trend = "stable"
	Falling Trend = "falling"
)

// ThreatAssessment is one dated assessment of a threat.
type ThreatAssessment struct {
	Date      Date     `json:"date"`
	Level     int      `json:"level"`
	Trend     Trend    `json:"trend,omitempty"`
	Areas     []string `json:"areas,omitempty" ref:"area"`
	Narrative Text     `json:"narrative,omitzero"`
	// Body is the body that made the assessment.
	Body    string   `json:"body,omitempty" ref:"body"`
	Sources []string `json:"sources,omitempty" ref:"source"`
	// Illustrative marks an assessment that no source gives.
	Illustrative bool `json:"illustrative,omitempty"`
}

// Threat is an entry of the threat register.
type Threat struct {
	ID          string             `json:"id"`
	Category    string             `json:"category"`
	Name        Text               `json:"name"`
	Description Text               `json:"description,omitzero"`
	Assessments []ThreatAssessment `json:"assessments,omitempty"`
	// Decisions, Tasks and Operations answer the threat.
	Decisions  []string `json:"decisions,omitempty" ref:"decision"`
	Tasks      []string `json:"tasks,omitempty" ref:"task"`
	Operations []string `json:"operations,omitempty" ref:"operation"`
	Access
	Provenance
}

// ThreatCategories are the register's categories.
var ThreatCategories = []string{"military_political", "space", "information", "terrorism", "extremism",
	"migration", "drugs", "crime", "border"}

// LatestAssessment returns the latest assessment on or before d, if any.
func (t *Threat) LatestAssessment(d Date) (ThreatAssessment, bool) {
	var best ThreatAssessment
	found := false
	for _, a := range t.Assessments {
		if !a.Date.After(d) && (!found || !a.Date.Before(best.Date)) {
			best, found = a, true
		}
	}
	return best, found
}

// Answered reports whether a decision or an operation answers the threat.
func (t *Threat) Answered() bool { return len(t.Decisions) > 0 || len(t.Operations) > 0 }

// Validate checks the threat and its assessments.
func (t *Threat) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", t.ID, true)
	if !slices.Contains(ThreatCategories, t.Category) {
		f.addf("category", "%q is not a category: use one of %v", t.Category, ThreatCategories)
	}
	t.Name.validate(f, "name", true)
	t.Description.validate(f, "description", false)
	for i, a := range t.Assessments {
		fi := fieldIndex("assessments", i)
		if a.Date.IsZero() {
			f.add(fi+".date", "is required")
		}
		if a.Level < 1 || a.Level > 5 {
			f.add(fi+".level", "is from 1 (low) to 5 (critical)")
		}
		if a.Trend != "" && a.Trend != Rising && a.Trend != Stable && a.Trend != Falling {
			f.addf(fi+".trend", "%q is not a trend: use rising, stable or falling", a.Trend)
		}
		checkRefs(f, fi+".areas", a.Areas)
		a.Narrative.validate(f, fi+".narrative", false)
		checkID(f, fi+".body", a.Body, false)
		checkRefs(f, fi+".sources", a.Sources)
		if len(a.Sources) == 0 && !a.Illustrative {
			f.add(fi+".sources", "an assessment names its sources, or is marked illustrative")
		}
	}
	checkRefs(f, "decisions", t.Decisions)
	checkRefs(f, "tasks", t.Tasks)
	checkRefs(f, "operations", t.Operations)
	t.Access.validate(f)
	t.Provenance.validate(f)
	return f.err("threat " + t.ID)
}

// Area is a place threats are assessed in: a state by its ISO 3166 code, or a named
// sub-area with an optional GeoJSON point or polygon.
type Area struct {
	ID   string `json:"id"`
	Name Text   `json:"name"`
	// ISO is the ISO 3166-1 alpha-2 code of a state.
	ISO string `json:"iso,omitempty"`
	// Within is the area that contains this one, such as a state for a region.
	Within   []string        `json:"within,omitempty" ref:"area"`
	Geometry json.RawMessage `json:"geometry,omitempty"`
	Provenance
}

// Validate checks the area and its geometry.
func (a *Area) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", a.ID, true)
	a.Name.validate(f, "name", true)
	if a.ISO != "" && !isoAlpha2.MatchString(a.ISO) {
		f.addf("iso", "%q is not an ISO 3166-1 alpha-2 code", a.ISO)
	}
	checkRefs(f, "within", a.Within)
	if len(a.Geometry) > 0 {
		if err := geojson.ValidateGeometry(a.Geometry); err != nil {
			f.add("geometry", err.Error())
		}
	}
	a.Provenance.validate(f)
	return f.err("area " + a.ID)
}
