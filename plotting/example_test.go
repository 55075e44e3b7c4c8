package plotting_test

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/gendl/gendl/plotting"
)

// A training loop feeds a tracker; the notebook sees one output area:
// display_data once, then update_display_data under the same ID.
func ExampleTracker() {
	rec := &plotting.Recorder{} // in a notebook: leave Display unset
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tr := plotting.NewTracker(plotting.TrackerOptions{
		Display:   rec,
		Smoothing: 0.9,
		Now:       func() time.Time { return clock },
	})
	for step := 0; step < 30; step++ {
		tr.Add(step, "train/loss", 2*math.Exp(-float64(step)/10))
		if step%10 == 9 {
			tr.Add(step, "val/loss", 2.2*math.Exp(-float64(step)/10))
		}
		clock = clock.Add(500 * time.Millisecond) // a half-second step
	}
	tr.Close() // the final frame, which the saved notebook keeps
	types := rec.Types()
	fmt.Println(types[0])
	fmt.Println(len(types)-1, "x", types[len(types)-1])
	fmt.Println(tr.Figure().Plots[0].Title.Text)
	// Output:
	// display_data image/png,text/plain
	// 14 x update_display_data image/png,text/plain
	// loss (train 0.11, val 0.1211)
}

func ExampleProgress() {
	var out strings.Builder
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// Outside a notebook, Progress prints a line every TerminalEvery; in
	// one it updates a single HTML bar in place.
	term := plotting.NewProgress(50, plotting.ProgressOptions{
		Label: "epoch 1", Writer: &out, TerminalEvery: 2 * time.Second,
		Now: func() time.Time { return clock },
	})
	for step := 0; step < 50; step++ {
		clock = clock.Add(100 * time.Millisecond)
		term.Add(step, "loss", 1/float64(step+1))
	}
	term.Done()
	fmt.Print(out.String())
	// Output:
	// epoch 1  1/50    2%  10 it/s  ETA 0:05  loss 1
	// epoch 1  21/50   42%  10 it/s  ETA 0:03  loss 0.04762
	// epoch 1  41/50   82%  10 it/s  ETA 0:01  loss 0.02439
	// epoch 1  50/50  100%  10 it/s  took 0:05  loss 0.02
}

func ExampleLine() {
	p := plotting.Line(plotting.Axes{Title: "Learning rate", X: "step", Y: "lr"},
		plotting.Series{Name: "cosine", Y: []float64{1, 0.85, 0.5, 0.15, 0}})
	fmt.Println(p.Title.Text, "|", p.X.Label.Text, p.X.Min, p.X.Max, "|", p.Y.Label.Text, p.Y.Min, p.Y.Max)
	// Output:
	// Learning rate | step 0 4 | lr 0 1
}

func ExampleConfusionMatrix() {
	h := plotting.ConfusionMatrix([][]int{{50, 2}, {7, 41}}, []string{"cat", "dog"})
	fmt.Println(h.Plot.Title.Text, h.Rows, h.Cols)
	for _, tk := range h.Plot.Y.Tick.Marker.Ticks(0, 1) {
		fmt.Printf("row %q drawn at y=%v\n", tk.Label, tk.Value)
	}
	// Output:
	// Confusion matrix 2 2
	// row "cat" drawn at y=1
	// row "dog" drawn at y=0
}

func ExampleImageGrid() {
	// Four 2x2 grey images, 2 per row, each pixel shown as 16x16.
	data := []float64{0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 0}
	g := plotting.ImageGrid(data, []int{4, 2, 2}, plotting.GridOptions{Cols: 2, Scale: 16,
		Labels: []string{"a", "b", "c", "d"}})
	fmt.Println(g.Rows, "x", g.Cols, "tiles of", g.Tiles[0].Bounds().Dx(), "px")
	// Output:
	// 2 x 2 tiles of 32 px
}

func ExampleGraph_Layout() {
	// loss = Sum(MatMul(x, w)): leaves sit just before their first use.
	g := plotting.Graph{Nodes: []plotting.GraphNode{
		{Label: "x", Shape: []int{4, 3}, Leaf: true},
		{Label: "weight", Shape: []int{3, 2}, Leaf: true, Param: true},
		{Label: "MatMul", Shape: []int{4, 2}, Inputs: []int{0, 1}},
		{Label: "Sum", Inputs: []int{2}},
	}}
	for i, layer := range g.Layout().Layers {
		var names []string
		for _, n := range layer {
			names = append(names, strings.Join(g.Nodes[n].Lines(), " "))
		}
		fmt.Println(i, strings.Join(names, " | "))
	}
	// Output:
	// 0 x [4 3] | weight [3 2]
	// 1 MatMul [4 2]
	// 2 Sum []
}

func ExampleShow() {
	// Outside a notebook Show draws nothing unless asked to save.
	p := plotting.Line(plotting.Axes{Title: "nothing shown"}, plotting.Series{Y: []float64{1, 2}})
	err := plotting.Show(p, plotting.To(nil))
	fmt.Println(err)
	// Output:
	// <nil>
}
