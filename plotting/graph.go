package plotting

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Graph is a computation graph to draw, independent of dl: Nodes in the
// order they were recorded, each naming its inputs by index into Nodes
// (always earlier nodes). TapeGraph builds one from dl.Tape.
type Graph struct {
	Nodes []GraphNode
}

// GraphNode is one box: an op (Leaf false) or a leaf tensor (a parameter
// or data, which the tape did not record but the ops read).
type GraphNode struct {
	// Label is the op name ("MatMul") or the leaf's name ("weight"; empty
	// leaves are labelled by their shape alone).
	Label string
	Shape []int
	Leaf  bool
	// Param marks a leaf that requires grad (a parameter), drawn in
	// another color than data.
	Param bool
	// Inputs are indices of earlier nodes feeding this one.
	Inputs []int
	// GradNorm is the L2 norm of the node's gradient, drawn when HasGrad.
	GradNorm float64
	HasGrad  bool
}

// Lines is the text drawn in the node's box: label, shape and, after
// Backward, the gradient norm.
func (n GraphNode) Lines() []string {
	var lines []string
	if n.Label != "" {
		lines = append(lines, n.Label)
	}
	lines = append(lines, shapeString(n.Shape))
	if n.HasGrad {
		lines = append(lines, fmt.Sprintf("|grad| %.3g", n.GradNorm))
	}
	return lines
}

func shapeString(s []int) string {
	if len(s) == 0 {
		return "[]"
	}
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = fmt.Sprint(d)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// Layout places each node in a layer (a column left to right, or a row
// top to bottom) and a slot within it. An op's layer is one more than
// its deepest input's; a leaf sits in the layer just before its first
// consumer, so its edge is short. Within a layer nodes keep recorded
// order, each leaf just before its first consumer.
type Layout struct {
	Layer, Slot []int
	Layers      [][]int // node indices per layer, in slot order
}

// Layout computes g's layered layout. It panics with *ShapeError if a
// node names an input that is not an earlier node.
func (g Graph) Layout() Layout {
	n := len(g.Nodes)
	layer := make([]int, n)
	firstUse := make([]int, n)
	for i := range firstUse {
		firstUse[i] = -1
	}
	for i, nd := range g.Nodes {
		for _, in := range nd.Inputs {
			if in < 0 || in >= i {
				shapePanic("Graph.Layout", "node %d (%s) has input %d, not an earlier node", i, nd.Label, in)
			}
			if firstUse[in] < 0 {
				firstUse[in] = i
			}
		}
	}
	// Ops first (leaves count as layer 0 for now), in recorded order.
	for i, nd := range g.Nodes {
		if len(nd.Inputs) == 0 {
			continue
		}
		l := 1
		for _, in := range nd.Inputs {
			l = max(l, layer[in]+1)
		}
		layer[i] = l
	}
	// Leaves (nodes without inputs) right before their first consumer.
	for i, nd := range g.Nodes {
		if len(nd.Inputs) == 0 && firstUse[i] >= 0 {
			layer[i] = layer[firstUse[i]] - 1
		}
	}
	depth := 0
	for _, l := range layer {
		depth = max(depth, l+1)
	}
	key := make([]float64, n)
	for i, nd := range g.Nodes {
		key[i] = float64(i)
		if len(nd.Inputs) == 0 && firstUse[i] >= 0 {
			key[i] = float64(firstUse[i]) - 0.5 + float64(i)/float64(2*n+2)
		}
	}
	lay := Layout{Layer: layer, Slot: make([]int, n), Layers: make([][]int, depth)}
	for i := range g.Nodes {
		lay.Layers[layer[i]] = append(lay.Layers[layer[i]], i)
	}
	for _, ids := range lay.Layers {
		sort.SliceStable(ids, func(a, b int) bool { return key[ids[a]] < key[ids[b]] })
		for s, id := range ids {
			lay.Slot[id] = s
		}
	}
	return lay
}

// Width is the number of slots in the fullest layer.
func (l Layout) Width() int {
	w := 0
	for _, ids := range l.Layers {
		w = max(w, len(ids))
	}
	return w
}

// gradNorm is the L2 norm of v, for GraphNode.GradNorm.
func gradNorm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}
