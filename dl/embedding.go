package dl

import (
	"fmt"
	"slices"
)

// Embedding looks up rows of table [V, C] by IDs of any shape S and returns
// [S..., C]: the forward of an embedding layer, and index-select along axis
// 0. The backward scatters (adds) each output row's gradient into the row
// it came from, so repeated IDs accumulate.
func Embedding(table *Tensor, ids *Ints) *Tensor {
	if table.Rank() != 2 {
		panic(&ShapeError{Op: "Embedding", Shapes: [][]int{table.Shape(), ids.Shape()}, Msg: "table must be [V, C]"})
	}
	v, c := table.shape[0], table.shape[1]
	for i, id := range ids.Data {
		if id < 0 || id >= v {
			panic(&ShapeError{Op: "Embedding", Shapes: [][]int{table.Shape(), ids.Shape()},
				Msg: fmt.Sprintf("ID %d at position %d outside [0, %d)", id, i, v)})
		}
	}
	out := emptyUninit(table.dtype, append(ids.Shape(), c))
	for i, id := range ids.Data {
		if table.dtype == Float64 {
			copy(out.f64[i*c:(i+1)*c], table.f64[id*c:])
		} else {
			copy(out.f32[i*c:(i+1)*c], table.f32[id*c:])
		}
	}
	if !recording(table) {
		return out
	}
	data := slices.Clone(ids.Data) // the caller may reuse its batch buffer
	return record("Embedding", out, []*Tensor{table}, func(g *Tensor) []*Tensor {
		gt := ZerosLike(table)
		for i, id := range data {
			if gt.dtype == Float64 {
				dst, src := gt.f64[id*c:(id+1)*c], g.f64[i*c:]
				for j := range dst {
					dst[j] += src[j]
				}
			} else {
				dst, src := gt.f32[id*c:(id+1)*c], g.f32[i*c:]
				for j := range dst {
					dst[j] += src[j]
				}
			}
		}
		return freshGrads(gt)
	})
}
