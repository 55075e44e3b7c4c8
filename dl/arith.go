package dl

// Add returns a + b with broadcasting.
func Add(a, b *Tensor) *Tensor {
	out := arithmetic("Add", opAdd, a, b)
	return record("Add", out, []*Tensor{a, b}, func(g *Tensor) []*Tensor {
		return []*Tensor{reduceTo(g, a.shape), reduceTo(g, b.shape)}
	})
}

// Sub returns a - b with broadcasting.
func Sub(a, b *Tensor) *Tensor {
	out := arithmetic("Sub", opSub, a, b)
	return record("Sub", out, []*Tensor{a, b}, func(g *Tensor) []*Tensor {
		var gb *Tensor
		if b.needsGrad() {
			gb = reduceTo(Neg(g), b.shape)
		}
		return []*Tensor{reduceTo(g, a.shape), gb}
	})
}

// Mul returns a * b elementwise with broadcasting.
func Mul(a, b *Tensor) *Tensor {
	out := arithmetic("Mul", opMul, a, b)
	ad, bd := a.Detach(), b.Detach()
	return record("Mul", out, []*Tensor{a, b}, func(g *Tensor) []*Tensor {
		var ga, gb *Tensor
		if a.needsGrad() {
			ga = reduceTo(Mul(g, bd), a.shape)
		}
		if b.needsGrad() {
			gb = reduceTo(Mul(g, ad), b.shape)
		}
		return []*Tensor{ga, gb}
	})
}

// Div returns a / b elementwise with broadcasting.
func Div(a, b *Tensor) *Tensor {
	out := arithmetic("Div", opDiv, a, b)
	ad, bd := a.Detach(), b.Detach()
	return record("Div", out, []*Tensor{a, b}, func(g *Tensor) []*Tensor {
		var ga, gb *Tensor
		if a.needsGrad() {
			ga = reduceTo(Div(g, bd), a.shape)
		}
		if b.needsGrad() {
			// d(a/b)/db = -a/b²
			gb = reduceTo(Neg(Div(Mul(g, ad), Mul(bd, bd))), b.shape)
		}
		return []*Tensor{ga, gb}
	})
}

// Neg returns -x.
func Neg(x *Tensor) *Tensor {
	out := unary(x, func(v float32) float32 { return -v }, func(v float64) float64 { return -v })
	return record("Neg", out, []*Tensor{x}, func(g *Tensor) []*Tensor { return []*Tensor{Neg(g)} })
}

// Scale returns c * x for a constant c.
func Scale(x *Tensor, c float64) *Tensor {
	c32 := float32(c)
	out := unary(x, func(v float32) float32 { return c32 * v }, func(v float64) float64 { return c * v })
	return record("Scale", out, []*Tensor{x}, func(g *Tensor) []*Tensor { return []*Tensor{Scale(g, c)} })
}

// AddScalar returns x + c for a constant c.
func AddScalar(x *Tensor, c float64) *Tensor {
	c32 := float32(c)
	out := unary(x, func(v float32) float32 { return v + c32 }, func(v float64) float64 { return v + c })
	return record("AddScalar", out, []*Tensor{x}, func(g *Tensor) []*Tensor { return []*Tensor{g} })
}

// Maximum returns the elementwise larger of a and b, with broadcasting. Where
// they are equal the gradient goes to a.
func Maximum(a, b *Tensor) *Tensor {
	return pick("Maximum", a, b, func(x, y float64) bool { return x >= y })
}

// Minimum returns the elementwise smaller of a and b, with broadcasting.
// Where they are equal the gradient goes to a.
func Minimum(a, b *Tensor) *Tensor {
	return pick("Minimum", a, b, func(x, y float64) bool { return x <= y })
}

// pick implements Maximum and Minimum: out takes a where takeA holds, else b,
// and the gradient follows the choice.
func pick(op string, a, b *Tensor, takeA func(x, y float64) bool) *Tensor {
	sameDType(op, a, b)
	shape := broadcastShape(op, a, b)
	out := empty(a.dtype, shape)
	fromA := make([]bool, out.Size())
	broadcastIndex(shape, broadcastStrides(a.shape, shape), broadcastStrides(b.shape, shape), func(o, i, j int) {
		x, y := a.at(i), b.at(j)
		fromA[o] = takeA(x, y)
		if fromA[o] {
			out.set(o, x)
		} else {
			out.set(o, y)
		}
	})
	return record(op, out, []*Tensor{a, b}, func(g *Tensor) []*Tensor {
		ga, gb := ZerosLike(g), ZerosLike(g)
		for o, ok := range fromA {
			if ok {
				ga.set(o, g.at(o))
			} else {
				gb.set(o, g.at(o))
			}
		}
		return []*Tensor{reduceTo(ga, a.shape), reduceTo(gb, b.shape)}
	})
}
