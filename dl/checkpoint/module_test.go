package checkpoint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// moduleCase builds one module type of dl/nn and runs it on a fixed input,
// for the round-trip test. Adding a module type to dl/nn means adding a row
// here (TestEveryModuleTypeHasARoundTripCase checks).
type moduleCase struct {
	typ     string // the type's name in dl/nn
	build   func(r *rand.Rand) nn.Module
	forward func(m nn.Module) *dl.Tensor // nil: parameter-free, nothing to compare
}

// layer runs an nn.Layer on a fixed random input of the given shape.
func layer(shape ...int) func(nn.Module) *dl.Tensor {
	return func(m nn.Module) *dl.Tensor {
		return m.(nn.Layer).Forward(dl.Randn(rand.New(rand.NewPCG(9, 9)), shape...))
	}
}

func tanh() nn.Layer { return nn.Tanh{} }

var moduleCases = []moduleCase{
	{"Linear", func(r *rand.Rand) nn.Module { return nn.NewLinear(r, 4, 3) }, layer(2, 4)},
	{"Embedding", func(r *rand.Rand) nn.Module { return nn.NewEmbedding(r, 7, 3) },
		func(m nn.Module) *dl.Tensor { return m.(*nn.Embedding).Forward(dl.NewInts([]int{6, 0, 3}, 3)) }},
	{"LayerNorm", func(r *rand.Rand) nn.Module {
		ln := nn.NewLayerNorm(5)
		ln.Weight.CopyFrom(dl.Randn(r, 5)) // the default init is the same for every seed
		ln.Bias.CopyFrom(dl.Randn(r, 5))
		return ln
	}, layer(3, 5)},
	{"Sequential", func(r *rand.Rand) nn.Module {
		return nn.NewSequential(nn.NewLinear(r, 3, 4), nn.Tanh{}, nn.NewLinear(r, 4, 2))
	}, layer(2, 3)},
	{"MLP", func(r *rand.Rand) nn.Module { return nn.NewMLP(r, []int{3, 5, 5, 2}, tanh) }, layer(4, 3)},
	{"RNN", func(r *rand.Rand) nn.Module { return nn.NewRNN(r, 3, 4, 2) },
		func(m nn.Module) *dl.Tensor { y, _ := m.(*nn.RNN).Forward(seqInput(), nil); return y }},
	{"GRU", func(r *rand.Rand) nn.Module { return nn.NewGRU(r, 3, 4, 2) },
		func(m nn.Module) *dl.Tensor { y, _ := m.(*nn.GRU).Forward(seqInput(), nil); return y }},
	{"LSTM", func(r *rand.Rand) nn.Module { return nn.NewLSTM(r, 3, 4, 2) },
		func(m nn.Module) *dl.Tensor { y, _, _ := m.(*nn.LSTM).Forward(seqInput(), nil, nil); return y }},
	{"CausalSelfAttention", func(r *rand.Rand) nn.Module {
		return nn.NewCausalSelfAttention(r, nn.SelfAttentionConfig{Embed: 8, Heads: 2})
	}, layer(2, 3, 8)},
	{"Block", func(r *rand.Rand) nn.Module { return nn.NewBlock(r, nn.SelfAttentionConfig{Embed: 8, Heads: 2}) }, layer(2, 3, 8)},
	{"Conv2d", func(r *rand.Rand) nn.Module { return nn.NewConv2d(r, 2, 3, 3, 1, 1) }, layer(2, 2, 5, 5)},
	{"ConvTranspose2d", func(r *rand.Rand) nn.Module { return nn.NewConvTranspose2d(r, 2, 3, 3, 2, 1, 1) }, layer(2, 2, 4, 4)},
	{"BatchNorm", func(r *rand.Rand) nn.Module {
		bn := nn.NewBatchNorm(3)
		bn.Weight.CopyFrom(dl.Randn(r, 3))
		bn.Forward(dl.Randn(r, 4, 3, 2, 2)) // moves the running statistics (buffers)
		return bn
	}, layer(4, 3, 2, 2)},
	{"GroupNorm", func(r *rand.Rand) nn.Module {
		gn := nn.NewGroupNorm(2, 4)
		gn.Weight.CopyFrom(dl.Randn(r, 4))
		gn.Bias.CopyFrom(dl.Randn(r, 4))
		return gn
	}, layer(2, 4, 3, 3)},
	{"MaxPool2d", func(*rand.Rand) nn.Module { return nn.MaxPool2d{K: 2, Stride: 2} }, nil},
	{"AvgPool2d", func(*rand.Rand) nn.Module { return nn.AvgPool2d{K: 2, Stride: 2} }, nil},
	{"Upsample", func(*rand.Rand) nn.Module { return nn.Upsample{Scale: 2} }, nil},
	{"Dropout", func(r *rand.Rand) nn.Module { return nn.NewDropout(r, 0.5) }, nil},
	{"Sigmoid", func(*rand.Rand) nn.Module { return nn.Sigmoid{} }, nil},
	{"Tanh", func(*rand.Rand) nn.Module { return nn.Tanh{} }, nil},
	{"ReLU", func(*rand.Rand) nn.Module { return nn.ReLU{} }, nil},
	{"GELU", func(*rand.Rand) nn.Module { return nn.GELU{} }, nil},
	{"Flatten", func(*rand.Rand) nn.Module { return nn.Flatten{} }, nil},
	{"Softmax", func(*rand.Rand) nn.Module { return nn.NewSoftmax(-1) }, nil},
	{"CrossEntropy", func(*rand.Rand) nn.Module { return &nn.CrossEntropy{} }, nil},
	{"ProbCrossEntropy", func(*rand.Rand) nn.Module { return nn.ProbCrossEntropy{} }, nil},
	{"MSE", func(*rand.Rand) nn.Module { return nn.MSE{} }, nil},
	{"BCEWithLogits", func(*rand.Rand) nn.Module { return nn.BCEWithLogits{} }, nil},
}

