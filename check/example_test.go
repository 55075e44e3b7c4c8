package check_test

import (
	"github.com/gendl/gendl/check"
	"github.com/gendl/gendl/dl"
)

// square is a student's op: the forward on raw values and a hand-written
// backward recorded with dl.Func. Its backward has a bug (it forgets the
// factor 2).
func square(x *dl.Tensor) *dl.Tensor {
	xs := x.Float64s()
	out := make([]float64, len(xs))
	for i, v := range xs {
		out[i] = v * v
	}
	y := dl.FromFloat64(out, x.Shape()...)
	return dl.Func("square", y, []*dl.Tensor{x}, func(g *dl.Tensor) []*dl.Tensor {
		dx := make([]float64, len(xs))
		for i, gi := range g.Float64s() {
			dx[i] = gi * xs[i] // should be 2 * xs[i]
		}
		return []*dl.Tensor{dl.FromFloat64(dx, x.Shape()...)}
	})
}

// sigmoid is not written yet.
func sigmoid(x *dl.Tensor) *dl.Tensor {
	panic(check.TODO())
}

func Example() {
	forward := check.Task{Name: "square_forward", Title: "square: forward", Points: 1, Test: func(t *check.T) {
		x := dl.FromFloat64([]float64{-1.5, 0, 2}, 3)
		t.Close("square(x)", square(x), dl.Mul(x, x), 1e-12)
	}}
	backward := check.Task{Name: "square_backward", Title: "square: backward", Points: 2, Test: func(t *check.T) {
		x := dl.FromFloat64([]float64{-1.5, 0.5, 2}, 3).SetName("x")
		t.Gradients("square", func() *dl.Tensor { return square(x) }, x)
	}}
	sig := check.Task{Name: "sigmoid", Title: "sigmoid", Points: 1, Test: func(t *check.T) {
		x := dl.FromFloat64([]float64{0}, 1)
		t.Float("sigmoid(0)", sigmoid(x).Item(), 0.5, 1e-9)
	}}
	check.Run(forward)
	check.Run(backward)
	check.Run(sig)
	check.Summary("example", forward, backward, sig)
	// Output:
	// PASS  square: forward  (1/1 points)
	// CHECK square_forward 1 == 1 +- 0
	// FAIL  square: backward  (0/2 points)
	//       - square: gradient check failed: d/dx wrong in 3 of 3 checked elements, first at [0]: yours 0.52997, finite differences 1.05994
	// CHECK square_backward 0 == 2 +- 0
	// FAIL  sigmoid  (0/1 points)
	//       - sigmoid is not implemented yet: replace panic(check.TODO()) with your code
	// CHECK sigmoid 0 == 1 +- 0
	// Score sheet: example
	//   PASS  square: forward   1/1
	//   FAIL  square: backward  0/2
	//   FAIL  sigmoid           0/1
	// Total: 1/4 points
	// CHECK example_score 1 == 4 +- 0
}
