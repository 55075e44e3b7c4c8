package dl

import "math"

// Softmax and LogSoftmax normalise along one axis. Both subtract the row
// maximum before exponentiating, so large logits do not overflow.

// Softmax returns exp(x) / sum(exp(x)) along axis.
func Softmax(x *Tensor, axis int) *Tensor {
	axis = x.axis("Softmax", axis)
	out := ZerosLike(x)
	outer, n, inner := splitAt(x.shape, axis)
	for o := range outer {
		for in := range inner {
			base := o*n*inner + in
			m := math.Inf(-1)
			for j := range n {
				m = math.Max(m, x.at(base+j*inner))
			}
			var s float64
			for j := range n {
				e := math.Exp(x.at(base+j*inner) - m)
				out.set(base+j*inner, e)
				s += e
			}
			for j := range n {
				out.set(base+j*inner, out.at(base+j*inner)/s)
			}
		}
	}
	y := out.Detach()
	return record("Softmax", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		// dx = y ⊙ (g - Σ g⊙y)
		gx := ZerosLike(g)
		for o := range outer {
			for in := range inner {
				base := o*n*inner + in
				var dot float64
				for j := range n {
					dot += g.at(base+j*inner) * y.at(base+j*inner)
				}
				for j := range n {
					k := base + j*inner
					gx.set(k, y.at(k)*(g.at(k)-dot))
				}
			}
		}
		return []*Tensor{gx}
	})
}

// LogSoftmax returns x - log(sum(exp(x))) along axis.
func LogSoftmax(x *Tensor, axis int) *Tensor {
	axis = x.axis("LogSoftmax", axis)
	out := ZerosLike(x)
	outer, n, inner := splitAt(x.shape, axis)
	for o := range outer {
		for in := range inner {
			base := o*n*inner + in
			m := math.Inf(-1)
			for j := range n {
				m = math.Max(m, x.at(base+j*inner))
			}
			var s float64
			for j := range n {
				s += math.Exp(x.at(base+j*inner) - m)
			}
			lse := m + math.Log(s)
			for j := range n {
				out.set(base+j*inner, x.at(base+j*inner)-lse)
			}
		}
	}
	y := out.Detach()
	return record("LogSoftmax", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		// dx = g - softmax ⊙ Σ g
		gx := ZerosLike(g)
		for o := range outer {
			for in := range inner {
				base := o*n*inner + in
				var s float64
				for j := range n {
					s += g.at(base + j*inner)
				}
				for j := range n {
					k := base + j*inner
					gx.set(k, g.at(k)-math.Exp(y.at(k))*s)
				}
			}
		}
		return []*Tensor{gx}
	})
}

// splitAt views shape as [outer, n, inner] around axis.
func splitAt(shape []int, axis int) (outer, n, inner int) {
	outer, inner = 1, 1
	for _, d := range shape[:axis] {
		outer *= d
	}
	for _, d := range shape[axis+1:] {
		inner *= d
	}
	return outer, shape[axis], inner
}
