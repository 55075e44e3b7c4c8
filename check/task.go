package check

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// Task is one graded exercise: all of Points when Test makes no failing
// assertion and does not panic, none otherwise.
type Task struct {
	Name   string // short ID for the marker line, e.g. "linear_forward"
	Title  string // what the student reads, e.g. "Linear: forward"
	Points int
	Test   func(t *T)
}

// Result is the outcome of running one Task.
type Result struct {
	Task    Task
	Passed  bool
	Reasons []string // why it failed, one line each
	Notes   []string // what the test logged with T.Logf
}

// Score is the points the result earns.
func (r Result) Score() int {
	if r.Passed {
		return r.Task.Points
	}
	return 0
}

// fatal is the panic value of T.Fatalf: it stops a test without counting
// as a crash.
type fatal struct{}

// Evaluate runs the task's test, recovering any panic, and returns its
// result without printing anything.
func Evaluate(task Task) (res Result) {
	res.Task = task
	t := &T{}
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(fatal); !ok {
				t.Errorf("%s", describePanic(v, panicSite()))
			}
		}
		res.Reasons, res.Notes = t.reasons, t.notes
		res.Passed = len(t.reasons) == 0
	}()
	if task.Test == nil {
		t.Errorf("task %q has no test", task.Name)
		return res
	}
	task.Test(t)
	return res
}

// Run evaluates the task and prints its verdict, the reasons for a
// failure and the marker line to standard output. It returns the points
// earned.
func Run(task Task) int { return RunTo(os.Stdout, task) }

// RunTo is Run writing to w.
func RunTo(w io.Writer, task Task) int {
	res := Evaluate(task)
	verdict := "PASS"
	if !res.Passed {
		verdict = "FAIL"
	}
	fmt.Fprintf(w, "%s  %s  (%d/%d points)\n", verdict, res.Task.label(), res.Score(), task.Points)
	for _, r := range res.Reasons {
		fmt.Fprintf(w, "      - %s\n", r)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "      %s\n", n)
	}
	fmt.Fprintf(w, "CHECK %s %d == %d +- 0\n", markerName(task.Name), res.Score(), task.Points)
	return res.Score()
}

func (task Task) label() string {
	if task.Title == "" {
		return task.Name
	}
	return task.Title
}

// markerName makes a name usable in a CHECK line (no spaces).
func markerName(s string) string {
	s = strings.Join(strings.Fields(s), "_")
	if s == "" {
		return "unnamed"
	}
	return s
}
