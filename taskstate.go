package secretariat

// TaskState is where a task stands on a day, as a reader is told: its status, with the
// open tasks split into those on time and those overdue. It is derived, never stored.
type TaskState string

// Task states. They are disjoint: every task is in exactly one on any day.
const (
	StateFulfilled  TaskState = "fulfilled"
	StateReported   TaskState = "reported"
	StateInProgress TaskState = "in_progress"
	StateOverdue    TaskState = "overdue"
	StateCancelled  TaskState = "cancelled"
	StateSuperseded TaskState = "superseded"
)

// TaskStates lists the states in the order a review states them.
var TaskStates = []TaskState{StateFulfilled, StateReported, StateInProgress, StateOverdue, StateCancelled, StateSuperseded}

// StateOn returns where the task stands on day d.
func (t *Task) StateOn(d Date) TaskState {
	switch t.Status {
	case TaskFulfilled:
		return StateFulfilled
	case TaskReported:
		return StateReported
	case TaskCancelled:
		return StateCancelled
	case TaskSuperseded:
		return StateSuperseded
	}
	if t.OverdueOn(d) {
		return StateOverdue
	}
	return StateInProgress
}
