package gradcheck_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/gradcheck"
)

// square records x² with a backward supplied by the test.
func square(x *dl.Tensor, backward func(x, g *dl.Tensor) *dl.Tensor) *dl.Tensor {
	out := dl.Mul(x.Detach(), x.Detach())
	return dl.Func("Square", out, []*dl.Tensor{x}, func(g *dl.Tensor) []*dl.Tensor {
		return []*dl.Tensor{backward(x.Detach(), g)}
	})
}

func TestCheckPassesCorrectGradient(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	x := dl.RandnOf(r, dl.Float64, 3, 4)
	rep := gradcheck.Check(r, gradcheck.Config{}, func() *dl.Tensor {
		return square(x, func(x, g *dl.Tensor) *dl.Tensor { return dl.Mul(g, dl.Scale(x, 2)) })
	}, x)
	if !rep.OK() || rep.Checked != 12 {
		t.Fatalf("%v (checked %d)", rep, rep.Checked)
	}
}

func TestCheckCatchesWrongGradient(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	x := dl.RandnOf(r, dl.Float64, 3, 4)
	x.SetName("x")
	rep := gradcheck.Check(r, gradcheck.Config{}, func() *dl.Tensor {
		return square(x, func(x, g *dl.Tensor) *dl.Tensor { return dl.Mul(g, x) }) // missing factor 2
	}, x)
	if rep.OK() {
		t.Fatal("a wrong backward passed the check")
	}
	if s := rep.String(); !strings.Contains(s, "x #0 at [") || !strings.Contains(s, "analytic") {
		t.Fatalf("report does not say where: %s", s)
	}
}

// A plain sum of the output cannot tell a gradient from its transpose when
// the upstream gradient is all ones; the random weighting can.
func TestCheckCatchesTransposedGradient(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	x := dl.RandnOf(r, dl.Float64, 3, 3)
	rep := gradcheck.Check(r, gradcheck.Config{}, func() *dl.Tensor {
		out := dl.Transpose(x.Detach(), 0, 1)
		return dl.Func("T", out, []*dl.Tensor{x}, func(g *dl.Tensor) []*dl.Tensor {
			return []*dl.Tensor{g.Detach()} // wrong: should transpose back
		})
	}, x)
	if rep.OK() {
		t.Fatal("a transposed gradient passed the check")
	}
}
