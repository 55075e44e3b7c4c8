package nn

import (
	"fmt"

	"github.com/gendl/gendl/dl"
)

// BatchNorm is PyTorch's nn.BatchNorm1d / nn.BatchNorm2d: for [N, C] or
// [N, C, H, W] input it normalises each channel over the batch (and
// positions) while training, updating running statistics with Momentum,
// and with the running statistics in evaluation mode. Weight and Bias are
// [C]; the running statistics are buffers (saved, not trained).
type BatchNorm struct {
	Weight, Bias *dl.Tensor
	RunningMean  *dl.Tensor
	RunningVar   *dl.Tensor
	Tracked      *dl.Tensor // num_batches_tracked, a scalar
	Eps          float64
	Momentum     float64
	eval         bool
}

// NewBatchNorm returns a BatchNorm over c channels with PyTorch's defaults:
// weight ones, bias zeros, running mean 0 and variance 1, eps 1e-5,
// momentum 0.1.
func NewBatchNorm(c int, opts ...Option) *BatchNorm {
	o := build(opts)
	return &BatchNorm{
		Weight:      param(dl.FullOf(o.dtype, 1, c), "weight"),
		Bias:        param(dl.ZerosOf(o.dtype, c), "bias"),
		RunningMean: dl.ZerosOf(o.dtype, c).SetName("running_mean"),
		RunningVar:  dl.FullOf(o.dtype, 1, c).SetName("running_var"),
		Tracked:     dl.ZerosOf(o.dtype).SetName("num_batches_tracked"),
		Eps:         1e-5, Momentum: 0.1,
	}
}

// Forward normalises x [N, C] or [N, C, H, W].
func (bn *BatchNorm) Forward(x *dl.Tensor) *dl.Tensor {
	c := bn.Weight.Size()
	if (x.Rank() != 2 && x.Rank() != 4) || x.Dim(1) != c {
		panic(&dl.ShapeError{Op: "BatchNorm", Shapes: [][]int{x.Shape()}, Msg: fmt.Sprintf("want [N, %d] or [N, %d, H, W]", c, c)})
	}
	axes, bshape := []int{0}, []int{1, c}
	if x.Rank() == 4 {
		axes, bshape = []int{0, 2, 3}, []int{1, c, 1, 1}
	}
	var mean, variance *dl.Tensor
	if bn.eval {
		mean, variance = dl.Reshape(bn.RunningMean, bshape...), dl.Reshape(bn.RunningVar, bshape...)
	} else {
		mean = dl.MeanAxes(x, true, axes...)
		variance = dl.VarAxes(x, 0, true, axes...)
		bn.update(mean, variance, x.Size()/c)
	}
	xhat := dl.Div(dl.Sub(x, mean), dl.Sqrt(dl.AddScalar(variance, bn.Eps)))
	return dl.Add(dl.Mul(xhat, dl.Reshape(bn.Weight, bshape...)), dl.Reshape(bn.Bias, bshape...))
}

// update moves the running statistics toward the batch's, outside the
// tape; like PyTorch it tracks the unbiased variance.
func (bn *BatchNorm) update(mean, variance *dl.Tensor, n int) {
	m, v := mean.Floats(), variance.Floats()
	unbias := float64(n) / float64(max(n-1, 1))
	for i := range m {
		rm, rv := bn.RunningMean.At(i), bn.RunningVar.At(i)
		bn.RunningMean.SetAt((1-bn.Momentum)*rm+bn.Momentum*m[i], i)
		bn.RunningVar.SetAt((1-bn.Momentum)*rv+bn.Momentum*v[i]*unbias, i)
	}
	bn.Tracked.Fill(bn.Tracked.Item() + 1)
}

// Parameters returns "weight" and "bias".
func (bn *BatchNorm) Parameters() []Param { return []Param{{"weight", bn.Weight}, {"bias", bn.Bias}} }

// Buffers returns "running_mean", "running_var" and "num_batches_tracked".
func (bn *BatchNorm) Buffers() []Param {
	return []Param{{"running_mean", bn.RunningMean}, {"running_var", bn.RunningVar}, {"num_batches_tracked", bn.Tracked}}
}

// SetTraining switches between batch statistics (training) and running
// statistics (evaluation).
func (bn *BatchNorm) SetTraining(training bool) { bn.eval = !training }

// GroupNorm is PyTorch's nn.GroupNorm: it splits the C channels of
// [N, C, ...] into Groups groups and normalises each group of each sample,
// then scales and shifts per channel. Unlike BatchNorm it does not depend
// on the batch, which suits small batches and diffusion U-Nets.
type GroupNorm struct {
	Groups       int
	Weight, Bias *dl.Tensor
	Eps          float64
}

// NewGroupNorm returns a GroupNorm with weight ones, bias zeros, eps 1e-5.
// It panics unless groups divides c.
func NewGroupNorm(groups, c int, opts ...Option) *GroupNorm {
	if groups < 1 || c%groups != 0 {
		panic(fmt.Sprintf("nn: GroupNorm: %d groups do not divide %d channels", groups, c))
	}
	o := build(opts)
	return &GroupNorm{Groups: groups, Weight: param(dl.FullOf(o.dtype, 1, c), "weight"), Bias: param(dl.ZerosOf(o.dtype, c), "bias"), Eps: 1e-5}
}

// Forward normalises x [N, C, ...].
func (gn *GroupNorm) Forward(x *dl.Tensor) *dl.Tensor {
	c := gn.Weight.Size()
	if x.Rank() < 2 || x.Dim(1) != c {
		panic(&dl.ShapeError{Op: "GroupNorm", Shapes: [][]int{x.Shape()}, Msg: fmt.Sprintf("want [N, %d, ...]", c)})
	}
	g := dl.Reshape(x, x.Dim(0), gn.Groups, -1) // [N, G, C/G·...]
	mean := dl.MeanAxes(g, true, 2)
	variance := dl.VarAxes(g, 0, true, 2)
	g = dl.Div(dl.Sub(g, mean), dl.Sqrt(dl.AddScalar(variance, gn.Eps)))
	bshape := make([]int, x.Rank())
	for i := range bshape {
		bshape[i] = 1
	}
	bshape[1] = c
	y := dl.Reshape(g, x.Shape()...)
	return dl.Add(dl.Mul(y, dl.Reshape(gn.Weight, bshape...)), dl.Reshape(gn.Bias, bshape...))
}

// Parameters returns "weight" and "bias".
func (gn *GroupNorm) Parameters() []Param { return []Param{{"weight", gn.Weight}, {"bias", gn.Bias}} }

// SetTraining does nothing: GroupNorm behaves the same in both modes.
func (gn *GroupNorm) SetTraining(bool) {}
