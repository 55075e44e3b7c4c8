package spec

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
)

// LogoPNG draws the kernel's logo, size×size pixels: a small three-layer
// network (nodes and edges) in white on Go's cyan rounded square. It is drawn
// in code rather than shipped as a binary so that any size can be made and
// the repository holds no opaque files.
func LogoPNG(size int) ([]byte, error) {
	if size < 8 {
		return nil, fmt.Errorf("spec: logo size %d is below 8 pixels", size)
	}
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	layers := [][]float64{{0.30, 0.70}, {0.22, 0.50, 0.78}, {0.50}} // node y positions per layer
	xs := []float64{0.24, 0.50, 0.76}
	type pt struct{ x, y float64 }
	var nodes [][]pt
	for i, ys := range layers {
		var l []pt
		for _, y := range ys {
			l = append(l, pt{xs[i] * s, y * s})
		}
		nodes = append(nodes, l)
	}
	const sub = 4 // supersampling per axis, for antialiasing
	bg := color.NRGBA{0x00, 0xAD, 0xD8, 0xFF}
	radius, corner := 0.075*s, 0.2*s
	edge := 0.028 * s
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var inside, white int
			for sy := 0; sy < sub; sy++ {
				for sx := 0; sx < sub; sx++ {
					x := float64(px) + (float64(sx)+0.5)/sub
					y := float64(py) + (float64(sy)+0.5)/sub
					if !inRoundedSquare(x, y, s, corner) {
						continue
					}
					inside++
					hit := false
					for i, layer := range nodes {
						for _, n := range layer {
							if math.Hypot(x-n.x, y-n.y) <= radius {
								hit = true
							}
							if i+1 < len(nodes) {
								for _, m := range nodes[i+1] {
									if segmentDist(x, y, n.x, n.y, m.x, m.y) <= edge {
										hit = true
									}
								}
							}
						}
					}
					if hit {
						white++
					}
				}
			}
			if inside == 0 {
				continue
			}
			f := float64(white) / float64(inside)
			mix := func(c uint8) uint8 { return uint8(math.Round(float64(c)*(1-f) + 255*f)) }
			img.SetNRGBA(px, py, color.NRGBA{mix(bg.R), mix(bg.G), mix(bg.B), uint8(255 * inside / (sub * sub))})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("spec: encoding logo: %w", err)
	}
	return buf.Bytes(), nil
}

// inRoundedSquare reports whether (x, y) lies in the s×s square with corners
// rounded by radius r.
func inRoundedSquare(x, y, s, r float64) bool {
	cx := math.Max(r, math.Min(s-r, x))
	cy := math.Max(r, math.Min(s-r, y))
	return math.Hypot(x-cx, y-cy) <= r
}

// segmentDist is the distance from (x, y) to the segment (ax, ay)-(bx, by).
func segmentDist(x, y, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := ((x-ax)*dx + (y-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-(ax+t*dx), y-(ay+t*dy))
}
