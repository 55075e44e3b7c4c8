package plotting

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestSamples writes a PNG of every figure kind to $GENDL_PLOT_SAMPLES
// (skipped when unset), for a person to look at: fonts, clipping, colors
// are judged by eye, not by tests.
func TestSamples(t *testing.T) {
	dir := os.Getenv("GENDL_PLOT_SAMPLES")
	if dir == "" {
		t.Skip("set GENDL_PLOT_SAMPLES to a directory to write sample figures")
	}
	r := rand.New(rand.NewPCG(1, 2))
	save := func(name string, f Figure) {
		t.Helper()
		if err := Save(f, filepath.Join(dir, name+".png"), 0, 0); err != nil {
			t.Fatal(err)
		}
	}
	for name, f := range sampleFigures(r) {
		save(name, f)
	}
}

// sampleFigures builds one of each figure kind from synthetic data.
func sampleFigures(r *rand.Rand) map[string]Figure {
	figs := map[string]Figure{}

	x := make([]float64, 100)
	sin, cos := make([]float64, 100), make([]float64, 100)
	for i := range x {
		x[i] = float64(i) / 10
		sin[i], cos[i] = math.Sin(x[i]), math.Cos(x[i])
	}
	figs["line"] = Line(Axes{Title: "Activations", X: "x", Y: "f(x)"},
		Series{Name: "sin", X: x, Y: sin}, Series{Name: "cos", X: x, Y: cos})

	var classes []Series
	for k := 0; k < 3; k++ {
		s := Series{Name: fmt.Sprintf("class %d", k)}
		for i := 0; i < 80; i++ {
			s.X = append(s.X, r.NormFloat64()+2*math.Cos(2*math.Pi*float64(k)/3))
			s.Y = append(s.Y, r.NormFloat64()+2*math.Sin(2*math.Pi*float64(k)/3))
		}
		classes = append(classes, s)
	}
	figs["scatter"] = Scatter(Axes{Title: "Embeddings", X: "dim 0", Y: "dim 1"}, classes...)

	w := make([]float64, 5000)
	for i := range w {
		w[i] = r.NormFloat64() * 0.05
	}
	figs["histogram"] = Histogram(Axes{Title: "layer 1 weight"}, w, 0)

	tokens := []string{"The", "cat", "sat", "on", "the", "mat", "."}
	att := make([][]float64, len(tokens))
	for i := range att {
		att[i] = make([]float64, len(tokens))
		sum := 0.0
		for j := 0; j <= i; j++ {
			att[i][j] = math.Exp(r.NormFloat64())
			sum += att[i][j]
		}
		for j := 0; j <= i; j++ {
			att[i][j] /= sum
		}
	}
	figs["heatmap"] = Heatmap(Axes{Title: "Attention, head 0", X: "key", Y: "query"}, att, tokens, tokens)

	names := []string{"T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"}
	cm := make([][]int, 10)
	for i := range cm {
		cm[i] = make([]int, 10)
		for j := range cm[i] {
			cm[i][j] = r.IntN(15)
		}
		cm[i][i] = 800 + r.IntN(150)
	}
	figs["confusion"] = ConfusionMatrix(cm, names)

	const n, hw = 64, 28
	img := make([]float64, n*hw*hw)
	labels := make([]string, n)
	for k := 0; k < n; k++ {
		cx, cy, rad := 14+4*r.NormFloat64(), 14+4*r.NormFloat64(), 5+3*r.Float64()
		for y := 0; y < hw; y++ {
			for x := 0; x < hw; x++ {
				d := math.Hypot(float64(x)-cx, float64(y)-cy)
				img[k*hw*hw+y*hw+x] = math.Exp(-(d - rad) * (d - rad) / 4)
			}
		}
		labels[k] = names[k%10]
	}
	figs["imagegrid"] = ImageGrid(img, []int{n, hw, hw}, GridOptions{Title: "Samples, epoch 3", Labels: labels})

	rgb := make([]float64, 16*3*32*32)
	for i := range rgb {
		rgb[i] = r.Float64()*0.3 + float64((i/32)%32)/40
	}
	figs["imagegrid_rgb"] = ImageGrid(rgb, []int{16, 3, 32, 32}, GridOptions{Cols: 8})

	tr := NewTracker(TrackerOptions{Smoothing: 0.9, StepsPerEpoch: 100, Display: Discard{}})
	for step := 0; step < 500; step++ {
		loss := 2.5*math.Exp(-float64(step)/150) + 0.3 + 0.3*r.NormFloat64()
		tr.Add(step, "train/loss", loss)
		tr.Add(step, "train/acc", 1-loss/3+0.05*r.NormFloat64())
		if step%100 == 99 {
			tr.Add(step, "val/loss", 2.5*math.Exp(-float64(step)/150)+0.45)
			tr.Add(step, "val/acc", 1-(2.5*math.Exp(-float64(step)/150)+0.45)/3)
		}
	}
	figs["tracker"] = tr.Figure()
	trLog := NewTracker(TrackerOptions{Smoothing: 0.8, LogY: true, Display: Discard{}})
	for step := 0; step < 300; step++ {
		trLog.Add(step, "loss", 3*math.Exp(-float64(step)/40)*(1+0.2*r.NormFloat64())+0.01)
	}
	figs["tracker_logy"] = trLog.Figure()

	var runs []Run
	for k, lr := range []float64{1e-3, 3e-3, 1e-2} {
		run := Run{Name: fmt.Sprintf("lr=%g", lr)}
		for step := 0; step < 200; step++ {
			l := 2*math.Exp(-float64(step)*lr*3) + 0.2 + 0.05*r.NormFloat64()
			run.Points = append(run.Points, Point{Step: step, Name: "train/loss", Value: l},
				Point{Step: step, Name: "train/acc", Value: 1 - l/2.2 + float64(k)*0.01})
		}
		runs = append(runs, run)
	}
	figs["runs"] = PlotRuns(runs, RunsOptions{Smoothing: 0.6})
	figs["graph"] = DrawGraph(sampleGraph(), "Tape of an MLP loss", false)
	figs["graph_vertical"] = DrawGraph(sampleGraph(), "", true)
	loss, _ := mlpLoss(r)
	loss.Backward()
	figs["tape"] = DrawTape(loss, "dl.Tape(loss) after Backward")
	return figs
}

