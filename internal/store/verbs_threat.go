package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"secretariat"
)

// RegisterArea adds an area threats are assessed in.
func (s *Store) RegisterArea(ctx context.Context, a secretariat.Area) (Entry, error) {
	return s.create(ctx, "RegisterArea", &a)
}

// RegisterThreat adds a threat to the register.
func (s *Store) RegisterThreat(ctx context.Context, t secretariat.Threat) (Entry, error) {
	return s.create(ctx, "RegisterThreat", &t)
}

// AssessThreat adds a dated assessment to a threat.
func (s *Store) AssessThreat(ctx context.Context, threatID string, a secretariat.ThreatAssessment) (Entry, error) {
	return s.run(ctx, "AssessThreat", func(tx *Tx) error {
		var t secretariat.Threat
		if err := tx.Get("threat", threatID, &t); err != nil {
			return err
		}
		if slices.ContainsFunc(t.Assessments, func(x secretariat.ThreatAssessment) bool { return x.Date == a.Date && x.Body == a.Body }) {
			return secretariat.Errorf(secretariat.ECONFLICT, "threat %s already has an assessment by %s on %s", threatID, a.Body, a.Date)
		}
		t.Assessments = append(t.Assessments, a)
		slices.SortStableFunc(t.Assessments, func(x, y secretariat.ThreatAssessment) int { return x.Date.Compare(y.Date) })
		return tx.Put(&t)
	})
}

// LinkThreat records that a decision, task or operation answers a threat.
func (s *Store) LinkThreat(ctx context.Context, threatID, kind, id string) (Entry, error) {
	return s.run(ctx, "LinkThreat", func(tx *Tx) error {
		var t secretariat.Threat
		if err := tx.Get("threat", threatID, &t); err != nil {
			return err
		}
		var list *[]string
		switch kind {
		case "decision":
			list = &t.Decisions
		case "task":
			list = &t.Tasks
		case "operation":
			list = &t.Operations
		default:
			return secretariat.Errorf(secretariat.EINVALID, "a threat is answered by a decision, a task or an operation, not a %s", kind)
		}
		if slices.Contains(*list, id) {
			return secretariat.Errorf(secretariat.ECONFLICT, "%s %s already answers threat %s", kind, id, threatID)
		}
		*list = append(*list, id)
		return tx.Put(&t)
	})
}

// RegisterOperation adds a joint operation with its metrics and stages.
func (s *Store) RegisterOperation(ctx context.Context, o secretariat.Operation) (Entry, error) {
	return s.create(ctx, "RegisterOperation", &o)
}

// AddStage adds a stage to an operation.
func (s *Store) AddStage(ctx context.Context, operationID string, st secretariat.Stage) (Entry, error) {
	return s.run(ctx, "AddStage", func(tx *Tx) error {
		var o secretariat.Operation
		if err := tx.Get("operation", operationID, &o); err != nil {
			return err
		}
		o.Stages = append(o.Stages, st)
		return tx.Put(&o)
	})
}

