package dl

import "math"

// RoPE applies rotary position embeddings (Su et al., RoFormer, 2021) to x
// [B, H, T, D] for positions offset, offset+1, ... along T. Channel j of the
// first half and channel j+D/2 form a pair rotated by the angle
// pos·base^(-2j/D) — the "rotate half" layout of GPT-NeoX and Llama. base is
// usually 10000. Rotating queries and keys this way makes their dot product
// depend only on the distance between positions. offset is the number of
// tokens already in a KV cache. D must be even.
func RoPE(x *Tensor, offset int, base float64) *Tensor {
	if x.Rank() != 4 || x.shape[3]%2 != 0 {
		panicf("RoPE", []*Tensor{x}, "want [B, H, T, D] with even D")
	}
	if offset < 0 {
		panicf("RoPE", []*Tensor{x}, "negative offset %d", offset)
	}
	t, d := x.shape[2], x.shape[3]
	cos, sin := ropeTable(t, d, offset, base)
	out := empty(x.dtype, x.shape)
	rotate(x, out, cos, sin, 1)
	return record("RoPE", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		gx := empty(g.dtype, g.shape)
		rotate(g, gx, cos, sin, -1) // the transpose of a rotation is the inverse rotation
		return []*Tensor{gx}
	})
}

// ropeTable returns cos and sin of the angles, [T, D/2] each.
func ropeTable(t, d, offset int, base float64) (cos, sin []float64) {
	half := d / 2
	cos, sin = make([]float64, t*half), make([]float64, t*half)
	for p := range t {
		for j := range half {
			ang := float64(offset+p) * math.Pow(base, -2*float64(j)/float64(d))
			cos[p*half+j], sin[p*half+j] = math.Cos(ang), math.Sin(ang)
		}
	}
	return cos, sin
}

// rotate writes x rotated by sign·angle into out.
func rotate(x, out *Tensor, cos, sin []float64, sign float64) {
	t, d := x.shape[2], x.shape[3]
	half := d / 2
	for r := range x.Size() / d {
		p := r % t
		base := r * d
		for j := range half {
			c, s := cos[p*half+j], sign*sin[p*half+j]
			a, b := x.at(base+j), x.at(base+half+j)
			out.set(base+j, a*c-b*s)
			out.set(base+half+j, a*s+b*c)
		}
	}
}
