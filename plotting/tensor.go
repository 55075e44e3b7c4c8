package plotting

import (
	"gonum.org/v1/plot"

	"github.com/gendl/gendl/dl"
)

// This file adapts dl tensors and tapes to the figures above, which take
// plain slices: dl knows nothing of plotting, plotting reads dl.

// TapeGraph turns recorded nodes (from dl.Tape, in execution order) into
// a Graph: one op node per dl.Node, labelled with its op (and its
// output's name, if it has one), and one leaf per distinct tensor the ops
// read that no listed node produced (parameters and data), labelled with
// the tensor's Name. Leaves that hold a gradient (after Backward) carry
// its L2 norm, as do op outputs that kept one.
func TapeGraph(nodes []*dl.Node) Graph {
	var g Graph
	index := map[*dl.Tensor]int{} // tensor -> its graph node
	add := func(n GraphNode, t *dl.Tensor) int {
		if gr := t.Grad(); gr != nil {
			n.HasGrad, n.GradNorm = true, gradNorm(gr.Floats())
		}
		g.Nodes = append(g.Nodes, n)
		index[t] = len(g.Nodes) - 1
		return len(g.Nodes) - 1
	}
	for _, nd := range nodes {
		var inputs []int
		for _, in := range nd.Inputs {
			if in == nil {
				continue
			}
			i, ok := index[in]
			if !ok {
				i = add(GraphNode{Label: in.Name(), Shape: in.Shape(), Leaf: true,
					Param: in.RequiresGrad()}, in)
			}
			inputs = append(inputs, i)
		}
		label := nd.Op
		if name := nd.Output.Name(); name != "" {
			label += " " + name
		}
		add(GraphNode{Label: label, Shape: nd.Output.Shape(), Inputs: inputs}, nd.Output)
	}
	return g
}

// DrawTape draws the tape that produced loss (dl.Tape(loss)), left to
// right. After loss.Backward() the parameters' boxes show gradient norms.
func DrawTape(loss *dl.Tensor, title string) *GraphFigure {
	return DrawGraph(TapeGraph(dl.Tape(loss)), title, false)
}

// ImageGridOf lays out a batch tensor of shape [N, H, W] or [N, C, H, W]
// (C = 1 or 3) as ImageGrid does.
func ImageGridOf(t *dl.Tensor, opt GridOptions) *ImageGridFigure {
	return ImageGrid(t.Floats(), t.Shape(), opt)
}

// HistogramOf plots the distribution of t's values (weights, or
// t.Grad() for gradients) as Histogram does.
func HistogramOf(a Axes, t *dl.Tensor, bins int) *plot.Plot {
	return Histogram(a, t.Floats(), bins)
}

// HeatmapOf draws a 2-D tensor [rows, cols] (one head's attention
// weights, a confusion matrix of counts) as Heatmap does. It panics with
// *ShapeError for other ranks.
func HeatmapOf(a Axes, t *dl.Tensor, xLabels, yLabels []string) *HeatmapFigure {
	if t.Rank() != 2 {
		shapePanic("HeatmapOf", "shape %v: want [rows, cols]", t.Shape())
	}
	rows, cols := t.Dim(0), t.Dim(1)
	v := t.Floats()
	z := make([][]float64, rows)
	for r := range z {
		z[r] = v[r*cols : (r+1)*cols]
	}
	return Heatmap(a, z, xLabels, yLabels)
}

// LineOf plots a 1-D tensor against its index (a learning-rate schedule,
// per-position losses) as a single named series.
func LineOf(a Axes, name string, t *dl.Tensor) *plot.Plot {
	if t.Rank() != 1 {
		shapePanic("LineOf", "shape %v: want [n]", t.Shape())
	}
	return Line(a, Series{Name: name, Y: t.Floats()})
}
