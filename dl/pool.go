package dl

import "math"

// MaxPool2d takes the maximum over k×k windows of x [N, C, H, W] moved by
// stride (no padding), giving [N, C, (H-k)/stride+1, (W-k)/stride+1]. The
// gradient goes to the first maximum of each window.
func MaxPool2d(x *Tensor, k, stride int) *Tensor {
	n, c, oh, ow := poolCheck("MaxPool2d", x, k, stride)
	h, w := x.shape[2], x.shape[3]
	out := empty(x.dtype, []int{n, c, oh, ow})
	arg := make([]int, out.Size())
	for p := range n * c {
		for i := range oh {
			for j := range ow {
				best, at := math.Inf(-1), -1
				for a := range k {
					for b := range k {
						idx := (p*h+i*stride+a)*w + j*stride + b
						if v := x.at(idx); at < 0 || v > best {
							best, at = v, idx
						}
					}
				}
				o := (p*oh+i)*ow + j
				out.set(o, best)
				arg[o] = at
			}
		}
	}
	from, dt := x.shape, x.dtype
	return record("MaxPool2d", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		gx := empty(dt, from)
		for o, at := range arg {
			gx.set(at, gx.at(at)+g.at(o))
		}
		return []*Tensor{gx}
	})
}

// AvgPool2d averages k×k windows of x [N, C, H, W] moved by stride (no
// padding).
func AvgPool2d(x *Tensor, k, stride int) *Tensor {
	n, c, oh, ow := poolCheck("AvgPool2d", x, k, stride)
	h, w := x.shape[2], x.shape[3]
	out := empty(x.dtype, []int{n, c, oh, ow})
	inv := 1 / float64(k*k)
	window := func(p, i, j int, f func(idx int)) {
		for a := range k {
			for b := range k {
				f((p*h+i*stride+a)*w + j*stride + b)
			}
		}
	}
	for p := range n * c {
		for i := range oh {
			for j := range ow {
				s := 0.0
				window(p, i, j, func(idx int) { s += x.at(idx) })
				out.set((p*oh+i)*ow+j, s*inv)
			}
		}
	}
	from, dt := x.shape, x.dtype
	return record("AvgPool2d", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		gx := empty(dt, from)
		for p := range n * c {
			for i := range oh {
				for j := range ow {
					v := g.at((p*oh+i)*ow+j) * inv
					window(p, i, j, func(idx int) { gx.set(idx, gx.at(idx)+v) })
				}
			}
		}
		return []*Tensor{gx}
	})
}

func poolCheck(op string, x *Tensor, k, stride int) (n, c, oh, ow int) {
	if x.Rank() != 4 || k < 1 || stride < 1 || x.shape[2] < k || x.shape[3] < k {
		panicf(op, []*Tensor{x}, "want [N, C, H, W] with H, W >= kernel %d and stride >= 1 (got %d)", k, stride)
	}
	return x.shape[0], x.shape[1], (x.shape[2]-k)/stride + 1, (x.shape[3]-k)/stride + 1
}

// UpsampleNearest repeats every pixel of x [N, C, H, W] s×s times, giving
// [N, C, s·H, s·W]; the gradient sums each block back.
func UpsampleNearest(x *Tensor, s int) *Tensor {
	if x.Rank() != 4 || s < 1 {
		panicf("UpsampleNearest", []*Tensor{x}, "want [N, C, H, W] and scale >= 1 (got %d)", s)
	}
	nc, h, w := x.shape[0]*x.shape[1], x.shape[2], x.shape[3]
	out := empty(x.dtype, []int{x.shape[0], x.shape[1], h * s, w * s})
	src := func(o int) int { // flat input index of output index o
		p, rem := o/(h*s*w*s), o%(h*s*w*s)
		i, j := rem/(w*s), rem%(w*s)
		return (p*h+i/s)*w + j/s
	}
	for o := range nc * h * s * w * s {
		out.set(o, x.at(src(o)))
	}
	from, dt := x.shape, x.dtype
	return record("UpsampleNearest", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		gx := empty(dt, from)
		for o := range g.Size() {
			i := src(o)
			gx.set(i, gx.at(i)+g.at(o))
		}
		return []*Tensor{gx}
	})
}
