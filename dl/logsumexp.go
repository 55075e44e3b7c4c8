package dl

import "math"

// LogSumExp returns log(Σ exp(x)) over the given axes (all when none are
// given), computed stably by subtracting the maximum first, so it is finite
// for any finite x. Its gradient is softmax(x) over the same axes. A group
// of all -Inf gives -Inf (with zero gradient).
func LogSumExp(x *Tensor, keepdim bool, axes ...int) *Tensor {
	keep, outShape := reducedShapes("LogSumExp", x, axes, keepdim)
	xd := x.Detach()
	// xd records nothing, so neither do the ops on it below.
	m := MaxAxes(xd, true, axes...) // [keep]
	for i := range m.Size() {
		if math.IsInf(m.at(i), -1) {
			m.set(i, 0) // an all -Inf group: exp(-Inf - 0) = 0, not NaN
		}
	}
	lse := Add(Log(SumAxes(Exp(Sub(xd, m)), true, axes...)), m)
	out := &Tensor{shape: outShape, dtype: lse.dtype, f32: lse.f32, f64: lse.f64}
	keepLSE := &Tensor{shape: keep, dtype: lse.dtype, f32: lse.f32, f64: lse.f64}
	return record("LogSumExp", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		gk := &Tensor{shape: keep, dtype: g.dtype, f32: g.f32, f64: g.f64}
		p := Exp(Sub(xd, keepLSE)) // softmax over the reduced axes
		for i := range p.Size() {
			if math.IsNaN(p.at(i)) {
				p.set(i, 0)
			}
		}
		return []*Tensor{Mul(p, gk)}
	})
}
