package dl

// Conv2d is PyTorch's F.conv2d without groups or dilation: x [N, C, H, W],
// weight [O, C, kh, kw], bias [O] or nil, with the given stride and zero
// padding on every side. The result is [N, O, OH, OW] with
// OH = (H + 2·pad - kh)/stride + 1. Each image is unfolded (im2col) and
// multiplied with the weight in one product on the fast matmul.
func Conv2d(x, weight, bias *Tensor, stride, pad int) *Tensor {
	g := convCheck("Conv2d", x, weight, bias, stride, pad)
	n, o := x.shape[0], weight.shape[0]
	out := empty(x.dtype, []int{n, o, g.oh, g.ow})
	if x.dtype == Float64 {
		convForward(g, n, o, x.f64, weight.f64, optSlice64(bias), out.f64)
	} else {
		convForward(g, n, o, x.f32, weight.f32, optSlice32(bias), out.f32)
	}
	inputs := scanInputs(x, weight, bias)
	xd, wd := x.Detach(), weight.Detach()
	return record("Conv2d", out, inputs, func(gr *Tensor) []*Tensor {
		gx, gw := ZerosLike(xd), ZerosLike(wd)
		var gb *Tensor
		if bias != nil {
			gb = ZerosLike(bias)
		}
		if x.dtype == Float64 {
			convBackward(g, n, o, gr.f64, xd.f64, wd.f64, gx.f64, gw.f64, optSlice64(gb))
		} else {
			convBackward(g, n, o, gr.f32, xd.f32, wd.f32, gx.f32, gw.f32, optSlice32(gb))
		}
		return []*Tensor{gx, gw, gb}
	})
}

func convCheck(op string, x, weight, bias *Tensor, stride, pad int) convGeom {
	ts := scanInputs(x, weight, bias)
	sameDType(op, ts...)
	if x.Rank() != 4 || weight.Rank() != 4 || x.shape[1] != weight.shape[1] {
		panicf(op, ts, "want x [N, C, H, W] and weight [O, C, kh, kw] with matching C")
	}
	if bias != nil && (bias.Rank() != 1 || bias.shape[0] != weight.shape[0]) {
		panicf(op, ts, "bias must be [O]")
	}
	if stride < 1 || pad < 0 {
		panicf(op, ts, "stride %d, padding %d", stride, pad)
	}
	g := convGeom{c: x.shape[1], h: x.shape[2], w: x.shape[3], kh: weight.shape[2], kw: weight.shape[3], stride: stride, pad: pad}
	g.oh = (g.h+2*pad-g.kh)/stride + 1
	g.ow = (g.w+2*pad-g.kw)/stride + 1
	if g.h+2*pad < g.kh || g.w+2*pad < g.kw {
		panicf(op, ts, "kernel %dx%d larger than the padded %dx%d input", g.kh, g.kw, g.h+2*pad, g.w+2*pad)
	}
	return g
}

func convForward[T float](g convGeom, n, o int, x, w, b, out []T) {
	cols := make([]T, g.rows()*g.cols())
	img, res := g.c*g.h*g.w, o*g.cols()
	for i := range n {
		im2col(g, x[i*img:], cols)
		y := out[i*res : (i+1)*res]
		for oc := range o {
			v := T(0)
			if b != nil {
				v = b[oc]
			}
			for p := range g.cols() {
				y[oc*g.cols()+p] = v
			}
		}
		gemm(false, false, o, g.cols(), g.rows(), w, g.rows(), cols, g.cols(), 1, y, g.cols())
	}
}

func convBackward[T float](g convGeom, n, o int, gy, x, w, gx, gw, gb []T) {
	cols := make([]T, g.rows()*g.cols())
	dcols := make([]T, g.rows()*g.cols())
	img, res := g.c*g.h*g.w, o*g.cols()
	for i := range n {
		dy := gy[i*res : (i+1)*res]
		im2col(g, x[i*img:], cols)
		gemm(false, true, o, g.rows(), g.cols(), dy, g.cols(), cols, g.cols(), 1, gw, g.rows()) // dW += dY·colsᵀ
		gemm(true, false, g.rows(), g.cols(), o, w, g.rows(), dy, g.cols(), 0, dcols, g.cols()) // dcols = Wᵀ·dY
		col2im(g, dcols, gx[i*img:])
		if gb != nil {
			for oc := range o {
				for _, v := range dy[oc*g.cols() : (oc+1)*g.cols()] {
					gb[oc] += v
				}
			}
		}
	}
}

