package check

import (
	"fmt"
	"io"
	"os"
)

// Summary runs every task again, quietly, and prints the score sheet:
// one line per task with its verdict and points, the total, and the marker
// line "CHECK <sheet>_score <points> == <total> +- 0" for the notebook
// runner. It returns the points earned and the total.
//
// Tasks are re-run rather than remembered because each notebook cell is a
// fresh process; their tests are seeded, so the verdicts are the same as
// in the cells above.
func Summary(sheet string, tasks ...Task) (score, total int) {
	return SummaryTo(os.Stdout, sheet, tasks...)
}

// SummaryTo is Summary writing to w.
func SummaryTo(w io.Writer, sheet string, tasks ...Task) (score, total int) {
	width := 0
	for _, task := range tasks {
		width = max(width, len([]rune(task.label())))
	}
	fmt.Fprintf(w, "Score sheet: %s\n", sheet)
	for _, task := range tasks {
		res := Evaluate(task)
		verdict := "PASS"
		if !res.Passed {
			verdict = "FAIL"
		}
		fmt.Fprintf(w, "  %s  %-*s  %d/%d\n", verdict, width, task.label(), res.Score(), task.Points)
		score += res.Score()
		total += task.Points
	}
	fmt.Fprintf(w, "Total: %d/%d points\n", score, total)
	if score == total {
		fmt.Fprintln(w, "All checks pass. Well done!")
	}
	fmt.Fprintf(w, "CHECK %s_score %d == %d +- 0\n", markerName(sheet), score, total)
	return score, total
}
