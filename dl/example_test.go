package dl_test

import (
	"fmt"
	"math"

	"github.com/gendl/gendl/dl"
)

func ExampleTensor_String() {
	x := dl.FromFloat32([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	fmt.Println(x)
	fmt.Println(dl.Arange(0, 200, 1).Reshape(20, 10))
	// Output:
	// tensor([[1., 2., 3.],
	//         [4., 5., 6.]], shape=[2 3], dtype=float32)
	// tensor([[0., 1., 2., ..., 7., 8., 9.],
	//         [10., 11., 12., ..., 17., 18., 19.],
	//         [20., 21., 22., ..., 27., 28., 29.],
	//         ...,
	//         [170., 171., 172., ..., 177., 178., 179.],
	//         [180., 181., 182., ..., 187., 188., 189.],
	//         [190., 191., 192., ..., 197., 198., 199.]], shape=[20 10], dtype=float32)
}

// Broadcasting adds a [3] bias to every row of a [2, 3] batch; its gradient
// is the bias's gradient summed over the rows it was stretched across.
func ExampleAdd() {
	x := dl.FromFloat32([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	b := dl.FromFloat32([]float32{10, 20, 30}).SetRequiresGrad(true)
	y := dl.Add(x, b) // [2, 3] + [3] -> [2, 3]
	fmt.Println(y)
	dl.Sum(y).Backward()
	fmt.Println(b.Grad())
	// Output:
	// tensor([[11., 22., 33.],
	//         [14., 25., 36.]], shape=[2 3], dtype=float32, op=Add)
	// tensor([2., 2., 2.], shape=[3], dtype=float32)
}

// The lecture's neuron: Backward fills the Grad of every leaf that asked
// for one.
func ExampleTensor_Backward() {
	x := dl.FromFloat64([]float64{1, -2}, 1, 2)
	w := dl.FromFloat64([]float64{0.5, 0.25}, 1, 2).SetRequiresGrad(true)
	b := dl.FromFloat64([]float64{0.1}).SetRequiresGrad(true)
	out := dl.Tanh(dl.Add(dl.Linear(x, w, nil), b)) // tanh(w·x + b), [1, 1]
	loss := dl.Sum(out)
	loss.Backward()
	fmt.Printf("loss %.4f\n", loss.Item())
	fmt.Printf("dw %.4f\n", w.Grad().Floats())
	fmt.Printf("db %.4f\n", b.Grad().Floats())
	// Output:
	// loss 0.0997
	// dw [0.9901 -1.9801]
	// db [0.9901]
}

// Tape lists the recorded ops that lead to a tensor, in the order they ran.
func ExampleTape() {
	x := dl.FromFloat32([]float32{1, 2, 3}).SetRequiresGrad(true).SetName("x")
	h := dl.Exp(dl.Scale(x, 0.5))
	loss := dl.Mean(dl.Mul(h, x))
	for _, n := range dl.Tape(loss) {
		fmt.Printf("%-5s %v -> %v\n", n.Op, n.Inputs[0].Shape(), n.Output.Shape())
	}
	// Output:
	// Scale [3] -> [3]
	// Exp   [3] -> [3]
	// Mul   [3] -> [3]
	// Sum   [3] -> []
	// Scale [] -> []
}

// Try turns the panic of a badly shaped call into an error.
func ExampleTry() {
	a, b := dl.Zeros(32, 27), dl.Zeros(30, 200)
	err := dl.Try(func() { dl.MatMul(a, b) })
	fmt.Println(err)
	// Output:
	// dl: MatMul: shapes [32 27] and [30 200]: inner dims 27 != 30
}

// Causal self-attention hides the future: a [T, T] mask broadcasts over the
// [B, H, T, T] scores, and the softmax gives the hidden positions weight 0.
func ExampleMaskedFill() {
	scores := dl.Zeros(1, 1, 3, 3) // [B, H, T, T]
	masked := dl.MaskedFill(scores, dl.CausalMask(3), math.Inf(-1))
	fmt.Println(dl.Softmax(masked, -1).Reshape(3, 3))
	// Output:
	// tensor([[1., 0., 0.],
	//         [0.5, 0.5, 0.],
	//         [0.33333, 0.33333, 0.33333]], shape=[3 3], dtype=float32)
}

// Ops inside NoGrad record nothing, as when sampling from a trained model.
func ExampleNoGrad() {
	w := dl.FromFloat32([]float32{1, 2}).SetRequiresGrad(true)
	var y *dl.Tensor
	dl.NoGrad(func() { y = dl.Scale(w, 3) })
	fmt.Println(y.Node() == nil, dl.Scale(w, 3).Node() != nil)
	// Output:
	// true true
}

// Split and Concat move blocks along an axis: q, k and v out of one
// projection, and back.
func ExampleSplit() {
	qkv := dl.Arange(0, 12, 1).Reshape(2, 6) // [T, 3C]
	parts := dl.Split(qkv, -1, 2, 2, 2)      // q, k, v: [T, C] each
	fmt.Println(parts[1])
	fmt.Println(dl.Concat(-1, parts[2], parts[0]).Shape())
	// Output:
	// tensor([[2., 3.],
	//         [8., 9.]], shape=[2 2], dtype=float32)
	// [2 4]
}
