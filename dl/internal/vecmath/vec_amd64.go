package vecmath

import "golang.org/x/sys/cpu"

// The AVX2 + FMA kernels of vec_amd64.s. Each handles len(x or src) &^ 7
// elements; the other slices are at least as long.

//go:noescape
func expAVX2(dst, src []float32)

//go:noescape
func tanhAVX2(dst, src []float32)

//go:noescape
func sigmoidAVX2(dst, src []float32)

//go:noescape
func geluAVX2(y, cdf, x []float32)

//go:noescape
func geluGradAVX2(gx, g, x, cdf []float32)

// hasVector reports whether this CPU runs the kernels.
var hasVector = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func lstmCellGradAVX2(a, gout, dh, dc, cPrev, dp *float32, h, n int)

//go:noescape
func maxAVX2(src *float32, n int) float32

//go:noescape
func expShiftSumAVX2(dst, src *float32, n int, m float32) float32

//go:noescape
func scaleAVX2(x *float32, n int, c float32)

//go:noescape
func layerNormRowAVX2(x, w, b, out *float32, c int, eps float64) (mean, rstd float64)

//go:noescape
func addAVX2(dst, src *float32, n int)

//go:noescape
func lstmCellAVX2(a, xp, out, cPrev *float32, h, n int)

//go:noescape
func lstmCellAVX512(a, xp, out, cPrev *float32, h, n int)

// hasAVX512 reports whether this CPU runs the sixteen-lane LSTM cell.
var hasAVX512 = hasVector && cpu.X86.HasAVX512F
