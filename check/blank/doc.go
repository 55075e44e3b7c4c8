// Package blank derives a homework's blank notebook from its solutions
// notebook, so the two cannot drift apart: the solutions notebook is the
// one that is edited, and the blank is generated from it.
//
// In the solutions, each piece of code a student writes sits between two
// marker lines:
//
//	// BEGIN SOLUTION: loop over rows and columns
//	...the answer...
//	// END SOLUTION
//
// In the blank, the region becomes a TODO with the same indentation that
// carries the hint after "BEGIN SOLUTION:", and a panic that the check
// package recognises and reports as "not implemented yet":
//
//	// TODO: loop over rows and columns
//	panic(check.TODO())
//
// In markdown cells a region (<!-- BEGIN SOLUTION --> ... <!-- END
// SOLUTION -->) is removed. Outputs and execution counts are cleared, and
// the notebook metadata's "gendl" entry is replaced by the solutions'
// "blank" entry (the runner's expected outcome for the blank: it must fail
// its checks).
//
// The command check/cmd/blank applies Notebook to every notebook in
// notebooks/homework/solutions and writes the blanks beside them, leaving a
// blank whose cells and metadata are already up to date (Same) untouched so
// its saved outputs survive; TestHomeworkInSync fails when a committed
// blank is stale.
package blank
