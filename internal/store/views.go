package store

import (
	"context"
	"encoding/json"

	"secretariat"
)

// View returns what the record knows about one record: for most kinds the record
// itself; for some, the record with what belongs to it (an item's positions and
// decision, a task's reports). Each kind's view is built in the file of its aggregate.
func (s *Store) View(ctx context.Context, v secretariat.Viewer, kind, id string) (any, error) {
	switch kind {
	case "item":
		return s.ItemView(ctx, v, id)
	case "decision":
		return s.DecisionView(ctx, v, id)
	case "draft":
		return s.DraftView(ctx, v, id)
	case "task":
		return s.TaskView(ctx, v, id, secretariat.DateOf(s.clock()))
	case "chairmanship":
		return s.ChairmanshipView(ctx, v, id)
	case "operation":
		return s.OperationView(ctx, v, id)
	case "threat":
		return s.ThreatView(ctx, v, id, Period{})
	}
	doc, err := s.Get(ctx, v, kind, id)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(doc), nil
}
