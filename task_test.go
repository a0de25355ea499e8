package secretariat

import (
	"math"
	"slices"
	"testing"
)

// Every pair of statuses: the workflow allows exactly these moves and refuses the rest.
func TestTaskWorkflowEveryTransition(t *testing.T) {
	allowed := map[[2]TaskStatus]bool{
		{TaskAssigned, TaskInProgress}: true, {TaskAssigned, TaskReported}: true, {TaskAssigned, TaskCancelled}: true, {TaskAssigned, TaskSuperseded}: true,
		{TaskInProgress, TaskReported}: true, {TaskInProgress, TaskCancelled}: true, {TaskInProgress, TaskSuperseded}: true,
		{TaskReported, TaskFulfilled}: true, {TaskReported, TaskInProgress}: true, {TaskReported, TaskCancelled}: true, {TaskReported, TaskSuperseded}: true,
	}
	n := 0
	for _, from := range TaskStatuses {
		for _, to := range TaskStatuses {
			task := &Task{ID: "t", Status: from}
			err := MoveTask(task, to)
			if allowed[[2]TaskStatus{from, to}] {
				n++
				if err != nil || task.Status != to {
					t.Errorf("%s → %s refused: %v", from, to, err)
				}
				continue
			}
			if ErrorCode(err) != ECONFLICT || task.Status != from {
				t.Errorf("%s → %s allowed (err %v)", from, to, err)
			}
		}
	}
	if n != len(allowed) {
		t.Fatalf("%d allowed moves checked, %d listed", n, len(allowed))
	}
	if err := MoveTask(&Task{Status: TaskAssigned}, "done"); ErrorCode(err) != EINVALID {
		t.Fatalf("an unknown status: %v", err)
	}
	for _, s := range []TaskStatus{TaskFulfilled, TaskCancelled, TaskSuperseded} {
		if !s.Final() || s.Open() {
			t.Errorf("%s should be final", s)
		}
	}
}

func TestOverdueIsDerivedFromTheDueDateAndTheStatus(t *testing.T) {
	due := d("2019-11-28")
	cases := []struct {
		status TaskStatus
		due    Date
		on     string
		want   bool
	}{
		{TaskAssigned, due, "2019-11-27", false},
		{TaskAssigned, due, "2019-11-28", false}, // due that day, not yet late
		{TaskAssigned, due, "2019-11-29", true},
		{TaskInProgress, due, "2020-01-01", true},
		{TaskReported, due, "2020-01-01", false}, // reported: the responsible party has done its part
		{TaskFulfilled, due, "2020-01-01", false},
		{TaskCancelled, due, "2020-01-01", false},
		{TaskSuperseded, due, "2020-01-01", false},
		{TaskAssigned, Date{}, "2030-01-01", false}, // a reporting cycle, no due date
	}
	for _, c := range cases {
		task := &Task{Status: c.status, Due: c.due}
		if got := task.OverdueOn(d(c.on)); got != c.want {
			t.Errorf("%s due %s on %s: overdue=%v, want %v", c.status, c.due, c.on, got, c.want)
		}
	}
}

func TestRollUpArithmetic(t *testing.T) {
	tasks := []Task{
		{ID: "a", Status: TaskFulfilled, Progress: 40}, // fulfilled counts 100, whatever was reported
		{ID: "b", Status: TaskInProgress, Progress: 50},
		{ID: "c", Status: TaskAssigned, Progress: 0},
		{ID: "d", Status: TaskCancelled, Progress: 90},  // does not count
		{ID: "e", Status: TaskSuperseded, Progress: 10}, // does not count
	}
	r := RollUp(tasks)
	if r.Tasks != 5 || r.Counted != 3 || math.Abs(r.Progress-50) > 1e-9 || r.Fulfilled {
		t.Fatalf("unweighted: %+v", r)
	}
	tasks[0].Weight, tasks[1].Weight, tasks[2].Weight = 2, 1, 1
	r = RollUp(tasks)
	if want := (2*100.0 + 50 + 0) / 4; math.Abs(r.Progress-want) > 1e-9 {
		t.Fatalf("weighted: %v, want %v", r.Progress, want)
	}
	done := RollUp([]Task{{Status: TaskFulfilled}, {Status: TaskFulfilled, Weight: 3}, {Status: TaskCancelled}})
	if !done.Fulfilled || done.Progress != 100 {
		t.Fatalf("all fulfilled: %+v", done)
	}
	if none := RollUp(nil); none.Fulfilled || none.Progress != 0 || none.Counted != 0 {
		t.Fatalf("no tasks: %+v", none)
	}
	if a := AssessPriority(Priority{N: 1}, nil); a.Assessment != "no_tasks" {
		t.Fatalf("a priority with no tasks: %+v", a)
	}
	if a := AssessPriority(Priority{N: 1}, []Task{{Status: TaskInProgress, Progress: 30}}); a.Assessment != "partly_fulfilled" {
		t.Fatalf("partly: %+v", a)
	}
	if a := AssessPriority(Priority{N: 1}, []Task{{Status: TaskFulfilled}}); a.Assessment != "fulfilled" {
		t.Fatalf("fulfilled: %+v", a)
	}
}

func TestResponsibleParties(t *testing.T) {
	all := Responsible{Kind: ResponsibleAllStates}
	if !all.Includes("KG") || !all.Includes("all_states") || all.Includes("secretariat") || all.Includes("cssc") {
		t.Fatal("all states")
	}
	some := Responsible{Kind: ResponsibleStates, States: []string{"TJ", "RU"}}
	if !some.Includes("TJ") || some.Includes("KG") {
		t.Fatal("named states")
	}
}

func TestTaskStatesAreDisjointAndCoverEveryStatus(t *testing.T) {
	day := MustDate("2020-01-01")
	for _, status := range TaskStatuses {
		for _, due := range []Date{{}, MustDate("2019-12-31"), MustDate("2020-01-01"), MustDate("2020-06-01")} {
			task := &Task{Status: status, Due: due}
			st := task.StateOn(day)
			if !slices.Contains(TaskStates, st) {
				t.Fatalf("%s due %s: state %q", status, due, st)
			}
			if (st == StateOverdue) != task.OverdueOn(day) {
				t.Errorf("%s due %s: state %s, overdue %v", status, due, st, task.OverdueOn(day))
			}
		}
	}
}