// ConvTranspose2d is PyTorch's F.conv_transpose2d without groups or
// dilation: x [N, C, H, W], weight [C, O, kh, kw] (PyTorch's layout for
// transposed convolutions), bias [O] or nil. The result is [N, O, OH, OW]
// with OH = (H-1)·stride - 2·pad + kh + outPad. It is the adjoint of Conv2d
// (each input pixel scatters a weighted kernel), the upsampling layer of
// DCGAN generators and U-Net decoders.
func ConvTranspose2d(x, weight, bias *Tensor, stride, pad, outPad int) *Tensor {
	ts := scanInputs(x, weight, bias)
	sameDType("ConvTranspose2d", ts...)
	if x.Rank() != 4 || weight.Rank() != 4 || x.shape[1] != weight.shape[0] {
		panicf("ConvTranspose2d", ts, "want x [N, C, H, W] and weight [C, O, kh, kw] with matching C")
	}
	if bias != nil && (bias.Rank() != 1 || bias.shape[0] != weight.shape[1]) {
		panicf("ConvTranspose2d", ts, "bias must be [O]")
	}
	if stride < 1 || pad < 0 || outPad < 0 || outPad >= stride {
		panicf("ConvTranspose2d", ts, "stride %d, padding %d, output padding %d", stride, pad, outPad)
	}
	n, c, h, w := x.shape[0], x.shape[1], x.shape[2], x.shape[3]
	o, kh, kw := weight.shape[1], weight.shape[2], weight.shape[3]
	oh, ow := (h-1)*stride-2*pad+kh+outPad, (w-1)*stride-2*pad+kw+outPad
	if oh < 1 || ow < 1 {
		panicf("ConvTranspose2d", ts, "output would be %dx%d", oh, ow)
	}
	// The geometry of the convolution this transposes: output image [O, oh, ow]
	// seen as its input, x's grid as its output.
	g := convGeom{c: o, h: oh, w: ow, kh: kh, kw: kw, stride: stride, pad: pad, oh: h, ow: w}
	out := empty(x.dtype, []int{n, o, oh, ow})
	if x.dtype == Float64 {
		convTForward(g, n, c, x.f64, weight.f64, optSlice64(bias), out.f64)
	} else {
		convTForward(g, n, c, x.f32, weight.f32, optSlice32(bias), out.f32)
	}
	xd, wd := x.Detach(), weight.Detach()
	return record("ConvTranspose2d", out, ts, func(gr *Tensor) []*Tensor {
		gx, gw := ZerosLike(xd), ZerosLike(wd)
		var gb *Tensor
		if bias != nil {
			gb = ZerosLike(bias)
		}
		if x.dtype == Float64 {
			convTBackward(g, n, c, gr.f64, xd.f64, wd.f64, gx.f64, gw.f64, optSlice64(gb))
		} else {
			convTBackward(g, n, c, gr.f32, xd.f32, wd.f32, gx.f32, gw.f32, optSlice32(gb))
		}
		return []*Tensor{gx, gw, gb}
	})
}

func convTForward[T float](g convGeom, n, c int, x, w, b, out []T) {
	cols := make([]T, g.rows()*g.cols())
	in, img := c*g.cols(), g.c*g.h*g.w
	for i := range n {
		gemm(true, false, g.rows(), g.cols(), c, w, g.rows(), x[i*in:], g.cols(), 0, cols, g.cols()) // cols = Wᵀ·x
		y := out[i*img : (i+1)*img]
		if b != nil {
			for oc := range g.c {
				for p := range g.h * g.w {
					y[oc*g.h*g.w+p] = b[oc]
				}
			}
		}
		col2im(g, cols, y)
	}
}

func convTBackward[T float](g convGeom, n, c int, gy, x, w, gx, gw, gb []T) {
	cols := make([]T, g.rows()*g.cols())
	in, img := c*g.cols(), g.c*g.h*g.w
	for i := range n {
		dy := gy[i*img : (i+1)*img]
		im2col(g, dy, cols)
		gemm(false, false, c, g.cols(), g.rows(), w, g.rows(), cols, g.cols(), 0, gx[i*in:], g.cols()) // dx = W·im2col(dY)
		gemm(false, true, c, g.rows(), g.cols(), x[i*in:], g.cols(), cols, g.cols(), 1, gw, g.rows())  // dW += x·im2col(dY)ᵀ
		if gb != nil {
			for oc := range g.c {
				for _, v := range dy[oc*g.h*g.w : (oc+1)*g.h*g.w] {
					gb[oc] += v
				}
			}
		}
	}
}
