package nn_test

import (
	"math/rand/v2"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/dataset"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// lectureNet is the lecture's network, Linear(784→H) → Sigmoid →
// Linear(H→10) → Softmax, whose probabilities go to the lecture's
// CrossEntropy (ProbCrossEntropy). With explicit false the Softmax is left
// out and the logits go to the fused, stable CrossEntropy instead: the
// same function, computed in one op.
func lectureNet(r *rand.Rand, hidden int, explicit bool) (net *nn.Sequential, loss func(x *dl.Tensor, y *dl.Ints) *dl.Tensor) {
	net = nn.NewSequential(nn.NewLinear(r, 784, hidden), nn.Sigmoid{}, nn.NewLinear(r, hidden, 10))
	if explicit {
		net.Layers = append(net.Layers, nn.NewSoftmax(-1))
		return net, func(x *dl.Tensor, y *dl.Ints) *dl.Tensor { return nn.ProbCrossEntropy{}.Forward(net.Forward(x), y) }
	}
	ce := &nn.CrossEntropy{}
	return net, func(x *dl.Tensor, y *dl.Ints) *dl.Tensor { return ce.Forward(net.Forward(x), y) }
}

// classificationData returns n training and m held-out examples, [N, 784]
// and [N]: the first images of Fashion-MNIST when the dataset is installed
// (or in GENDL_DATA), else ten Gaussian clusters in 784 dimensions. It
// never downloads.
func classificationData(r *rand.Rand, n, m int) (x *dl.Tensor, y *dl.Ints, xv *dl.Tensor, yv *dl.Ints, source string) {
	s := dataset.DefaultStore()
	s.Offline = true
	if d, err := s.FashionMNIST(dataset.Train); err == nil && d.Len() >= n+m {
		idx := func(lo, hi int) []int {
			out := make([]int, hi-lo)
			for i := range out {
				out[i] = lo + i
			}
			return out
		}
		x, y = d.Batch(idx(0, n))
		xv, yv = d.Batch(idx(n, n+m))
		return x.Reshape(n, 784), y, xv.Reshape(m, 784), yv, "Fashion-MNIST"
	}
	means := dl.Randn(r, 10, 784)
	gen := func(k int) (*dl.Tensor, *dl.Ints) {
		xs := dl.Randn(r, k, 784)
		ys := make([]int, k)
		data, mu := xs.Float32s(), means.Float32s()
		for i := range ys {
			ys[i] = r.IntN(10)
			for j := range 784 {
				data[i*784+j] = 2*data[i*784+j] + 0.5*mu[ys[i]*784+j]
			}
		}
		return xs, dl.NewInts(ys, k)
	}
	x, y = gen(n)
	xv, yv = gen(m)
	return x, y, xv, yv, "synthetic"
}

// batch copies rows idx of x [N, F] and y.
func batch(x *dl.Tensor, y *dl.Ints, idx []int) (*dl.Tensor, *dl.Ints) {
	f := x.Dim(1)
	xs, ys := make([]float32, len(idx)*f), make([]int, len(idx))
	src := x.Float32s()
	for b, i := range idx {
		copy(xs[b*f:(b+1)*f], src[i*f:(i+1)*f])
		ys[b] = y.Data[i]
	}
	return dl.FromFloat32(xs, len(idx), f), dl.NewInts(ys, len(idx))
}

func accuracy(net *nn.Sequential, x *dl.Tensor, y *dl.Ints) float64 {
	var out *dl.Tensor
	dl.NoGrad(func() { out = net.Forward(x) })
	c := out.Dim(1)
	v := out.Floats()
	right := 0
	for i, t := range y.Data {
		best := 0
		for j := range c {
			if v[i*c+j] > v[i*c+best] {
				best = j
			}
		}
		if best == t {
			right++
		}
	}
	return float64(right) / float64(len(y.Data))
}

// trainLecture runs epochs of minibatch SGD and returns the mean loss of
// the first and the last ten steps.
func trainLecture(r *rand.Rand, net *nn.Sequential, loss func(*dl.Tensor, *dl.Ints) *dl.Tensor, x *dl.Tensor, y *dl.Ints, epochs int) (first, last float64) {
	opt := optim.NewSGD(net.Parameters(), 0.5)
	var losses []float64
	for range epochs {
		order := r.Perm(x.Dim(0))
		for lo := 0; lo+64 <= len(order); lo += 64 {
			xb, yb := batch(x, y, order[lo:lo+64])
			opt.ZeroGrad()
			l := loss(xb, yb)
			l.Backward()
			opt.Step()
			losses = append(losses, l.Item())
		}
	}
	for i := range 10 {
		first += losses[i] / 10
		last += losses[len(losses)-10+i] / 10
	}
	return first, last
}

func TestLectureNetworkTrains(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	x, y, xv, yv, source := classificationData(r, 4096, 1024)
	for _, explicit := range []bool{true, false} {
		net, loss := lectureNet(rand.New(rand.NewPCG(3, 4)), 64, explicit)
		first, last := trainLecture(rand.New(rand.NewPCG(5, 6)), net, loss, x, y, 2)
		acc := accuracy(net, xv, yv)
		t.Logf("%s, explicit softmax %v: loss %.3f → %.3f, held-out accuracy %.3f", source, explicit, first, last, acc)
		if !(last < 0.5*first) || acc < 0.7 {
			t.Errorf("explicit %v: loss %.3f → %.3f, accuracy %.3f: the network did not learn", explicit, first, last, acc)
		}
	}
}
