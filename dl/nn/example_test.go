package nn_test

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// The lecture's network, Linear → Sigmoid → Linear → Softmax →
// CrossEntropy, trained with minibatch SGD on Fashion-MNIST (or on
// synthetic clusters where the dataset is not installed).
func Example_lectureNetwork() {
	r := rand.New(rand.NewPCG(1, 2))
	x, y, _, _, _ := classificationData(r, 2048, 1) // x [2048, 784], y [2048]

	net := nn.NewSequential(
		nn.NewLinear(r, 784, 64), // [B, 784] → [B, 64]
		nn.Sigmoid{},
		nn.NewLinear(r, 64, 10), // [B, 64] → [B, 10]
		nn.NewSoftmax(-1),       // probabilities over the 10 classes
	)
	loss := nn.ProbCrossEntropy{} // the lecture's CrossEntropy on probabilities
	opt := optim.NewSGD(net.Parameters(), 0.5)

	var first, last float64
	for step := range 64 {
		idx := r.Perm(2048)[:64]
		xb, yb := batch(x, y, idx)
		opt.ZeroGrad()
		l := loss.Forward(net.Forward(xb), yb)
		l.Backward()
		opt.Step()
		if step == 0 {
			first = l.Item()
		}
		last = l.Item()
	}
	fmt.Println("loss fell:", last < 0.7*first)
	// Output:
	// loss fell: true
}

func ExampleNewSequential() {
	r := rand.New(rand.NewPCG(1, 1))
	net := nn.NewSequential(nn.NewLinear(r, 784, 128), nn.ReLU{}, nn.NewLinear(r, 128, 10))
	for _, p := range net.Parameters() {
		fmt.Println(p.Name, p.Tensor.Shape())
	}
	fmt.Println(nn.NumParams(net), "parameters")
	fmt.Println(net.Forward(dl.Zeros(32, 784)).Shape())
	// Output:
	// 0.weight [128 784]
	// 0.bias [128]
	// 2.weight [10 128]
	// 2.bias [10]
	// 101770 parameters
	// [32 10]
}

// A composite module names its children's parameters with Child, giving
// the names PyTorch's state_dict would use.
func ExampleChild() {
	r := rand.New(rand.NewPCG(1, 1))
	emb := nn.NewEmbedding(r, 65, 32)
	head := nn.NewMLP(r, []int{32, 64, 65}, func() nn.Layer { return nn.GELU{} })
	params := append(nn.Child("wte", emb), nn.Child("head", head)...)
	for _, p := range params {
		fmt.Println(p.Name)
	}
	// Output:
	// wte.weight
	// head.0.weight
	// head.0.bias
	// head.2.weight
	// head.2.bias
}

func ExampleStateDict() {
	r := rand.New(rand.NewPCG(1, 1))
	sd := nn.StateDict(nn.NewSequential(nn.NewLinear(r, 4, 8), nn.Tanh{}, nn.NewLayerNorm(8)))
	keys := make([]string, 0, len(sd))
	for k := range sd {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	fmt.Println(keys)
	// Output:
	// [0.bias 0.weight 2.bias 2.weight]
}

// With equal logits every class has probability 1/3, so the loss is ln 3;
// the ignored target (padding ID 0) is left out of the mean.
func ExampleCrossEntropy() {
	logits := dl.Zeros(4, 3)
	targets := dl.NewInts([]int{2, 1, 0, 0}, 4)
	ce := &nn.CrossEntropy{Ignore: true, IgnoreIndex: 0}
	fmt.Printf("%.4f\n", ce.Forward(logits, targets).Item())
	// Output:
	// 1.0986
}

func ExampleDropout() {
	d := nn.NewDropout(rand.New(rand.NewPCG(1, 1)), 0.5)
	x := dl.Ones(1, 8)
	fmt.Println(d.Forward(x).Floats()) // training: zeros and 1/(1-p)
	d.SetTraining(false)
	fmt.Println(d.Forward(x).Floats()) // evaluation: identity
	// Output:
	// [0 2 2 2 0 2 2 2]
	// [1 1 1 1 1 1 1 1]
}
