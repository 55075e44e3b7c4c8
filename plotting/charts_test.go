package plotting

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// mustPanicShape runs f and checks it panics with a *ShapeError whose
// message contains want.
func mustPanicShape(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		var se *ShapeError
		err, _ := r.(error)
		if !errors.As(err, &se) || !strings.Contains(se.Error(), want) {
			t.Errorf("panic %v, want *ShapeError containing %q", r, want)
		}
	}()
	f()
}

func TestLineAndScatterStructure(t *testing.T) {
	t.Parallel()
	p := Line(Axes{Title: "Loss", X: "step", Y: "nats"},
		Series{Name: "train", Y: []float64{3, 2, 1}},
		Series{Name: "val", X: []float64{0, 2}, Y: []float64{3.5, 1.5}})
	if p.X.Min != 0 || p.X.Max != 2 || p.Y.Min != 1 || p.Y.Max != 3.5 {
		t.Errorf("range x [%v %v] y [%v %v]", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
	if m := hasAll(drawnText(p), "Loss", "step", "nats", "train", "val"); m != nil {
		t.Errorf("line plot lacks %q", m)
	}
	s := Scatter(Axes{Title: "Embeddings"}, Series{Name: "a", X: []float64{-1, 1}, Y: []float64{0, 4}})
	if s.X.Min != -1 || s.Y.Max != 4 {
		t.Errorf("scatter range x [%v %v] y [%v %v]", s.X.Min, s.X.Max, s.Y.Min, s.Y.Max)
	}
	if m := hasAll(drawnText(s), "Embeddings", "a"); m != nil {
		t.Errorf("scatter lacks %q", m)
	}
	mustPanicShape(t, "Line: series \"bad\": len(X) 1 != len(Y) 2", func() {
		Line(Axes{}, Series{Name: "bad", X: []float64{1}, Y: []float64{1, 2}})
	})
}

func TestLineLogYSkipsNonPositive(t *testing.T) {
	t.Parallel()
	p := Line(Axes{LogY: true}, Series{Y: []float64{0, 100, 1, -5}})
	if p.Y.Min != 1 || p.Y.Max != 100 || p.X.Min != 1 {
		t.Errorf("range x [%v %v] y [%v %v]", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
}

func TestHistogram(t *testing.T) {
	t.Parallel()
	p := Histogram(Axes{Title: "grad"}, []float64{1, 2, 2, 3, math.NaN(), math.Inf(1)}, 3)
	if got := p.X.Label.Text; got != "n 4, mean 2, std 0.707, 2 NaN/Inf" {
		t.Errorf("x label %q", got)
	}
	if p.Y.Max != 2 || p.X.Min != 1 || p.X.Max != 3 {
		t.Errorf("range x [%v %v], tallest bin %v, want [1 3] and 2", p.X.Min, p.X.Max, p.Y.Max)
	}
	if Histogram(Axes{}, nil, 0) == nil {
		t.Error("no plot for no values")
	}
}

func TestHeatmapRowsTopDownWithLabels(t *testing.T) {
	t.Parallel()
	h := Heatmap(Axes{Title: "attention"}, [][]float64{{1, 0, 0}, {0.5, 0.5, 0}}, []string{"a", "b", "c"}, []string{"q0", "q1"})
	if h.Rows != 2 || h.Cols != 3 {
		t.Fatalf("dims %dx%d", h.Rows, h.Cols)
	}
	// Row 0 is drawn at the top: its tick sits at y = 1.
	for _, tk := range h.Plot.Y.Tick.Marker.Ticks(0, 1) {
		if tk.Label == "q0" && tk.Value != 1 {
			t.Errorf("q0 at y=%v, want the top row 1", tk.Value)
		}
	}
	if (grid{h.Z}).Z(0, 1) != 1 {
		t.Error("grid does not flip rows")
	}
	if m := hasAll(drawnText(h), "attention", "a", "b", "c", "q0", "q1"); m != nil {
		t.Errorf("heatmap lacks %q", m)
	}
	mustPanicShape(t, "row 1 has 1 values", func() { Heatmap(Axes{}, [][]float64{{1, 2}, {3}}, nil, nil) })
	mustPanicShape(t, "1 x labels for 2 columns", func() { Heatmap(Axes{}, [][]float64{{1, 2}}, []string{"x"}, nil) })
}

func TestConfusionMatrixAnnotatesCounts(t *testing.T) {
	t.Parallel()
	h := ConfusionMatrix([][]int{{50, 2}, {7, 41}}, []string{"cat", "dog"})
	text := drawnText(h)
	if m := hasAll(text, "50", "2", "7", "41", "cat", "dog", "predicted", "true"); m != nil {
		t.Errorf("confusion matrix lacks %q; drew %q", m, text)
	}
}

func TestImageGrid(t *testing.T) {
	t.Parallel()
	// Two 2x2 grey images; batch range [0, 4] maps to [0, 255].
	g := ImageGrid([]float64{0, 1, 2, 3, 4, 4, 4, 4}, []int{2, 2, 2}, GridOptions{Labels: []string{"zero", "four"}, Scale: 3})
	if g.N != 2 || g.Rows != 1 || g.Cols != 2 || len(g.Tiles) != 2 {
		t.Fatalf("grid %+v", g)
	}
	if b := g.Tiles[0].Bounds(); b.Dx() != 6 || b.Dy() != 6 {
		t.Errorf("tile %v, want 6x6 at scale 3", b)
	}
	if px := g.Tiles[0].NRGBAAt(5, 5); px.R != 191 { // pixel (1,1) = 3 -> 3/4*255
		t.Errorf("pixel %v, want 191", px)
	}
	if px := g.Tiles[1].NRGBAAt(0, 0); px.R != 255 {
		t.Errorf("pixel %v, want 255", px)
	}
	if m := hasAll(drawnText(g), "zero", "four"); m != nil {
		t.Errorf("grid lacks %q", m)
	}
	rgb := ImageGrid(make([]float64, 5*3*4*4), []int{5, 3, 4, 4}, GridOptions{})
	if rgb.Rows != 2 || rgb.Cols != 3 || rgb.C != 3 {
		t.Errorf("5 RGB images laid out %dx%d", rgb.Rows, rgb.Cols)
	}
	mustPanicShape(t, "2 channels", func() { ImageGrid(make([]float64, 8), []int{1, 2, 2, 2}, GridOptions{}) })
	mustPanicShape(t, "needs 8 values, got 7", func() { ImageGrid(make([]float64, 7), []int{2, 2, 2}, GridOptions{}) })
	mustPanicShape(t, "1 labels for 2 images", func() {
		ImageGrid(make([]float64, 8), []int{2, 2, 2}, GridOptions{Labels: []string{"x"}})
	})
}

func TestGraphLayout(t *testing.T) {
	t.Parallel()
	g := sampleGraph()
	l := g.Layout()
	// x, weight | MatMul, bias | Add | Tanh, weight | MatMul, bias | Add | CE
	wantLayers := [][]int{{0, 1}, {2, 3}, {4}, {5, 6}, {7, 8}, {9}, {10}}
	if len(l.Layers) != len(wantLayers) {
		t.Fatalf("layers %v, want %v", l.Layers, wantLayers)
	}
	for i := range wantLayers {
		if !slices.Equal(l.Layers[i], wantLayers[i]) {
			t.Errorf("layer %d = %v, want %v", i, l.Layers[i], wantLayers[i])
		}
	}
	if l.Width() != 2 {
		t.Errorf("width %d", l.Width())
	}
	fig := DrawGraph(g, "tape", false)
	text := drawnText(fig)
	if m := hasAll(text, "tape", "MatMul", "[32 200]", "weight", "|grad| 0.41", "CrossEntropy", "[]"); m != nil {
		t.Errorf("graph lacks %q", m)
	}
	w, h := fig.Size()
	wv, hv := DrawGraph(g, "tape", true).Size()
	if !(w > h && hv > wv) {
		t.Errorf("horizontal %vx%v and vertical %vx%v layouts", w, h, wv, hv)
	}
	mustPanicShape(t, "not an earlier node", func() {
		Graph{Nodes: []GraphNode{{Label: "a", Inputs: []int{0}}}}.Layout()
	})
}

func TestNiceTicks(t *testing.T) {
	t.Parallel()
	var labels []string
	for _, tk := range (niceTicks{}).Ticks(0, 299) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if want := []string{"0", "50", "100", "150", "200", "250"}; !slices.Equal(labels, want) {
		t.Errorf("labels %q, want %q", labels, want)
	}
	labels = nil
	for _, tk := range (niceTicks{}).Ticks(0.1, 0.35) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if want := []string{"0.10", "0.15", "0.20", "0.25", "0.30", "0.35"}; !slices.Equal(labels, want) {
		t.Errorf("labels %q, want %q", labels, want)
	}
}

func TestPanelsLayout(t *testing.T) {
	t.Parallel()
	p := NewPanels(2, Line(Axes{Title: "a"}), Line(Axes{Title: "b"}), Line(Axes{Title: "c"}))
	if p.Rows != 2 || p.Cols != 2 {
		t.Errorf("3 panels in %dx%d", p.Rows, p.Cols)
	}
	if m := hasAll(drawnText(p), "a", "b", "c"); m != nil {
		t.Errorf("panels lack %q", m)
	}
	if q := NewPanels(3, Line(Axes{})); q.Cols != 1 {
		t.Errorf("one panel in %d columns", q.Cols)
	}
}
