package dl

import (
	"math"
	"sync"

	"github.com/gendl/gendl/dl/internal/vecmath"
)

// LayerNorm normalises x over its last axis to zero mean and unit variance
// and then scales and shifts each feature: y = (x - mean) / sqrt(var + eps)
// · weight + bias, PyTorch's F.layer_norm with normalized_shape = [C].
// x is [..., C]; weight and bias are [C], or nil for no affine part (each is
// optional on its own). The variance is the biased one (divisor C), as in
// PyTorch.
//
// It is one fused op: statistics are accumulated in float64 whatever the
// dtype, backward recomputes x̂ from x and the saved per-row mean and
// 1/std instead of keeping a second [..., C] tensor, and the input gradient
// uses the closed form
//
//	dx = rstd · (dx̂ - mean(dx̂) - x̂ · mean(dx̂ ⊙ x̂)),  dx̂ = g ⊙ weight.
//
// It panics if weight or bias is not [C] or the dtypes differ.
func LayerNorm(x, weight, bias *Tensor, eps float64) *Tensor {
	if x.Rank() < 1 {
		panicf("LayerNorm", []*Tensor{x}, "input must have at least one axis")
	}
	c := x.shape[x.Rank()-1]
	for _, p := range []*Tensor{weight, bias} {
		if p == nil {
			continue
		}
		sameDType("LayerNorm", x, p)
		if p.Rank() != 1 || p.shape[0] != c {
			panicf("LayerNorm", []*Tensor{x, weight, bias}, "weight and bias must be [%d], the input's last axis", c)
		}
	}
	rows := x.Size() / max(c, 1)
	out := emptyUninit(x.dtype, x.shape)
	mean := make([]float64, rows)
	rstd := make([]float64, rows)
	if x.dtype == Float64 {
		layerNormForward(x.f64, slicesOf64(weight), slicesOf64(bias), out.f64, mean, rstd, c, eps)
	} else {
		layerNormForward(x.f32, slicesOf32(weight), slicesOf32(bias), out.f32, mean, rstd, c, eps)
	}
	inputs := []*Tensor{x} // the tape wants no nil inputs
	for _, p := range []*Tensor{weight, bias} {
		if p != nil {
			inputs = append(inputs, p)
		}
	}
	xd := x.Detach()
	var wd *Tensor
	if weight != nil {
		wd = weight.Detach()
	}
	return record("LayerNorm", out, inputs, func(g *Tensor) []*Tensor {
		gx := freshGrad(emptyUninit(x.dtype, x.shape))
		var gw, gb *Tensor
		if weight != nil {
			gw = freshGrad(empty(x.dtype, []int{c}))
		}
		if bias != nil {
			gb = freshGrad(empty(x.dtype, []int{c}))
		}
		if x.dtype == Float64 {
			layerNormBackward(xd.f64, slicesOf64(wd), g.f64, gx.f64, slicesOf64(gw), slicesOf64(gb), mean, rstd, c)
		} else {
			layerNormBackward(xd.f32, slicesOf32(wd), g.f32, gx.f32, slicesOf32(gw), slicesOf32(gb), mean, rstd, c)
		}
		grads := []*Tensor{gx}
		if weight != nil {
			grads = append(grads, gw)
		}
		if bias != nil {
			grads = append(grads, gb)
		}
		return grads
	})
}

func slicesOf32(t *Tensor) []float32 {
	if t == nil {
		return nil
	}
	return t.f32
}

func slicesOf64(t *Tensor) []float64 {
	if t == nil {
		return nil
	}
	return t.f64
}

func layerNormForward[T float](x, w, b, out []T, mean, rstd []float64, c int, eps float64) {
	parallelFor(len(mean), c/4, func(lo, hi int) { layerNormRows(x, w, b, out, mean, rstd, c, eps, lo, hi) })
}

// layerNormRows normalises rows [lo, hi).
func layerNormRows[T float](x, w, b, out []T, mean, rstd []float64, c int, eps float64, lo, hi int) {
	for r := lo; r < hi; r++ {
		row := x[r*c : (r+1)*c]
		if is32[T]() && w != nil && b != nil { // AVX2 row kernel where it runs
			var ok bool
			mean[r], rstd[r], ok = vecmath.LayerNormRow(as32(row), as32(w), as32(b), as32(out[r*c:(r+1)*c]), eps)
			if ok {
				continue
			}
		}
		var s float64
		for _, v := range row {
			s += float64(v)
		}
		m := s / float64(c)
		var ss float64
		for _, v := range row {
			d := float64(v) - m
			ss += d * d
		}
		rs := 1 / math.Sqrt(ss/float64(c)+eps)
		mean[r], rstd[r] = m, rs
		o := out[r*c : (r+1)*c]
		for j, v := range row {
			y := (float64(v) - m) * rs
			if w != nil {
				y *= float64(w[j])
			}
			if b != nil {
				y += float64(b[j])
			}
			o[j] = T(y)
		}
	}
}