func seqInput() *dl.Tensor { return dl.Randn(rand.New(rand.NewPCG(8, 8)), 2, 5, 3) }

// TestModuleRoundTrip saves each module type, loads the file into the same
// type built from a different seed, and checks that every parameter is
// bit-identical and that the outputs match.
func TestModuleRoundTrip(t *testing.T) {
	t.Parallel()
	for _, c := range moduleCases {
		t.Run(c.typ, func(t *testing.T) {
			t.Parallel()
			src := c.build(rand.New(rand.NewPCG(1, 2)))
			dst := c.build(rand.New(rand.NewPCG(3, 4)))
			path := filepath.Join(t.TempDir(), "m.safetensors")
			if err := SaveModule(path, src); err != nil {
				t.Fatal(err)
			}
			rep, err := LoadModule(path, dst, Strict)
			if err != nil {
				t.Fatal(err)
			}
			want := nn.StateDict(src)
			if len(rep.Loaded) != len(want) || !rep.OK() {
				t.Fatalf("report %v, want %d loaded", rep, len(want))
			}
			got := nn.StateDict(dst)
			for name, w := range want {
				if !sameBits(got[name], w) {
					t.Errorf("%s differs after loading", name)
				}
			}
			if c.forward == nil {
				return
			}
			src.SetTraining(false)
			dst.SetTraining(false)
			if a, b := c.forward(src), c.forward(dst); !sameBits(a, b) {
				t.Errorf("outputs differ after loading: %v vs %v", a.Floats()[:3], b.Floats()[:3])
			}
		})
	}
}

func sameBits(a, b *dl.Tensor) bool {
	if a == nil || b == nil || a.DType() != b.DType() || !slices.Equal(a.Shape(), b.Shape()) {
		return false
	}
	x, y := a.Floats(), b.Floats()
	for i := range x {
		if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
			return false
		}
	}
	return true
}

// TestEveryModuleTypeHasARoundTripCase lists dl/nn's exported module types
// that have state (a Parameters method that is not just "return nil", or an
// embedded type with one) from the source, and fails for any without a row
// in moduleCases. Parameter-free layers need no row: there is nothing to
// save.
func TestEveryModuleTypeHasARoundTripCase(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join("..", "nn", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	hasParams := map[string]bool{}
	embeds := map[string][]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch d := n.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil && d.Name.Name == "Parameters" && !returnsNil(d) {
					hasParams[typeName(d.Recv.List[0].Type)] = true
				}
			case *ast.TypeSpec:
				if st, ok := d.Type.(*ast.StructType); ok {
					for _, fld := range st.Fields.List {
						if len(fld.Names) == 0 {
							embeds[d.Name.Name] = append(embeds[d.Name.Name], typeName(fld.Type))
						}
					}
				}
			}
			return true
		})
	}
	for changed := true; changed; {
		changed = false
		for typ, es := range embeds {
			for _, e := range es {
				if hasParams[e] && !hasParams[typ] {
					hasParams[typ], changed = true, true
				}
			}
		}
	}
	covered := map[string]bool{}
	for _, c := range moduleCases {
		covered[c.typ] = true
	}
	for typ := range hasParams {
		if ast.IsExported(typ) && !covered[typ] {
			t.Errorf("nn.%s is a module without a row in moduleCases", typ)
		}
	}
}

// returnsNil reports whether a method's body is just "return nil".
func returnsNil(d *ast.FuncDecl) bool {
	if d.Body == nil || len(d.Body.List) != 1 {
		return false
	}
	ret, ok := d.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return false
	}
	id, ok := ret.Results[0].(*ast.Ident)
	return ok && id.Name == "nil"
}

func typeName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.StarExpr:
		return typeName(x.X)
	case *ast.Ident:
		return x.Name
	case *ast.IndexExpr:
		return typeName(x.X)
	}
	return ""
}
