package dataset

import (
	"fmt"
	"iter"
	"math"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
)

// Images is a labelled image set: X is [N, H, W] float32 with pixels
// scaled to [0, 1] (until Normalize), Y is [N] class IDs, Classes names
// them.
type Images struct {
	X       *dl.Tensor // [N, H, W]
	Y       *dl.Ints   // [N]
	Classes []string
}

// NewImages builds an image set from an IDX array of uint8 images
// [N, H, W] and one of uint8 labels [N], each label below len(classes).
func NewImages(images, labels *IDX, classes []string) (*Images, error) {
	if images.Type != IDXUint8 || len(images.Dims) != 3 {
		return nil, fmt.Errorf("dataset: images: want uint8 [N, H, W], have type 0x%02x dims %v", byte(images.Type), images.Dims)
	}
	if labels.Type != IDXUint8 || len(labels.Dims) != 1 {
		return nil, fmt.Errorf("dataset: labels: want uint8 [N], have type 0x%02x dims %v", byte(labels.Type), labels.Dims)
	}
	n := images.Dims[0]
	if labels.Dims[0] != n {
		return nil, fmt.Errorf("dataset: %d images but %d labels", n, labels.Dims[0])
	}
	x := make([]float32, len(images.Data))
	for i, p := range images.Data {
		x[i] = float32(p) / 255
	}
	y := make([]int, n)
	for i, l := range labels.Data {
		if int(l) >= len(classes) {
			return nil, fmt.Errorf("dataset: label %d of image %d, but %d classes", l, i, len(classes))
		}
		y[i] = int(l)
	}
	return &Images{
		X:       dl.FromFloat32(x, images.Dims...),
		Y:       dl.NewInts(y, n),
		Classes: classes,
	}, nil
}

// Len is the number of images.
func (d *Images) Len() int { return d.Y.Size() }

// Slice returns images lo..hi-1, sharing memory with d (a short mode for
// notebooks: d.Slice(0, 5000)). It panics if the range is invalid.
func (d *Images) Slice(lo, hi int) *Images {
	if lo < 0 || hi < lo || hi > d.Len() {
		panic(&dl.ShapeError{Op: "dataset.Images.Slice", Shapes: [][]int{d.X.Shape()}, Msg: fmt.Sprintf("range [%d, %d) outside [0, %d)", lo, hi, d.Len())})
	}
	shape := d.X.Shape()
	px := shape[1] * shape[2]
	shape[0] = hi - lo
	return &Images{
		X:       dl.FromFloat32(d.X.Float32s()[lo*px:hi*px], shape...),
		Y:       dl.NewInts(d.Y.Data[lo:hi], hi-lo),
		Classes: d.Classes,
	}
}

// Stats returns the mean and standard deviation of all pixels.
func (d *Images) Stats() (mean, std float64) {
	x := d.X.Float32s()
	var s, s2 float64
	for _, v := range x {
		s += float64(v)
		s2 += float64(v) * float64(v)
	}
	n := float64(len(x))
	mean = s / n
	return mean, math.Sqrt(math.Max(s2/n-mean*mean, 0))
}

// Normalize maps every pixel p to (p - mean) / std in place. Fashion-MNIST's
// training set has mean 0.2860 and std 0.3530; use the training statistics
// for the test set too. It panics if std is not positive.
func (d *Images) Normalize(mean, std float64) {
	if !(std > 0) {
		panic(fmt.Sprintf("dataset: Normalize: std %v is not positive", std))
	}
	m, inv := float32(mean), float32(1/std)
	x := d.X.Float32s()
	for i, v := range x {
		x[i] = (v - m) * inv
	}
}

// Batch copies the images and labels at idx into a [B, H, W] tensor and a
// [B] Ints. It panics if an index is out of range.
func (d *Images) Batch(idx []int) (x *dl.Tensor, y *dl.Ints) {
	shape := d.X.Shape()
	px := shape[1] * shape[2]
	src := d.X.Float32s()
	xs := make([]float32, len(idx)*px)
	ys := make([]int, len(idx))
	for b, i := range idx {
		if i < 0 || i >= d.Len() {
			panic(&dl.ShapeError{Op: "dataset.Images.Batch", Shapes: [][]int{shape}, Msg: fmt.Sprintf("index %d out of range [0, %d)", i, d.Len())})
		}
		copy(xs[b*px:(b+1)*px], src[i*px:(i+1)*px])
		ys[b] = d.Y.Data[i]
	}
	return dl.FromFloat32(xs, len(idx), shape[1], shape[2]), dl.NewInts(ys, len(idx))
}

// Batches iterates over one epoch in minibatches of size images (the last
// one smaller if size does not divide Len()), in an order shuffled with r,
// or in file order when r is nil:
//
//	for x, y := range train.Batches(r, 64) { // x [64, 28, 28], y [64]
//
// It panics if size is not positive.
func (d *Images) Batches(r *rand.Rand, size int) iter.Seq2[*dl.Tensor, *dl.Ints] {
	if size <= 0 {
		panic(fmt.Sprintf("dataset: Batches: size %d is not positive", size))
	}
	order := make([]int, d.Len())
	for i := range order {
		order[i] = i
	}
	if r != nil {
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	return func(yield func(*dl.Tensor, *dl.Ints) bool) {
		for lo := 0; lo < len(order); lo += size {
			x, y := d.Batch(order[lo:min(lo+size, len(order))])
			if !yield(x, y) {
				return
			}
		}
	}
}
