package plotting

import (
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// GridOptions configure ImageGrid.
type GridOptions struct {
	// Cols is the number of images per row (default: ceil(sqrt(N)), so
	// 64 images make an 8 x 8 grid).
	Cols int
	// Labels, if set, has one caption per image (a class name, a
	// predicted/true pair), drawn under it.
	Labels []string
	Title  string
	// Lo and Hi map to black and white; both zero means the batch's own
	// minimum and maximum (so [-1, 1] GAN outputs and [0, 1] pixels both
	// show). PerImage stretches each image to its own range instead.
	Lo, Hi   float64
	PerImage bool
	// Scale is the whole number of screen pixels per image pixel
	// (default: enough for tiles of about 64 pixels).
	Scale int
}

// ImageGridFigure is a batch of images in a grid. Tiles holds the images
// (already scaled to [0, 255] and enlarged by Scale) in batch order.
type ImageGridFigure struct {
	N, C, H, W int
	Rows, Cols int
	Scale      int
	Labels     []string
	Title      string
	Tiles      []*image.NRGBA
}

// ImageGrid lays out a batch of images given as row-major data of shape
// [N, H, W] (grey) or [N, C, H, W] with C = 1 (grey) or 3 (RGB). It
// panics with *ShapeError on any other shape, a data length that does not
// match it, or a Labels length other than N.
func ImageGrid(data []float64, shape []int, opt GridOptions) *ImageGridFigure {
	var n, c, h, w int
	switch len(shape) {
	case 3:
		n, c, h, w = shape[0], 1, shape[1], shape[2]
	case 4:
		n, c, h, w = shape[0], shape[1], shape[2], shape[3]
	default:
		shapePanic("ImageGrid", "shape %v: want [N, H, W] or [N, C, H, W]", shape)
	}
	if c != 1 && c != 3 {
		shapePanic("ImageGrid", "shape %v: %d channels, want 1 or 3", shape, c)
	}
	if n <= 0 || h <= 0 || w <= 0 || len(data) != n*c*h*w {
		shapePanic("ImageGrid", "shape %v needs %d values, got %d", shape, max(n*c*h*w, 0), len(data))
	}
	if opt.Labels != nil && len(opt.Labels) != n {
		shapePanic("ImageGrid", "%d labels for %d images", len(opt.Labels), n)
	}
	cols := opt.Cols
	if cols <= 0 {
		cols = int(math.Ceil(math.Sqrt(float64(n))))
	}
	cols = min(cols, n)
	scale := opt.Scale
	if scale <= 0 {
		scale = max(1, int(math.Round(64/float64(max(h, w)))))
	}
	g := &ImageGridFigure{N: n, C: c, H: h, W: w, Cols: cols, Rows: (n + cols - 1) / cols,
		Scale: scale, Labels: opt.Labels, Title: opt.Title}
	lo, hi := opt.Lo, opt.Hi
	if lo == 0 && hi == 0 {
		lo, hi = finiteRange(data)
	}
	size := c * h * w
	for i := 0; i < n; i++ {
		img := data[i*size : (i+1)*size]
		l, u := lo, hi
		if opt.PerImage {
			l, u = finiteRange(img)
		}
		g.Tiles = append(g.Tiles, tile(img, c, h, w, scale, l, u))
	}
	return g
}

// finiteRange is the min and max of the finite values, widened when
// they are equal so that division is safe.
func finiteRange(v []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range v {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	if math.IsInf(lo, 1) {
		return 0, 1
	}
	if hi == lo {
		return lo - 0.5, hi + 0.5
	}
	return lo, hi
}

// tile converts one [C, H, W] image to 8-bit pixels, each image pixel a
// scale x scale block (nearest neighbour: digits stay crisp).
func tile(v []float64, c, h, w, scale int, lo, hi float64) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w*scale, h*scale))
	level := func(x float64) uint8 {
		t := (x - lo) / (hi - lo)
		if math.IsNaN(t) {
			return 0
		}
		return uint8(math.Round(255 * math.Max(0, math.Min(1, t))))
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var px color.NRGBA
			if c == 1 {
				g := level(v[y*w+x])
				px = color.NRGBA{g, g, g, 255}
			} else {
				px = color.NRGBA{level(v[y*w+x]), level(v[h*w+y*w+x]), level(v[2*h*w+y*w+x]), 255}
			}
			for dy := 0; dy < scale; dy++ {
				for dx := 0; dx < scale; dx++ {
					img.SetNRGBA(x*scale+dx, y*scale+dy, px)
				}
			}
		}
	}
	return img
}

// Geometry in points (0.75 pt is one pixel at DefaultDPI).
const (
	gridGap    = 4.5
	gridMargin = 6
	gridLabel  = 10
	pxPerPoint = DefaultDPI / 72.0
)

func (g *ImageGridFigure) geometry() (tw, th, labelH, top vg.Length) {
	tw = vg.Length(float64(g.W*g.Scale) / pxPerPoint)
	th = vg.Length(float64(g.H*g.Scale) / pxPerPoint)
	if g.Labels != nil {
		labelH = gridLabel * 1.4
	}
	if g.Title != "" {
		top = TitleSize * 1.8
	}
	return
}

// Size makes each image pixel Scale screen pixels at DefaultDPI.
func (g *ImageGridFigure) Size() (w, h vg.Length) {
	tw, th, lh, top := g.geometry()
	w = vg.Length(g.Cols)*(tw+gridGap) - gridGap + 2*gridMargin
	h = vg.Length(g.Rows)*(th+lh+gridGap) - gridGap + 2*gridMargin + top
	return max(w, 2*vg.Inch), h
}

// Draw draws the tiles row by row (scaled uniformly to fit a canvas of
// another size), with captions under them and the title on top.
func (g *ImageGridFigure) Draw(c draw.Canvas) {
	w, h := g.Size()
	cw, ch := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	s := min(cw/w, ch/h)
	c.Push()
	defer c.Pop()
	c.Translate(vg.Point{X: c.Min.X + (cw-w*s)/2, Y: c.Min.Y + (ch-h*s)/2})
	c.Scale(float64(s), float64(s))
	tw, th, lh, top := g.geometry()
	gridW := vg.Length(g.Cols)*(tw+gridGap) - gridGap
	left := (w - gridW) / 2
	sty := text.Style{Color: color.Black, Font: fontOf(gridLabel), XAlign: draw.XCenter,
		YAlign: draw.YTop, Handler: plot.DefaultTextHandler}
	if g.Title != "" {
		ts := sty
		ts.Font = fontOf(TitleSize)
		c.FillText(ts, vg.Point{X: w / 2, Y: h - gridMargin}, g.Title)
	}
	for i, t := range g.Tiles {
		r, col := i/g.Cols, i%g.Cols
		x := left + vg.Length(col)*(tw+gridGap)
		yTop := h - gridMargin - top - vg.Length(r)*(th+lh+gridGap)
		c.DrawImage(vg.Rectangle{Min: vg.Point{X: x, Y: yTop - th}, Max: vg.Point{X: x + tw, Y: yTop}}, t)
		if g.Labels != nil {
			c.FillText(sty, vg.Point{X: x + tw/2, Y: yTop - th - 2}, g.Labels[i])
		}
	}
}
