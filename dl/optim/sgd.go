package optim

import (
	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// SGD is stochastic gradient descent with optional momentum, Nesterov
// momentum and L2 weight decay, exactly as PyTorch's torch.optim.SGD:
//
//	g ← grad + WeightDecay·p
//	b ← g on the first step, else Momentum·b + (1 - Dampening)·g
//	g ← g + Momentum·b with Nesterov, else b      (when Momentum ≠ 0)
//	p ← p - LR·g
//
// The fields may be changed between steps (a schedule sets LR).
type SGD struct {
	Params      []nn.Param
	LR          float64
	Momentum    float64
	Dampening   float64
	WeightDecay float64
	Nesterov    bool

	s slots // "momentum_buffer"
}

// NewSGD returns plain SGD with learning rate lr over params.
func NewSGD(params []nn.Param, lr float64) *SGD {
	return &SGD{Params: params, LR: lr, s: newSlots(len(params), "momentum_buffer")}
}

// Step updates every parameter that has a gradient.
func (o *SGD) Step() {
	for i, p := range o.Params {
		g := p.Tensor.Grad()
		if g == nil {
			continue
		}
		o.s.steps[i]++
		var buf *dl.Tensor
		if o.Momentum != 0 {
			buf = o.s.get(i, p.Tensor)[0]
		}
		first := o.s.steps[i] == 1
		if p.Tensor.DType() == dl.Float64 {
			sgdUpdate(p.Tensor.Float64s(), g.Float64s(), data64(buf), o, first)
		} else {
			sgdUpdate(p.Tensor.Float32s(), g.Float32s(), data32(buf), o, first)
		}
	}
}

func sgdUpdate[T float](p, g, b []T, o *SGD, first bool) {
	lr, mu, damp, wd := T(o.LR), T(o.Momentum), T(1-o.Dampening), T(o.WeightDecay)
	if b == nil { // plain SGD: the same arithmetic without the per-element branches
		g = g[:len(p)]
		if !splits(len(p)) {
			sgdRange(p, g, lr, wd)
		} else {
			split(len(p), func(lo, hi int) { sgdRange(p[lo:hi], g[lo:hi], lr, wd) })
		}
		return
	}
	for i := range p {
		d := g[i] + wd*p[i]
		if b != nil {
			if first {
				b[i] = d
			} else {
				b[i] = mu*b[i] + damp*d
			}
			if o.Nesterov {
				d += mu * b[i]
			} else {
				d = b[i]
			}
		}
		p[i] -= lr * d
	}
}

// sgdRange is plain SGD, p -= lr·(g + wd·p), with the vector kernel as far
// as it goes.
func sgdRange[T float](p, g []T, lr, wd T) {
	i := 0
	if p32, ok := any(p).([]float32); ok {
		i = sgdVector(p32, any(g).([]float32), float32(lr), float32(wd))
	}
	for ; i+4 <= len(p); i += 4 { // four independent chains per iteration
		q, h := p[i:i+4:i+4], g[i:i+4:i+4]
		q[0] -= lr * (h[0] + wd*q[0])
		q[1] -= lr * (h[1] + wd*q[1])
		q[2] -= lr * (h[2] + wd*q[2])
		q[3] -= lr * (h[3] + wd*q[3])
	}
	for ; i < len(p); i++ {
		p[i] -= lr * (g[i] + wd*p[i])
	}
}

func data32(t *dl.Tensor) []float32 {
	if t == nil {
		return nil
	}
	return t.Float32s()
}

func data64(t *dl.Tensor) []float64 {
	if t == nil {
		return nil
	}
	return t.Float64s()
}

// ZeroGrad clears the gradients of o.Params.
func (o *SGD) ZeroGrad() { zeroGrad(o.Params) }

// State returns copies of the momentum buffers ("<param>.momentum_buffer"),
// the per-parameter step counts ("<param>.step") and "lr", for a checkpoint.
func (o *SGD) State() map[string]*dl.Tensor { return o.s.state(o.Params, o.LR) }

// LoadState restores what State returned, so training resumes exactly. It
// returns an error, and changes nothing, when names or shapes do not match.
func (o *SGD) LoadState(st map[string]*dl.Tensor) error {
	lr, err := o.s.load(o.Params, st)
	if err == nil {
		o.LR = lr
	}
	return err
}
