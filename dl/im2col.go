package dl

// convGeom describes a 2-D sliding window over one [C, H, W] image: kernel
// kh×kw, stride, zero padding, and the resulting oh×ow output grid.
type convGeom struct {
	c, h, w, kh, kw, stride, pad, oh, ow int
}

// rows is the height of the unfolded matrix: C·kh·kw.
func (g convGeom) rows() int { return g.c * g.kh * g.kw }

// cols is its width: one column per output position.
func (g convGeom) cols() int { return g.oh * g.ow }

// im2col unfolds img [C, H, W] into cols [C·kh·kw, oh·ow]: column p holds
// the receptive field of output position p, zeros where it overhangs the
// padding. A convolution is then one matrix product with the weights.
func im2col[T float](g convGeom, img, cols []T) {
	for c := range g.c {
		for ki := range g.kh {
			for kj := range g.kw {
				row := cols[((c*g.kh+ki)*g.kw+kj)*g.cols():]
				for oi := range g.oh {
					y := oi*g.stride + ki - g.pad
					dst := row[oi*g.ow : (oi+1)*g.ow]
					if y < 0 || y >= g.h {
						clear(dst)
						continue
					}
					src := img[(c*g.h+y)*g.w:]
					for oj := range g.ow {
						if x := oj*g.stride + kj - g.pad; x >= 0 && x < g.w {
							dst[oj] = src[x]
						} else {
							dst[oj] = 0
						}
					}
				}
			}
		}
	}
}

// col2im is the adjoint of im2col: it adds every column entry back onto the
// image pixel it was read from (overlapping windows accumulate).
func col2im[T float](g convGeom, cols, img []T) {
	for c := range g.c {
		for ki := range g.kh {
			for kj := range g.kw {
				row := cols[((c*g.kh+ki)*g.kw+kj)*g.cols():]
				for oi := range g.oh {
					y := oi*g.stride + ki - g.pad
					if y < 0 || y >= g.h {
						continue
					}
					dst := img[(c*g.h+y)*g.w:]
					for oj := range g.ow {
						if x := oj*g.stride + kj - g.pad; x >= 0 && x < g.w {
							dst[x] += row[oi*g.ow+oj]
						}
					}
				}
			}
		}
	}
}