// layerNormBackward writes dx and, when gw/gb are non-nil, dweight/dbias.
func layerNormBackward[T float](x, w, g, gx, gw, gb []T, mean, rstd []float64, c int) {
	var accW, accB []float64
	if gw != nil {
		accW = make([]float64, len(gw))
	}
	if gb != nil {
		accB = make([]float64, len(gb))
	}
	var mu sync.Mutex
	parallelFor(len(mean), c/2, func(lo, hi int) {
		if lo == 0 && hi == len(mean) { // one chunk: accumulate in place
			layerNormBackwardRows(x, w, g, gx, accW, accB, mean, rstd, c, lo, hi)
			return
		}
		var aw, ab []float64 // this chunk's partial sums, added in at the end
		if accW != nil {
			aw = make([]float64, len(accW))
		}
		if accB != nil {
			ab = make([]float64, len(accB))
		}
		layerNormBackwardRows(x, w, g, gx, aw, ab, mean, rstd, c, lo, hi)
		mu.Lock()
		defer mu.Unlock()
		for j, v := range aw {
			accW[j] += v
		}
		for j, v := range ab {
			accB[j] += v
		}
	})
	for j, v := range accW {
		gw[j] = T(v)
	}
	for j, v := range accB {
		gb[j] = T(v)
	}
}

// layerNormBackwardRows writes dx for rows [lo, hi) and adds their
// contributions to dweight and dbias into accW and accB (when non-nil).
func layerNormBackwardRows[T float](x, w, g, gx []T, accW, accB, mean, rstd []float64, c, lo, hi int) {
	if w != nil && accW != nil && accB != nil {
		affineNormGradRows(x, w, g, gx, accW, accB, mean, rstd, c, lo, hi)
		return
	}
	for r := lo; r < hi; r++ {
		row, gr := x[r*c:(r+1)*c], g[r*c:(r+1)*c]
		m, rs := mean[r], rstd[r]
		var sumD, sumDX float64 // Σ dx̂ and Σ dx̂·x̂ over the row
		for j, v := range row {
			xh := (float64(v) - m) * rs
			d := float64(gr[j])
			if accW != nil {
				accW[j] += d * xh
			}
			if accB != nil {
				accB[j] += d
			}
			if w != nil {
				d *= float64(w[j])
			}
			sumD += d
			sumDX += d * xh
		}
		sumD /= float64(c)
		sumDX /= float64(c)
		o := gx[r*c : (r+1)*c]
		for j, v := range row {
			xh := (float64(v) - m) * rs
			d := float64(gr[j])
			if w != nil {
				d *= float64(w[j])
			}
			o[j] = T(rs * (d - sumD - xh*sumDX))
		}
	}
}

// affineNormGradRows is layerNormBackwardRows for the usual case, a weight
// and a bias that both need gradients, without the per-element branches
// and with every slice resliced to the row so the loops run without bounds
// checks: the same float64 arithmetic, about twice as fast.
func affineNormGradRows[T float](x, w, g, gx []T, accW, accB, mean, rstd []float64, c, lo, hi int) {
	w, accW, accB = w[:c], accW[:c], accB[:c]
	for r := lo; r < hi; r++ {
		row, gr, o := x[r*c:(r+1)*c], g[r*c:(r+1)*c], gx[r*c:(r+1)*c]
		m, rs := mean[r], rstd[r]
		var sumD, sumDX float64 // Σ dx̂ and Σ dx̂·x̂ over the row
		for j, v := range row {
			xh := (float64(v) - m) * rs
			gv := float64(gr[j])
			accW[j] += gv * xh
			accB[j] += gv
			d := gv * float64(w[j])
			sumD += d
			sumDX += d * xh
		}
		sumD /= float64(c)
		sumDX /= float64(c)
		for j, v := range row {
			xh := (float64(v) - m) * rs
			d := float64(gr[j]) * float64(w[j])
			o[j] = T(rs * (d - sumD - xh*sumDX))
		}
	}
}
