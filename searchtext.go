package secretariat

// Searchable is a record the full-text search covers: decisions, agenda items, drafts,
// tasks, implementation reports, threats, operations and publications.
type Searchable interface {
	Record
	SearchText() SearchText
}

// SearchText is what a record says, for the search index, and what the search's filters
// read of it.
type SearchText struct {
	// Title is what the record is called; a match in it ranks above a match in Texts.
	Title Text
	// Texts are the record's other words, each in its languages.
	Texts []Text
	// Body is the body the record belongs to, for the body filter.
	Body string
	// Year is the year the record is of.
	Year int
	// Status is the record's state in its workflow (a task's status, an item's result).
	Status string
	// States are the member states the record names, for the state filter.
	States []string
}

// translated returns an authentic Russian text with its English translation.
func translated(text string, ts []Translation) Text {
	out := Text{RU: text, Authentic: RU}
	for _, t := range ts {
		if t.Lang == EN {
			out.EN = t.Text
		}
	}
	return out
}

// SearchText implements Searchable.
func (d *Decision) SearchText() SearchText {
	var states []string
	for _, s := range d.Signatures {
		states = append(states, s.State)
	}
	return SearchText{Title: d.Title, Texts: []Text{translated(d.Text, d.Translations), d.PublicSummary},
		Body: d.Body, Year: d.Year, Status: string(d.Kind), States: append(states, d.Parties...)}
}

// SearchText implements Searchable.
func (it *AgendaItem) SearchText() SearchText {
	st := SearchText{Title: it.Title, Body: it.Body, Year: it.Date.Year(), States: it.Parties}
	if it.Outcome != nil {
		st.Status = string(it.Outcome.Result)
		st.Texts = append(st.Texts, it.Outcome.Note)
	}
	return st
}

// SearchText implements Searchable.
func (d *Draft) SearchText() SearchText {
	st := SearchText{Title: d.Title, Body: d.Body, States: d.Parties}
	for _, v := range d.Versions {
		st.Texts = append(st.Texts, translated(v.Text, v.Translations), v.Note)
		if y := v.Date.Year(); y > st.Year {
			st.Year = y
		}
	}
	return st
}

// SearchText implements Searchable.
func (t *Task) SearchText() SearchText {
	return SearchText{Title: t.Text, Texts: []Text{t.Cycle}, Body: t.Responsible.Body, Year: t.SetOn.Year(), Status: string(t.Status),
		States: append(append([]string{}, t.Responsible.States...), t.Parties...)}
}

// SearchText implements Searchable.
func (r *ImplementationReport) SearchText() SearchText {
	var states []string
	if isoAlpha2.MatchString(r.SpeaksFor) {
		states = []string{r.SpeaksFor}
	}
	return SearchText{Title: r.Text, Year: r.Date.Year(), States: append(states, r.Parties...)}
}

// SearchText implements Searchable.
func (t *Threat) SearchText() SearchText {
	st := SearchText{Title: t.Name, Texts: []Text{t.Description}, Status: t.Category, States: t.Parties}
	for _, a := range t.Assessments {
		st.Texts = append(st.Texts, a.Narrative)
		if y := a.Date.Year(); y > st.Year {
			st.Year = y
		}
	}
	return st
}

// SearchText implements Searchable.
func (o *Operation) SearchText() SearchText {
	st := SearchText{Title: o.CodeName, Texts: []Text{o.Purpose, o.MandateNote}, Year: o.Since.Year(), States: o.Parties}
	for _, s := range o.Stages {
		st.Texts = append(st.Texts, s.Name)
		st.States = append(st.States, s.Participants...)
		if y := s.From.Year(); y > st.Year {
			st.Year = y
		}
	}
	return st
}

// SearchText implements Searchable.
func (p *Publication) SearchText() SearchText {
	st := SearchText{Title: p.Title, Texts: []Text{p.Lead, p.Note}, Year: p.Date.Year(), Status: p.Section, States: p.Parties}
	for _, part := range p.Parts {
		st.Texts = append(st.Texts, part.Heading, part.Body)
	}
	return st
}
