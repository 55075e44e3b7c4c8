package npy

// toCOrder rearranges data stored in Fortran (column-major) order into C
// (row-major) order for the same shape.
func (a *Array) toCOrder() {
	if len(a.Shape) < 2 {
		return
	}
	switch {
	case a.Float32 != nil:
		a.Float32 = transposeFortran(a.Float32, a.Shape)
	case a.Float64 != nil:
		a.Float64 = transposeFortran(a.Float64, a.Shape)
	default:
		a.Int64 = transposeFortran(a.Int64, a.Shape)
	}
}

// transposeFortran returns src, a column-major array of the given shape, in
// row-major order. It walks the row-major index like an odometer and keeps
// the column-major offset in step, so it costs O(size) rather than
// O(size·rank).
func transposeFortran[T any](src []T, shape []int) []T {
	dst := make([]T, len(src))
	if len(src) == 0 {
		return dst
	}
	rank := len(shape)
	fstride := make([]int, rank) // column-major strides
	s := 1
	for i := range rank {
		fstride[i] = s
		s *= shape[i]
	}
	idx := make([]int, rank)
	off := 0
	for i := range dst {
		dst[i] = src[off]
		for ax := rank - 1; ax >= 0; ax-- {
			idx[ax]++
			off += fstride[ax]
			if idx[ax] < shape[ax] {
				break
			}
			off -= idx[ax] * fstride[ax]
			idx[ax] = 0
		}
	}
	return dst
}
