//go:build !amd64

package vecmath

// Without the amd64 kernels every function runs its scalar loop; these are
// never called.

const hasVector = false

func expAVX2(dst, src []float32)           { panic("vecmath: no vector kernels") }
func tanhAVX2(dst, src []float32)          { panic("vecmath: no vector kernels") }
func sigmoidAVX2(dst, src []float32)       { panic("vecmath: no vector kernels") }
func geluAVX2(y, cdf, x []float32)         { panic("vecmath: no vector kernels") }
func geluGradAVX2(gx, g, x, cdf []float32) { panic("vecmath: no vector kernels") }

func lstmCellGradAVX2(a, gout, dh, dc, cPrev, dp *float32, h, n int) {
	panic("vecmath: no vector kernels")
}

func maxAVX2(src *float32, n int) float32 { panic("vecmath: no vector kernels") }
func expShiftSumAVX2(dst, src *float32, n int, m float32) float32 {
	panic("vecmath: no vector kernels")
}
func scaleAVX2(x *float32, n int, c float32) { panic("vecmath: no vector kernels") }

func layerNormRowAVX2(x, w, b, out *float32, c int, eps float64) (mean, rstd float64) {
	panic("vecmath: no vector kernels")
}
func addAVX2(dst, src *float32, n int) { panic("vecmath: no vector kernels") }

func lstmCellAVX2(a, xp, out, cPrev *float32, h, n int) { panic("vecmath: no vector kernels") }

const hasAVX512 = false

func lstmCellAVX512(a, xp, out, cPrev *float32, h, n int) { panic("vecmath: no vector kernels") }

func prefetchRows(p *float32, rows, stride, n int) {}
