package dl

import (
	"math"
	"slices"
	"strconv"
)

// CrossEntropy is the mean negative log-likelihood of integer class targets
// under logits, fused with the log-softmax so it is stable for any logits and
// its backward is the familiar softmax(x) - onehot(y), scaled by 1/count.
//
// logits are [N, C] or [B, T, C] (classes on the last axis); targets hold
// one class ID per row, shaped like logits without the last axis. Targets
// equal to ignoreIndex (use -1 for none, or e.g. a padding ID) contribute
// neither loss nor gradient and are left out of the mean, as in PyTorch's
// ignore_index. A target outside [0, C) panics.
func CrossEntropy(logits *Tensor, targets *Ints, ignoreIndex int) *Tensor {
	if logits.Rank() < 2 || !slices.Equal(logits.shape[:logits.Rank()-1], targets.shape) {
		panic(&ShapeError{Op: "CrossEntropy", Shapes: [][]int{logits.Shape(), targets.Shape()},
			Msg: "targets must have the logits' shape without the class axis"})
	}
	c := logits.shape[logits.Rank()-1]
	rows := targets.Size()
	probs := empty(logits.dtype, []int{rows, c}) // softmax, kept for backward
	var loss float64
	count := 0
	for r, y := range targets.Data {
		if y == ignoreIndex {
			continue
		}
		if y < 0 || y >= c {
			panic(&ShapeError{Op: "CrossEntropy", Shapes: [][]int{logits.Shape(), targets.Shape()},
				Msg: "target " + strconv.Itoa(y) + " at row " + strconv.Itoa(r) + " outside [0, " + strconv.Itoa(c) + ")"})
		}
		count++
		loss += rowSoftmax(logits, probs, r, c, y)
	}
	out := FullOf(logits.dtype, loss/float64(max(count, 1)))
	ids := slices.Clone(targets.Data) // the caller may refill its batch buffer before Backward
	return record("CrossEntropy", out, []*Tensor{logits}, func(g *Tensor) []*Tensor {
		gx := empty(logits.dtype, logits.shape)
		scale := g.Item() / float64(max(count, 1))
		for r, y := range ids {
			if y == ignoreIndex {
				continue
			}
			for j := range c {
				p := probs.at(r*c + j)
				if j == y {
					p--
				}
				gx.set(r*c+j, p*scale)
			}
		}
		return []*Tensor{gx}
	})
}

// rowSoftmax writes softmax of logits row r into probs and returns the
// negative log-probability of class y.
func rowSoftmax(logits, probs *Tensor, r, c, y int) float64 {
	m := math.Inf(-1)
	for j := range c {
		m = math.Max(m, logits.at(r*c+j))
	}
	var s float64
	for j := range c {
		e := math.Exp(logits.at(r*c+j) - m)
		probs.set(r*c+j, e)
		s += e
	}
	for j := range c {
		probs.set(r*c+j, probs.at(r*c+j)/s)
	}
	return -(logits.at(r*c+y) - m - math.Log(s))
}
