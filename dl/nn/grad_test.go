package nn_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/gradcheck"
	"github.com/gendl/gendl/dl/nn"
)

// moduleCase is one row of the module gradient table: build returns the
// function to check and the tensors to check it against (the input and
// every parameter), all float64.
type moduleCase struct {
	name  string // "Type" or "Type/variant": Type must be an exported nn type
	build func(r *rand.Rand) (f func() *dl.Tensor, wrt []*dl.Tensor)
}

var f64 = nn.WithDType(dl.Float64)

func randn(r *rand.Rand, shape ...int) *dl.Tensor { return dl.RandnOf(r, dl.Float64, shape...) }

// layerCase checks a Layer against its input x and all its parameters.
func layerCase(name string, m func(r *rand.Rand) nn.Layer, shape ...int) moduleCase {
	return moduleCase{name, func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
		l := m(r)
		x := randn(r, shape...)
		return func() *dl.Tensor { return l.Forward(x) }, append([]*dl.Tensor{x}, tensors(l)...)
	}}
}

func tensors(m nn.Module) []*dl.Tensor {
	var ts []*dl.Tensor
	for _, p := range m.Parameters() {
		ts = append(ts, p.Tensor)
	}
	return ts
}

var moduleCases = []moduleCase{
	layerCase("Linear", func(r *rand.Rand) nn.Layer { return nn.NewLinear(r, 4, 3, f64) }, 2, 5, 4),
	layerCase("Linear/no-bias", func(r *rand.Rand) nn.Layer { return nn.NewLinear(r, 4, 3, f64, nn.NoBias()) }, 3, 4),
	layerCase("Sigmoid", func(*rand.Rand) nn.Layer { return nn.Sigmoid{} }, 3, 4),
	layerCase("Tanh", func(*rand.Rand) nn.Layer { return nn.Tanh{} }, 3, 4),
	layerCase("ReLU", func(*rand.Rand) nn.Layer { return nn.ReLU{} }, 3, 4),
	layerCase("GELU", func(*rand.Rand) nn.Layer { return nn.GELU{} }, 3, 4),
	layerCase("Softmax", func(*rand.Rand) nn.Layer { return nn.NewSoftmax(-1) }, 3, 5),
	layerCase("Flatten", func(*rand.Rand) nn.Layer { return nn.Flatten{} }, 2, 3, 2),
	layerCase("Softmax/axis0", func(*rand.Rand) nn.Layer { return nn.NewSoftmax(0) }, 3, 2),
	layerCase("LayerNorm", func(r *rand.Rand) nn.Layer {
		ln := nn.NewLayerNorm(6, f64)
		ln.Weight.CopyFrom(randn(r, 6)) // ones and zeros would hide mistakes
		ln.Bias.CopyFrom(randn(r, 6))
		return ln
	}, 2, 3, 6),
	layerCase("LayerNorm/no-bias", func(r *rand.Rand) nn.Layer { return nn.NewLayerNorm(5, f64, nn.NoBias()) }, 4, 5),
	layerCase("Sequential", func(r *rand.Rand) nn.Layer {
		return nn.NewSequential(nn.NewLinear(r, 4, 6, f64), nn.Tanh{}, nn.NewLinear(r, 6, 3, f64))
	}, 5, 4),
	layerCase("MLP", func(r *rand.Rand) nn.Layer {
		return nn.NewMLP(r, []int{3, 5, 4, 2}, func() nn.Layer { return nn.GELU{} }, f64)
	}, 4, 3),
	{"Dropout", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
		x := randn(r, 4, 5)
		return func() *dl.Tensor {
			return nn.NewDropout(rand.New(rand.NewPCG(7, 7)), 0.3).Forward(x) // same mask each call
		}, []*dl.Tensor{x}
	}},
	{"Embedding", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
		e := nn.NewEmbedding(r, 6, 3, f64)
		ids := dl.NewInts([]int{1, 5, 1, 0, 2, 2}, 2, 3)
		return func() *dl.Tensor { return e.Forward(ids) }, tensors(e)
	}},
	{"CrossEntropy", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
		x := randn(r, 4, 5)
		y := dl.NewInts([]int{0, 4, 2, 1}, 4)
		return func() *dl.Tensor { return (&nn.CrossEntropy{}).Forward(x, y) }, []*dl.Tensor{x}
	}},
	{"CrossEntropy/ignore", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
		x := randn(r, 2, 3, 5)
		y := dl.NewInts([]int{0, 4, 0, 1, 3, 0}, 2, 3)
		ce := &nn.CrossEntropy{Ignore: true, IgnoreIndex: 0}
		return func() *dl.Tensor { return ce.Forward(x, y) }, []*dl.Tensor{x}
	}},
	{"ProbCrossEntropy", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
		p := dl.AddScalar(dl.Abs(randn(r, 4, 5)), 0.2).Detach()
		y := dl.NewInts([]int{3, 0, 2, 3}, 4)
		return func() *dl.Tensor { return nn.ProbCrossEntropy{}.Forward(p, y) }, []*dl.Tensor{p}
	}},
	{"MSE", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
		a, b := randn(r, 3, 4), randn(r, 3, 4)
		return func() *dl.Tensor { return nn.MSE{}.Forward(a, b) }, []*dl.Tensor{a, b}
	}},
	{"BCEWithLogits", func(r *rand.Rand) (func() *dl.Tensor, []*dl.Tensor) {
		x, y := randn(r, 3, 4), dl.RandOf(r, dl.Float64, 3, 4)
		return func() *dl.Tensor { return nn.BCEWithLogits{}.Forward(x, y) }, []*dl.Tensor{x, y}
	}},
}

func TestModuleGradients(t *testing.T) {
	t.Parallel()
	for _, c := range moduleCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(2, uint64(len(c.name))))
			f, wrt := c.build(r)
			rep := gradcheck.Check(r, gradcheck.Config{}, f, wrt...)
			if !rep.OK() {
				t.Fatal(rep)
			}
			if rep.Checked == 0 {
				t.Fatal("nothing checked")
			}
		})
	}
}

// Every exported module of the package (layers, losses, containers) must
// have a row in moduleCases.
func TestEveryModuleHasGradientCase(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	covered := map[string]bool{}
	for _, c := range moduleCases {
		covered[strings.Split(c.name, "/")[0]] = true
	}
	// A type is a module when it declares Parameters, or embeds a module
	// (Sigmoid embeds stateless, MLP embeds *Sequential). Config structs
	// and Param are not.
	modules := map[string]bool{}
	embeds := map[string][]string{}
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil && d.Name.Name == "Parameters" {
					modules[typeName(d.Recv.List[0].Type)] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok {
						if st, ok := ts.Type.(*ast.StructType); ok {
							for _, fld := range st.Fields.List {
								if len(fld.Names) == 0 {
									embeds[ts.Name.Name] = append(embeds[ts.Name.Name], typeName(fld.Type))
								}
							}
						}
					}
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for name, es := range embeds {
			for _, e := range es {
				if modules[e] && !modules[name] {
					modules[name], changed = true, true
				}
			}
		}
	}
	n := 0
	for name := range modules {
		if !ast.IsExported(name) {
			continue
		}
		n++
		if !covered[name] {
			t.Errorf("nn.%s has no row in moduleCases", name)
		}
	}
	if n < 10 {
		t.Fatalf("found only %d exported modules; the scan is broken", n)
	}
}

// typeName is the name of T or *T.
func typeName(e ast.Expr) string {
	if st, ok := e.(*ast.StarExpr); ok {
		e = st.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
