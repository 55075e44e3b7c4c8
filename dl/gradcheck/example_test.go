package gradcheck_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/gradcheck"
	"github.com/gendl/gendl/dl/nn"
)

// Checking a module against its input and every parameter, as the tests of
// dl/nn do and as a student checks a layer of their own.
func ExampleCheck() {
	r := rand.New(rand.NewPCG(1, 2))
	layer := nn.NewLinear(r, 4, 3, nn.WithDType(dl.Float64))
	x := dl.RandnOf(r, dl.Float64, 5, 4)
	wrt := []*dl.Tensor{x, layer.Weight.SetName("weight"), layer.Bias.SetName("bias")}
	rep := gradcheck.Check(r, gradcheck.Config{}, func() *dl.Tensor {
		return dl.Tanh(layer.Forward(x))
	}, wrt...)
	fmt.Println(rep.OK(), rep.Checked)
	// Output: true 35
}

// A backward with a mistake (the factor 2 of d(x²)/dx forgotten) is caught
// and located.
func ExampleReport_String() {
	r := rand.New(rand.NewPCG(3, 4))
	x := dl.FromFloat64([]float64{0.5, -1.5}, 2).SetName("x")
	rep := gradcheck.Check(r, gradcheck.Config{}, func() *dl.Tensor {
		out := dl.Mul(x.Detach(), x.Detach())
		return dl.Func("Square", out, []*dl.Tensor{x}, func(g *dl.Tensor) []*dl.Tensor {
			return []*dl.Tensor{dl.Mul(g, x.Detach())} // should be 2·x·g
		})
	}, x)
	fmt.Println(rep.OK(), len(rep.Mismatches))
	// Output: false 2
}
