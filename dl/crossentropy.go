package dl

import (
	"math"
	"slices"
	"strconv"

	"github.com/gendl/gendl/dl/internal/vecmath"
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
	for r, y := range targets.Data {
		if y != ignoreIndex && (y < 0 || y >= c) {
			panic(&ShapeError{Op: "CrossEntropy", Shapes: [][]int{logits.Shape(), targets.Shape()},
				Msg: "target " + strconv.Itoa(y) + " at row " + strconv.Itoa(r) + " outside [0, " + strconv.Itoa(c) + ")"})
		}
	}
	ids := slices.Clone(targets.Data)                      // the caller may refill its batch buffer before Backward
	probs := emptyUninit(logits.dtype, []int{len(ids), c}) // softmax of the counted rows, kept for backward
	var loss float64
	var count int
	if logits.dtype == Float64 {
		loss, count = ceForward(logits.f64, probs.f64, ids, c, ignoreIndex)
	} else {
		loss, count = ceForward(logits.f32, probs.f32, ids, c, ignoreIndex)
	}
	out := FullOf(logits.dtype, loss/float64(max(count, 1)))
	return record("CrossEntropy", out, []*Tensor{logits}, func(g *Tensor) []*Tensor {
		gx := empty(logits.dtype, logits.shape)
		scale := g.Item() / float64(max(count, 1))
		if gx.dtype == Float64 {
			ceBackward(probs.f64, gx.f64, ids, c, ignoreIndex, scale)
		} else {
			ceBackward(probs.f32, gx.f32, ids, c, ignoreIndex, scale)
		}
		return []*Tensor{gx}
	})
}

// ceForward writes the softmax of every counted row of logits [rows, c]
// into probs and returns the summed negative log-likelihood of the targets
// and the number of rows counted.
func ceForward[T float](logits, probs []T, ids []int, c, ignore int) (loss float64, count int) {
	if !is32[T]() {
		return ceRows(logits, probs, ids, c, ignore, 0, len(ids))
	}
	// float32: rows shared out among goroutines, partial sums added in
	// chunk order.
	parts := make([]struct {
		loss  float64
		count int
	}, min(len(ids), 64))
	chunk := (len(ids) + len(parts) - 1) / max(len(parts), 1)
	parallelFor(len(parts), chunk*c, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			parts[k].loss, parts[k].count = ceRows(logits, probs, ids, c, ignore, k*chunk, min((k+1)*chunk, len(ids)))
		}
	})
	for _, p := range parts {
		loss += p.loss
		count += p.count
	}
	return loss, count
}

// ceRows is ceForward over rows [r0, r1); float32 rows go through
// vecmath.Softmax, eight lanes at a time.
func ceRows[T float](logits, probs []T, ids []int, c, ignore, r0, r1 int) (loss float64, count int) {
	for r := r0; r < r1; r++ {
		y := ids[r]
		if y == ignore {
			continue
		}
		count++
		row, p := logits[r*c:(r+1)*c], probs[r*c:(r+1)*c]
		if is32[T]() {
			lse := vecmath.Softmax(as32(p), as32(row))
			loss -= float64(row[y]) - lse
			continue
		}
		m := math.Inf(-1)
		for _, v := range row {
			m = math.Max(m, float64(v))
		}
		var s float64
		for j, v := range row {
			e := math.Exp(float64(v) - m)
			p[j] = T(e)
			s += e
		}
		inv := 1 / s
		for j := range p {
			p[j] = T(float64(p[j]) * inv)
		}
		loss -= float64(row[y]) - m - math.Log(s)
	}
	return loss, count
}

// ceBackward writes (softmax - onehot(y))·scale for every counted row.
func ceBackward[T float](probs, gx []T, ids []int, c, ignore int, scale float64) {
	for r, y := range ids {
		if y == ignore {
			continue
		}
		p, d := probs[r*c:(r+1)*c], gx[r*c:(r+1)*c]
		for j, v := range p {
			d[j] = T(float64(v) * scale)
		}
		d[y] = T((float64(p[y]) - 1) * scale)
	}
}