// ReportFigure records one aggregate result of an operation, of several operations, or
// of the whole programme of operations. A figure of one operation reports a metric the
// operation defines, in its unit, and a stage must be one of its stages; a wider figure
// names its metric itself. A figure with which the totals of its coverage and metric
// could pass secretariat.MaxFigureValue is refused (secretariat.CheckFigureTotal): here,
// so that the API, the forms, the importers and the demo all meet the same bound, and no
// write can leave a record whose totals cannot be read.
func (s *Store) ReportFigure(ctx context.Context, f secretariat.ResultFigure) (Entry, error) {
	return s.run(ctx, "ReportFigure", func(tx *Tx) error {
		if f.ScopeOf() != secretariat.ScopeOperation {
			if err := checkFigureTotal(tx, f, nil); err != nil {
				return err
			}
			return tx.Insert(&f)
		}
		var o secretariat.Operation
		if err := tx.Get("operation", f.Operation, &o); err != nil {
			return err
		}
		m, ok := o.Metric(f.Metric)
		if !ok {
			keys := make([]string, len(o.Metrics))
			for i, m := range o.Metrics {
				keys[i] = m.Key
			}
			return &secretariat.Error{Code: secretariat.EINVALID, Message: "operation " + o.ID + " does not report " + f.Metric,
				Fields: map[string]string{"metric": "use one of: " + strings.Join(keys, ", ")}}
		}
		if f.Unit == "" {
			f.Unit = m.Unit
		}
		if f.Unit != m.Unit {
			return &secretariat.Error{Code: secretariat.EINVALID, Message: "the unit does not match the metric",
				Fields: map[string]string{"unit": o.ID + " reports " + m.Key + " in " + m.Unit}}
		}
		if f.Stage != "" {
			if _, ok := o.Stage(f.Stage); !ok {
				return &secretariat.Error{Code: secretariat.EINVALID, Message: "no such stage",
					Fields: map[string]string{"stage": "operation " + o.ID + " has no stage " + f.Stage}}
			}
		}
		if err := checkFigureTotal(tx, f, &o); err != nil {
			return err
		}
		return tx.Insert(&f)
	})
}

// checkFigureTotal reads, inside the verb's transaction, the figures recorded with f's
// coverage and metric, whoever may see them, and refuses f if their totals could pass
// secretariat.MaxFigureValue with it. The transaction holds the one writer (SQLite) or
// the journal's lock (PostgreSQL), so no figure can slip in between the check and the
// insert.
func checkFigureTotal(tx *Tx, f secretariat.ResultFigure, op *secretariat.Operation) error {
	q, arg := `SELECT doc FROM figure WHERE operation = ? AND metric = ?`, f.Operation
	if f.ScopeOf() != secretariat.ScopeOperation {
		q, arg = `SELECT doc FROM figure WHERE scope = ? AND metric = ?`, string(f.ScopeOf())
	}
	rows, err := tx.Query(q, arg, f.Metric)
	if err != nil {
		return err
	}
	defer rows.Close()
	var recorded []secretariat.ResultFigure
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return classify(err, "reading the figures of "+f.Coverage())
		}
		var g secretariat.ResultFigure
		if err := decodeDoc("figure", "of "+f.Coverage(), doc, &g); err != nil {
			return err
		}
		recorded = append(recorded, g)
	}
	if err := rows.Err(); err != nil {
		return classify(err, "reading the figures of "+f.Coverage())
	}
	if err := secretariat.CheckFigureTotal(f, recorded); err != nil {
		return err
	}
	// The totals must still be computable with f, as every reader's page computes them:
	// an "at least" added to an "at most" has no total, and a figure that made it so would
	// break the operation's page for whoever sees both.
	sources := map[string]secretariat.Source{}
	all := append(recorded, f)
	for _, g := range all {
		if _, ok := sources[g.Source]; ok || g.Source == "" {
			continue
		}
		var src secretariat.Source
		if err := tx.Get("source", g.Source, &src); err != nil {
			if secretariat.ErrorCode(err) == secretariat.ENOTFOUND {
				continue // the figure's own check of its source says so, with its field
			}
			return err
		}
		sources[g.Source] = src
	}
	var err2 error
	if op != nil {
		_, err2 = secretariat.AggregateFigures(op, all, sources)
	} else {
		_, err2 = secretariat.AggregateWider(all, sources)
	}
	if err2 != nil {
		return &secretariat.Error{Code: secretariat.EINVALID,
			Message: fmt.Sprintf("figure %s is refused and nothing was written: with it, the totals of %s on %s cannot be computed: %s",
				f.ID, f.Coverage(), f.Metric, secretariat.ErrorMessage(err2)),
			Fields: map[string]string{"qualifier": "must agree with the figures of " + f.Coverage() + " on " + f.Metric + " already recorded, or they cannot be added"}}
	}
	return nil
}
