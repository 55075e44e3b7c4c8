package dl_test

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/gendl/gendl/dl"
)

// Reference rows for the ops that take IDs or masks, move blocks along an
// axis, or fuse a loss; each naive loop follows the op's documented
// definition (PyTorch's, where the op has a PyTorch twin).
func init() {
	refCases = append(refCases,
		refCase{name: "Concat", shapes: [][]int{{2, 3, 2}, {2, 1, 2}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Concat(1, in...) }, ref: refConcat(1)},
		refCase{name: "Concat/three-last-axis", shapes: [][]int{{2, 1}, {2, 3}, {2, 2}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Concat(-1, in...) }, ref: refConcat(1)},
		refCase{name: "Concat/axis0", shapes: [][]int{{1, 3}, {2, 3}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Concat(0, in...) }, ref: refConcat(0)},
		refCase{name: "Stack", shapes: [][]int{{2, 3}, {2, 3}, {2, 3}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Stack(1, in...) },
			ref: func(in []nd) nd {
				out := newND(2, len(in), 3)
				each(out.shape, func(idx []int) { out.set(in[idx[1]].at(idx[0], idx[2]), idx...) })
				return out
			}},
		refCase{name: "Slice", shapes: [][]int{{2, 4, 3}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Slice(in[0], 1, 1, 3) }, ref: refSlice(1, 1, 3)},
		refCase{name: "Slice/last-axis-empty", shapes: [][]int{{3, 5}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Slice(in[0], -1, 2, 2) }, ref: refSlice(1, 2, 2)},
		refCase{name: "Split", shapes: [][]int{{3, 5}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Split(in[0], -1, 2, 2, 1)[1] }, ref: refSlice(1, 2, 4)},
		refCase{name: "Split/axis0-last-piece", shapes: [][]int{{4, 2}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Split(in[0], 0, 1, 3)[1] }, ref: refSlice(0, 1, 4)},
		refCase{name: "IndexSelect", shapes: [][]int{{2, 4, 3}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.IndexSelect(in[0], 1, dl.NewInts([]int{2, 0, 2, 3}, 2, 2)) },
			ref: func(in []nd) nd {
				ids := [][]int{{2, 0}, {2, 3}}
				out := newND(2, 2, 2, 3)
				each(out.shape, func(idx []int) { out.set(in[0].at(idx[0], ids[idx[1]][idx[2]], idx[3]), idx...) })
				return out
			}},
		refCase{name: "Gather", shapes: [][]int{{3, 4}}, op: func(in []*dl.Tensor) *dl.Tensor {
			return dl.Gather(in[0], -1, dl.NewInts([]int{3, 0, 0, 2, 1, 1}, 3, 2))
		},
			ref: func(in []nd) nd {
				ids := [][]int{{3, 0}, {0, 2}, {1, 1}}
				out := newND(3, 2)
				each(out.shape, func(idx []int) { out.set(in[0].at(idx[0], ids[idx[0]][idx[1]]), idx...) })
				return out
			}},
		refCase{name: "Gather/axis0-smaller", shapes: [][]int{{3, 3}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Gather(in[0], 0, dl.NewInts([]int{2, 0, 1, 2}, 2, 2)) },
			ref: func(in []nd) nd {
				ids := [][]int{{2, 0}, {1, 2}}
				out := newND(2, 2)
				each(out.shape, func(idx []int) { out.set(in[0].at(ids[idx[0]][idx[1]], idx[1]), idx...) })
				return out
			}},
		refCase{name: "Embedding", shapes: [][]int{{5, 3}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Embedding(in[0], dl.NewInts([]int{1, 4, 1, 0}, 2, 2)) },
			ref: func(in []nd) nd {
				ids := []int{1, 4, 1, 0}
				out := newND(2, 2, 3)
				each(out.shape, func(idx []int) { out.set(in[0].at(ids[idx[0]*2+idx[1]], idx[2]), idx...) })
				return out
			}},
		refCase{name: "Where", shapes: [][]int{{1, 4}, {2, 1, 1}}, op: func(in []*dl.Tensor) *dl.Tensor {
			return dl.Where(dl.NewMask([]bool{true, false, true}, 3, 1), in[0], in[1])
		}, ref: func(in []nd) nd {
			cond := []bool{true, false, true}
			out := newND(2, 3, 4)
			each(out.shape, func(idx []int) {
				v := in[1].at(idx[0], 0, 0)
				if cond[idx[1]] {
					v = in[0].at(0, idx[2])
				}
				out.set(v, idx...)
			})
			return out
		}},
		refCase{name: "MaskedFill", shapes: [][]int{{2, 2, 3, 3}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.MaskedFill(in[0], dl.CausalMask(3), math.Inf(-1)) },
			ref: func(in []nd) nd {
				out := newND(in[0].shape...)
				each(out.shape, func(idx []int) {
					v := in[0].at(idx...)
					if idx[3] > idx[2] {
						v = math.Inf(-1)
					}
					out.set(v, idx...)
				})
				return out
			}},
		refCase{name: "CrossEntropy", shapes: [][]int{{2, 3, 5}}, op: func(in []*dl.Tensor) *dl.Tensor {
			return dl.CrossEntropy(in[0], dl.NewInts([]int{0, 4, 2, -1, 1, 3}, 2, 3), -1)
		}, ref: func(in []nd) nd {
			targets := []int{0, 4, 2, -1, 1, 3}
			loss, n := 0.0, 0
			for r, y := range targets {
				if y < 0 {
					continue
				}
				row := in[0].v[r*5 : r*5+5]
				loss -= math.Log(math.Exp(row[y]) / expSum(row))
				n++
			}
			return nd{[]int{}, []float64{loss / float64(n)}}
		}},
		refCase{name: "Dropout", shapes: [][]int{{4, 5}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.Dropout(rand.New(rand.NewPCG(7, 7)), in[0], 0.3) },
			ref: func(in []nd) nd {
				r := rand.New(rand.NewPCG(7, 7)) // documented: one Float64 per element, in order
				return mapND(in[0], func(v float64) float64 {
					if r.Float64() < 0.3 {
						return 0
					}
					return v / 0.7
				})
			}},
		refCase{name: "LayerNorm", shapes: [][]int{{2, 3, 5}, {5}, {5}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.LayerNorm(in[0], in[1], in[2], 1e-5) },
			ref: func(in []nd) nd {
				out := alongAxis(in[0], -1, func(line []float64) []float64 {
					mean, vr := 0.0, 0.0
					for _, v := range line {
						mean += v / float64(len(line))
					}
					for _, v := range line {
						vr += (v - mean) * (v - mean) / float64(len(line))
					}
					o := make([]float64, len(line))
					for j, v := range line {
						o[j] = (v-mean)/math.Sqrt(vr+1e-5)*in[1].v[j] + in[2].v[j]
					}
					return o
				})
				return out
			}},
		refCase{name: "MSE", shapes: [][]int{{3, 4}, {3, 4}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.MSE(in[0], in[1]) },
			ref: func(in []nd) nd {
				s := 0.0
				for i, v := range in[0].v {
					s += (v - in[1].v[i]) * (v - in[1].v[i])
				}
				return nd{[]int{}, []float64{s / float64(len(in[0].v))}}
			}},
		refCase{name: "BCEWithLogits", shapes: [][]int{{2, 5}, {2, 5}}, op: func(in []*dl.Tensor) *dl.Tensor { return dl.BCEWithLogits(in[0], in[1]) },
			ref: func(in []nd) nd {
				s := 0.0
				for i, x := range in[0].v {
					y := in[1].v[i]
					s -= y*math.Log(sigm(x)) + (1-y)*math.Log(1-sigm(x))
				}
				return nd{[]int{}, []float64{s / float64(len(in[0].v))}}
			}},
	)
}

func expSum(row []float64) (s float64) {
	for _, v := range row {
		s += math.Exp(v)
	}
	return s
}

// refConcat joins 2-D or 3-D arrays along axis by walking the output and
// finding which input each position falls in.
func refConcat(axis int) func(in []nd) nd {
	return func(in []nd) nd {
		shape := slices.Clone(in[0].shape)
		shape[axis] = 0
		for _, a := range in {
			shape[axis] += a.shape[axis]
		}
		out := newND(shape...)
		each(shape, func(idx []int) {
			src := slices.Clone(idx)
			k := 0
			for src[axis] >= in[k].shape[axis] {
				src[axis] -= in[k].shape[axis]
				k++
			}
			out.set(in[k].at(src...), idx...)
		})
		return out
	}
}

func refSlice(axis, start, end int) func(in []nd) nd {
	return func(in []nd) nd {
		shape := slices.Clone(in[0].shape)
		shape[axis] = end - start
		out := newND(shape...)
		each(shape, func(idx []int) {
			src := slices.Clone(idx)
			src[axis] += start
			out.set(in[0].at(src...), idx...)
		})
		return out
	}
}
