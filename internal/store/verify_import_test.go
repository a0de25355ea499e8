package store_test

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"

	"secretariat"
	"secretariat/internal/exchange"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
)

// verify raises no false alarm while a real import writes: a roll-call import of 120
// roll calls (one transaction, as `secretariat import` runs it) on one connection, and
// verify again and again on another, every run of which must pass; then verify sees
// the whole import and passes too.
func TestVerifyDuringARollCallImportRaisesNoFalseAlarm(t *testing.T) {
	ctx := context.Background()
	st := testrecord.Empty(t)
	var csv bytes.Buffer
	csv.WriteString("vote_id,date,body,title,state_code,state_name,vote\n")
	states := []string{"AA", "BB", "CC", "DD", "EE", "FF", "GG", "HH", "II", "JJ"}
	votes := []string{"yes", "no", "abstain", "yes", "absent"}
	for rc := 1; rc <= 120; rc++ {
		date := fmt.Sprintf("19%02d-%02d-%02d", 50+rc/12, 1+rc%12, 1+rc%28)
		for i, s := range states {
			fmt.Fprintf(&csv, "%d,%s,UNGA,Resolution %d,%s,State %s,%s\n", rc, date, rc, s, s, votes[(rc+i)%len(votes)])
		}
	}
	reader, err := store.Open(ctx, st.Path(), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	done := make(chan struct{})
	var wg sync.WaitGroup
	var sum exchange.ImportSummary
	var importErr error
	wg.Go(func() {
		defer close(done)
		sum, importErr = exchange.ImportRollCalls(ctx, st, &csv, exchange.ImportOptions{Name: "generated.csv"})
	})
	during := 0
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
			r, err := reader.Verify(ctx, nil)
			if err != nil || !r.OK {
				t.Fatalf("verify during the import: %+v %v", r, err)
			}
			during++
		}
	}
	wg.Wait()
	if importErr != nil || sum.RollCalls != 120 {
		t.Fatalf("the import: %+v %v", sum, importErr)
	}
	if during == 0 {
		t.Fatal("no verify ran while the import wrote")
	}
	r, err := reader.Verify(ctx, nil)
	if err != nil || !r.OK || r.Entries < 120 {
		t.Fatalf("verify after the import: %+v %v", r, err)
	}
	items, total, err := store.FindAll[secretariat.AgendaItem](ctx, reader, secretariat.Secretariat, store.Filter{Limit: 1})
	if err != nil || total != 120 || len(items) != 1 {
		t.Fatalf("%d items after the import (%v)", total, err)
	}
	t.Logf("%d verify runs passed while the import wrote", during)
}