// sampleGraph is the tape of tanh(x W1 + b1) W2 + b2 -> cross entropy.
func sampleGraph() Graph {
	return Graph{Nodes: []GraphNode{
		{Label: "x", Shape: []int{32, 30}, Leaf: true},                                                   // 0
		{Label: "weight", Shape: []int{30, 200}, Leaf: true, Param: true, HasGrad: true, GradNorm: 0.41}, // 1
		{Label: "MatMul", Shape: []int{32, 200}, Inputs: []int{0, 1}},                                    // 2
		{Label: "bias", Shape: []int{200}, Leaf: true, Param: true, HasGrad: true, GradNorm: 0.05},       // 3
		{Label: "Add", Shape: []int{32, 200}, Inputs: []int{2, 3}},                                       // 4
		{Label: "Tanh", Shape: []int{32, 200}, Inputs: []int{4}},                                         // 5
		{Label: "weight", Shape: []int{200, 27}, Leaf: true, Param: true, HasGrad: true, GradNorm: 1.2},  // 6
		{Label: "MatMul", Shape: []int{32, 27}, Inputs: []int{5, 6}},                                     // 7
		{Label: "bias", Shape: []int{27}, Leaf: true, Param: true},                                       // 8
		{Label: "Add", Shape: []int{32, 27}, Inputs: []int{7, 8}},                                        // 9
		{Label: "CrossEntropy", Shape: []int{}, Inputs: []int{9}},                                        // 10
	}}
}
