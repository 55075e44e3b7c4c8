package optim

import (
	"math"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// Adam is the Adam optimizer (Kingma & Ba, 2015) as PyTorch's
// torch.optim.Adam computes it, or AdamW (Loshchilov & Hutter, 2019) when
// Decoupled is set. With t the parameter's step count:
//
//	Adam:  g ← grad + WeightDecay·p        (L2 penalty inside the moments)
//	AdamW: p ← p·(1 - LR·WeightDecay)      (decay applied to the weights)
//	m ← β₁·m + (1-β₁)·g
//	v ← β₂·v + (1-β₂)·g²
//	p ← p - LR/(1-β₁ᵗ) · m / (√v/√(1-β₂ᵗ) + Eps)
//
// Each parameter's update is one fused loop over its raw slices, and steps
// after the first allocate nothing.
type Adam struct {
	Params       []nn.Param
	LR           float64
	Beta1, Beta2 float64
	Eps          float64
	WeightDecay  float64
	Decoupled    bool // AdamW

	s slots // "exp_avg", "exp_avg_sq"
}

// NewAdam returns Adam over params with PyTorch's defaults: betas (0.9,
// 0.999), eps 1e-8, no weight decay.
func NewAdam(params []nn.Param, lr float64) *Adam {
	return &Adam{Params: params, LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8,
		s: newSlots(len(params), "exp_avg", "exp_avg_sq")}
}

// NewAdamW returns AdamW (decoupled weight decay) with PyTorch's defaults:
// betas (0.9, 0.999), eps 1e-8, weight decay 0.01.
func NewAdamW(params []nn.Param, lr float64) *Adam {
	o := NewAdam(params, lr)
	o.WeightDecay, o.Decoupled = 0.01, true
	return o
}

// Step updates every parameter that has a gradient.
func (o *Adam) Step() {
	for i, p := range o.Params {
		g := p.Tensor.Grad()
		if g == nil {
			continue
		}
		o.s.steps[i]++
		b := o.s.get(i, p.Tensor)
		if p.Tensor.DType() == dl.Float64 {
			adamUpdate(p.Tensor.Float64s(), g.Float64s(), b[0].Float64s(), b[1].Float64s(), o, o.s.steps[i])
		} else {
			adamUpdate(p.Tensor.Float32s(), g.Float32s(), b[0].Float32s(), b[1].Float32s(), o, o.s.steps[i])
		}
	}
}

// adamCoef holds one step's constants in the element type, in the order
// the vector kernel reads them.
type adamCoef struct {
	l2, decay, c1, b2, c2, stepSize, bc2, eps float32
}

func adamUpdate[T float](p, g, m, v []T, o *Adam, step int) {
	b1, b2 := T(o.Beta1), T(o.Beta2)
	stepSize := T(o.LR / (1 - math.Pow(o.Beta1, float64(step))))
	bc2 := T(math.Sqrt(1 - math.Pow(o.Beta2, float64(step))))
	eps := T(o.Eps)
	l2, decay := T(0), T(1)
	if o.Decoupled {
		decay = T(1 - o.LR*o.WeightDecay)
	} else {
		l2 = T(o.WeightDecay)
	}
	coef := adamCoef{float32(l2), float32(decay), float32(1 - b1), float32(b2), float32(1 - b2), float32(stepSize), float32(bc2), float32(eps)}
	if !splits(len(p)) { // no closure, so a step allocates nothing
		c := coef
		adamRange(p, g, m, v, &c, l2, decay, 1-b1, b2, 1-b2, stepSize, bc2, eps)
		return
	}
	split(len(p), func(lo, hi int) {
		c := coef
		adamRange(p[lo:hi], g[lo:hi], m[lo:hi], v[lo:hi], &c, l2, decay, 1-b1, b2, 1-b2, stepSize, bc2, eps)
	})
}

// adamRange updates p with the vector kernel as far as it goes, then the
// loop.
func adamRange[T float](p, g, m, v []T, c *adamCoef, l2, decay, c1, b2, c2, stepSize, bc2, eps T) {
	if p32, ok := any(p).([]float32); ok {
		n := adamVector(p32, any(g).([]float32), any(m).([]float32), any(v).([]float32), c)
		p, g, m, v = p[n:], g[n:], m[n:], v[n:]
	}
	adamLoop(p, g, m, v, l2, decay, c1, b2, c2, stepSize, bc2, eps)
}

// adamLoop is the update, element by element:
//
//	d = g + l2·p;  p ← p·decay;  m ← m + c1·(d - m);  v ← b2·v + c2·d·d
//	p ← p - stepSize·m / (√v / bc2 + eps)
//
// with c1 = 1-β₁ (PyTorch's lerp form of β₁m + (1-β₁)g) and c2 = 1-β₂.
func adamLoop[T float](p, g, m, v []T, l2, decay, c1, b2, c2, stepSize, bc2, eps T) {
	g, m, v = g[:len(p)], m[:len(p)], v[:len(p)]
	for i := range p {
		d := g[i] + l2*p[i]
		pi := p[i] * decay
		mi := m[i] + c1*(d-m[i])
		vi := b2*v[i] + c2*d*d
		m[i], v[i] = mi, vi
		p[i] = pi - stepSize*mi/(T(math.Sqrt(float64(vi)))/bc2+eps)
	}
}

// ZeroGrad clears the gradients of o.Params.
func (o *Adam) ZeroGrad() { zeroGrad(o.Params) }

// State returns copies of the moments ("<param>.exp_avg",
// "<param>.exp_avg_sq"), the per-parameter step counts ("<param>.step") and
// "lr", for a checkpoint.
func (o *Adam) State() map[string]*dl.Tensor { return o.s.state(o.Params, o.LR) }

// LoadState restores what State returned, so training resumes exactly. It
// returns an error, and changes nothing, when names or shapes do not match.
func (o *Adam) LoadState(st map[string]*dl.Tensor) error {
	lr, err := o.s.load(o.Params, st)
	if err == nil {
		o.LR = lr
	}
	return err
}
