package dl_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
)

func init() {
	gradCases = append(gradCases,
		gradCase{name: "Conv2d", shapes: [][]int{{2, 3, 5, 4}, {4, 3, 3, 2}, {4}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			return dl.Conv2d(in[0], in[1], in[2], 1, 0)
		}},
		gradCase{name: "Conv2d/stride-pad", shapes: [][]int{{1, 2, 6, 5}, {3, 2, 3, 3}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			return dl.Conv2d(in[0], in[1], nil, 2, 1)
		}},
		gradCase{name: "ConvTranspose2d", shapes: [][]int{{2, 3, 3, 2}, {3, 2, 4, 4}, {2}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			return dl.ConvTranspose2d(in[0], in[1], in[2], 2, 1, 0)
		}},
		gradCase{name: "ConvTranspose2d/out-pad", shapes: [][]int{{1, 2, 3, 3}, {2, 3, 3, 3}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor {
			return dl.ConvTranspose2d(in[0], in[1], nil, 2, 1, 1)
		}},
		gradCase{name: "MaxPool2d", shapes: [][]int{{2, 2, 4, 6}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.MaxPool2d(in[0], 2, 2) }},
		gradCase{name: "AvgPool2d", shapes: [][]int{{1, 2, 5, 5}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.AvgPool2d(in[0], 3, 2) }},
		gradCase{name: "UpsampleNearest", shapes: [][]int{{1, 2, 2, 3}}, f: func(_ *rand.Rand, in []*dl.Tensor) *dl.Tensor { return dl.UpsampleNearest(in[0], 2) }},
	)
}

// naiveConv is the textbook sum over the window, read straight from the
// definition.
func naiveConv(x, w, b *dl.Tensor, stride, pad int) []float64 {
	n, c, h, wd := x.Dim(0), x.Dim(1), x.Dim(2), x.Dim(3)
	o, kh, kw := w.Dim(0), w.Dim(2), w.Dim(3)
	oh, ow := (h+2*pad-kh)/stride+1, (wd+2*pad-kw)/stride+1
	out := make([]float64, n*o*oh*ow)
	for ni := range n {
		for oc := range o {
			for i := range oh {
				for j := range ow {
					s := 0.0
					if b != nil {
						s = b.At(oc)
					}
					for ci := range c {
						for a := range kh {
							for bb := range kw {
								y, xx := i*stride+a-pad, j*stride+bb-pad
								if y >= 0 && y < h && xx >= 0 && xx < wd {
									s += x.At(ni, ci, y, xx) * w.At(oc, ci, a, bb)
								}
							}
						}
					}
					out[((ni*o+oc)*oh+i)*ow+j] = s
				}
			}
		}
	}
	return out
}

// naiveConvT scatters every input pixel times the kernel onto the output.
func naiveConvT(x, w *dl.Tensor, stride, pad, outPad int) []float64 {
	n, c, h, wd := x.Dim(0), x.Dim(1), x.Dim(2), x.Dim(3)
	o, kh, kw := w.Dim(1), w.Dim(2), w.Dim(3)
	oh, ow := (h-1)*stride-2*pad+kh+outPad, (wd-1)*stride-2*pad+kw+outPad
	out := make([]float64, n*o*oh*ow)
	for ni := range n {
		for ci := range c {
			for i := range h {
				for j := range wd {
					for oc := range o {
						for a := range kh {
							for bb := range kw {
								y, xx := i*stride+a-pad, j*stride+bb-pad
								if y >= 0 && y < oh && xx >= 0 && xx < ow {
									out[((ni*o+oc)*oh+y)*ow+xx] += x.At(ni, ci, i, j) * w.At(ci, oc, a, bb)
								}
							}
						}
					}
				}
			}
		}
	}
	return out
}

func TestConvMatchesNaive(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 4))
	for _, c := range []struct{ stride, pad int }{{1, 0}, {1, 1}, {2, 1}, {3, 2}} {
		x, w, b := dl.RandnOf(r, dl.Float64, 2, 3, 7, 6), dl.RandnOf(r, dl.Float64, 4, 3, 3, 2), dl.RandnOf(r, dl.Float64, 4)
		assertClose(t, "Conv2d", dl.Conv2d(x, w, b, c.stride, c.pad).Float64s(), naiveConv(x, w, b, c.stride, c.pad))
		got32 := dl.Conv2d(x.To(dl.Float32), w.To(dl.Float32), b.To(dl.Float32), c.stride, c.pad).Floats()
		assertCloseTol(t, "Conv2d float32", got32, naiveConv(x, w, b, c.stride, c.pad), 1e-4)
	}
	for _, c := range []struct{ stride, pad, outPad int }{{1, 0, 0}, {2, 1, 0}, {2, 1, 1}, {3, 0, 2}} {
		x, w := dl.RandnOf(r, dl.Float64, 2, 3, 4, 3), dl.RandnOf(r, dl.Float64, 3, 2, 4, 3)
		assertClose(t, "ConvTranspose2d", dl.ConvTranspose2d(x, w, nil, c.stride, c.pad, c.outPad).Float64s(), naiveConvT(x, w, c.stride, c.pad, c.outPad))
	}
}

func TestPoolingAndUpsampleValues(t *testing.T) {
	t.Parallel()
	x := dl.FromFloat64([]float64{
		1, 2, 3, 4,
		5, 6, 7, 8,
		9, 1, 2, 3,
		4, 5, 6, 0}, 1, 1, 4, 4)
	assertClose(t, "MaxPool2d", dl.MaxPool2d(x, 2, 2).Float64s(), []float64{6, 8, 9, 6})
	assertClose(t, "AvgPool2d", dl.AvgPool2d(x, 2, 2).Float64s(), []float64{3.5, 5.5, 4.75, 2.75})
	assertClose(t, "MaxPool2d/overlap", dl.MaxPool2d(x, 3, 1).Float64s(), []float64{9, 8, 9, 8})
	up := dl.UpsampleNearest(dl.FromFloat64([]float64{1, 2, 3, 4}, 1, 1, 2, 2), 2).Float64s()
	assertClose(t, "UpsampleNearest", up, []float64{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4})
}

func TestConvErrorsNameShapes(t *testing.T) {
	t.Parallel()
	err := dl.Try(func() { dl.Conv2d(dl.Zeros(1, 3, 8, 8), dl.Zeros(4, 2, 3, 3), nil, 1, 0) })
	if err == nil || err.Error() != "dl: Conv2d: shapes [1 3 8 8] and [4 2 3 3]: want x [N, C, H, W] and weight [O, C, kh, kw] with matching C" {
		t.Fatalf("err = %v", err)
	}
}

func assertClose(t *testing.T, name string, got, want []float64) {
	t.Helper()
	assertCloseTol(t, name, got, want, 1e-10)
}

func assertCloseTol(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol*(1+math.Abs(want[i])) {
			t.Fatalf("%s: [%d] = %v, want %v", name, i, got[i], want[i])
		}
	}
}
