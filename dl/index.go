package dl

import "slices"

// IndexSelect picks entries of x along axis by integer IDs, like numpy's
// take: for x of shape [A, N, B], axis 1 and ids of shape S the result is
// [A, S..., B] with out[a, s, b] = x[a, ids[s], b]. Embedding is the case
// axis 0 of a [V, C] table. IDs may repeat; the backward adds each output
// entry's gradient into the entry it came from. An ID outside
// [0, x.Dim(axis)) panics with a *ShapeError.
func IndexSelect(x *Tensor, axis int, ids *Ints) *Tensor {
	axis = x.axis("IndexSelect", axis)
	n := x.shape[axis]
	for i, id := range ids.Data {
		if id < 0 || id >= n {
			panicShapes("IndexSelect", [][]int{x.shape, ids.shape}, "ID %d at position %d outside [0, %d) on axis %d", id, i, n, axis)
		}
	}
	outer, _, inner := splitAt(x.shape, axis)
	shape := slices.Concat(x.shape[:axis], ids.shape, x.shape[axis+1:])
	out := empty(x.dtype, shape)
	data := slices.Clone(ids.Data) // the caller may reuse its batch buffer
	if x.dtype == Float64 {
		takeRows(out.f64, x.f64, data, outer, n, inner)
	} else {
		takeRows(out.f32, x.f32, data, outer, n, inner)
	}
	from := slices.Clone(x.shape)
	return record("IndexSelect", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		gx := empty(g.dtype, from)
		if g.dtype == Float64 {
			putRows(gx.f64, g.f64, data, outer, n, inner)
		} else {
			putRows(gx.f32, g.f32, data, outer, n, inner)
		}
		return []*Tensor{gx}
	})
}

// takeRows copies x[o, ids[k], :] to out[o, k, :], x viewed as
// [outer, n, inner].
func takeRows[T float](out, x []T, ids []int, outer, n, inner int) {
	k := len(ids)
	for o := range outer {
		for j, id := range ids {
			d := (o*k + j) * inner
			s := (o*n + id) * inner
			copy(out[d:d+inner], x[s:s+inner])
		}
	}
}

// putRows adds g[o, k, :] into gx[o, ids[k], :]: the backward of takeRows.
func putRows[T float](gx, g []T, ids []int, outer, n, inner int) {
	k := len(ids)
	for o := range outer {
		for j, id := range ids {
			src := g[(o*k+j)*inner:][:inner]
			dst := gx[(o*n+id)*inner:][:inner]
			for i, v := range src {
				dst[i] += v
			}
		}
	}
}

// Gather reads x along axis at the positions ids gives, with torch.gather's
// semantics: ids has x's rank, is no larger than x on every other axis, and
// the result has ids' shape with
//
//	out[i][j][k] = x[i][ids[i][j][k]][k]   (axis 1)
//
// Picking the logit of each row's target class is Gather(logits, -1, ids)
// with ids [N, 1]. The backward adds each gradient entry into the position
// it was read from. Gather panics with a *ShapeError on a rank or size
// mismatch or an ID outside [0, x.Dim(axis)).
func Gather(x *Tensor, axis int, ids *Ints) *Tensor {
	axis = x.axis("Gather", axis)
	shapes := [][]int{x.shape, ids.shape}
	if ids.Rank() != x.Rank() {
		panicShapes("Gather", shapes, "IDs have rank %d, x has %d", ids.Rank(), x.Rank())
	}
	for d, s := range ids.shape {
		if d != axis && s > x.shape[d] {
			panicShapes("Gather", shapes, "IDs larger than x on axis %d (%d > %d)", d, s, x.shape[d])
		}
	}
	n := x.shape[axis]
	for i, id := range ids.Data {
		if id < 0 || id >= n {
			panicShapes("Gather", shapes, "ID %d at position %d outside [0, %d) on axis %d", id, i, n, axis)
		}
	}
	// src[i] is the flat offset in x that output element i reads.
	src := make([]int, len(ids.Data))
	st := contiguousStrides(x.shape)
	idx := make([]int, len(ids.shape))
	for i, id := range ids.Data {
		off := 0
		for d, v := range idx {
			if d == axis {
				v = id
			}
			off += v * st[d]
		}
		src[i] = off
		for d := len(idx) - 1; d >= 0; d-- { // odometer over ids' shape
			if idx[d]++; idx[d] < ids.shape[d] {
				break
			}
			idx[d] = 0
		}
	}
	out := empty(x.dtype, ids.shape)
	if x.dtype == Float64 {
		gatherFlat(out.f64, x.f64, src)
	} else {
		gatherFlat(out.f32, x.f32, src)
	}
	from := slices.Clone(x.shape)
	return record("Gather", out, []*Tensor{x}, func(g *Tensor) []*Tensor {
		gx := empty(g.dtype, from)
		if g.dtype == Float64 {
			scatterAddFlat(gx.f64, g.f64, src)
		} else {
			scatterAddFlat(gx.f32, g.f32, src)
		}
		return []*Tensor{gx}
	})
}

func gatherFlat[T float](out, x []T, src []int) {
	for i, s := range src {
		out[i] = x[s]
	}
}

func scatterAddFlat[T float](gx, g []T, src []int) {
	for i, s := range src {
		gx[s] += g[i]
	}
}
