package dl

import "math/rand/v2"

// Zeros returns a float32 tensor of zeros.
func Zeros(shape ...int) *Tensor { return empty(Float32, shape) }

// ZerosOf returns a tensor of zeros of the given dtype.
func ZerosOf(dtype DType, shape ...int) *Tensor { return empty(dtype, shape) }

// ZerosLike returns zeros with t's shape and dtype.
func ZerosLike(t *Tensor) *Tensor { return empty(t.dtype, t.shape) }

// Ones returns a float32 tensor of ones.
func Ones(shape ...int) *Tensor { return Full(1, shape...) }

// OnesLike returns ones with t's shape and dtype.
func OnesLike(t *Tensor) *Tensor { return FullOf(t.dtype, 1, t.shape...) }

// Full returns a float32 tensor filled with v.
func Full(v float64, shape ...int) *Tensor { return FullOf(Float32, v, shape...) }

// FullOf returns a tensor of the given dtype filled with v.
func FullOf(dtype DType, v float64, shape ...int) *Tensor {
	t := empty(dtype, shape)
	t.Fill(v)
	return t
}

// Fill sets every element to v, outside the tape.
func (t *Tensor) Fill(v float64) {
	if t.dtype == Float64 {
		for i := range t.f64 {
			t.f64[i] = v
		}
		return
	}
	for i := range t.f32 {
		t.f32[i] = float32(v)
	}
}

// Scalar returns a rank-0 float32 tensor holding v.
func Scalar(v float64) *Tensor { return Full(v) }

// Arange returns the float32 1-D tensor [start, start+step, ...) stopping
// before stop, like numpy.arange.
func Arange(start, stop, step float64) *Tensor {
	if step == 0 || (stop-start)/step < 0 {
		panic(&ShapeError{Op: "Arange", Msg: "empty or infinite range"})
	}
	n := 0
	for v := start; (step > 0 && v < stop) || (step < 0 && v > stop); v = start + float64(n)*step {
		n++
	}
	t := empty(Float32, []int{n})
	for i := range n {
		t.f32[i] = float32(start + float64(i)*step)
	}
	return t
}

// Randn returns a float32 tensor of standard normal samples drawn from r.
func Randn(r *rand.Rand, shape ...int) *Tensor { return RandnOf(r, Float32, shape...) }

// RandnOf is Randn for a given dtype.
func RandnOf(r *rand.Rand, dtype DType, shape ...int) *Tensor {
	t := empty(dtype, shape)
	for i := range t.Size() {
		t.set(i, r.NormFloat64())
	}
	return t
}

// Rand returns a float32 tensor of samples uniform in [0, 1) drawn from r.
func Rand(r *rand.Rand, shape ...int) *Tensor { return RandOf(r, Float32, shape...) }

// RandOf is Rand for a given dtype.
func RandOf(r *rand.Rand, dtype DType, shape ...int) *Tensor {
	t := empty(dtype, shape)
	for i := range t.Size() {
		t.set(i, r.Float64())
	}
	return t
}

// Uniform returns a float32 tensor of samples uniform in [lo, hi): the
// initialisation PyTorch uses for Linear and Embedding-free layers.
func Uniform(r *rand.Rand, lo, hi float64, shape ...int) *Tensor {
	t := empty(Float32, shape)
	for i := range t.f32 {
		t.f32[i] = float32(lo + (hi-lo)*r.Float64())
	}
	return t
}
