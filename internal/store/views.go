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
	if build, ok := viewBuilders[kind]; ok {
		return build(ctx, s, v, id)
	}
	doc, err := s.Get(ctx, v, kind, id)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(doc), nil
}

// viewBuilders holds the kinds with richer views.
var viewBuilders = map[string]func(ctx context.Context, s *Store, v secretariat.Viewer, id string) (any, error){}
