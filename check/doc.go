// Package check grades homework notebooks: friendly assertions about a
// student's tensors, modules and numbers, each reported as one PASS or
// FAIL line that says which check it was and why it failed (a shape, a
// value, a gradient, a panic), without printing the expected answer.
//
// # Tasks, points and the score sheet
//
// A homework is a list of Tasks. Each has a Name (a short ID such as
// "linear_forward"), a Title the student reads, its Points and a Test
// function that makes assertions on a *T:
//
//	var taskSigmoid = check.Task{Name: "sigmoid", Title: "Sigmoid forward", Points: 2,
//		Test: func(t *check.T) {
//			x := dl.FromFloat64([]float64{-1, 0, 2}, 3)
//			t.Close("Sigmoid(x)", MySigmoid(x), dl.Sigmoid(x), 1e-9)
//		}}
//
// A check cell calls Run(taskSigmoid), which prints the verdict, the
// reasons for a failure, and a marker line for the notebook runner
// (kernel/python/run_notebooks.py):
//
//	CHECK sigmoid 2 == 2 +- 0
//
// A task scores all of its points or none: a half-right gradient is wrong.
//
// Under GoNB every cell is a fresh process, so nothing can be tallied in
// memory from one cell to the next. Tasks are declarations, and
// declarations survive; the last cell of a homework calls Summary with all
// of them, which runs them again quietly (they are seeded, so they give
// the same verdicts), prints the score sheet and the marker
//
//	CHECK <sheet>_score <points> == <total> +- 0
//
// that CI reads: the solutions notebook must score full points, the blank
// one fails this check cleanly.
//
// # Unfinished work and panics
//
// The blank notebook's TODOs are written panic(check.TODO()). Run recovers
// every panic inside a test: a TODO is reported as "not implemented yet"
// with the function's name, a shape error from dl or any other panic as a
// failure that quotes its first line and the student's function it came
// from. So a blank homework runs to the end and scores zero instead of
// stopping at the first cell.
//
// # Assertions
//
// T's assertions return whether they held, so a test can stop early
// (if !t.Shape(...) { return }) or carry on collecting reasons. Shape
// compares shapes; Close compares values within an absolute-or-relative
// tolerance and reports how many elements are off, where the first one is
// and by how much; Gradients runs a central-difference gradient check
// (dl/gradcheck, float64, a fixed seed) of a function of tensors and
// names the tensor and element whose gradient is wrong; Recorded checks
// that an output came from the student's own op on the tape, so calling
// the library's op instead does not pass a "write the backward" task.
package check
