package dl_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strings"
	"testing"
)

// notOps are exported functions and methods that return a *Tensor but are
// not differentiable ops, so they need neither a gradient nor a reference
// row. Each says why; adding a name here is a decision, not a shortcut.
var notOps = map[string]string{
	// Constructors: leaves of the graph, with nothing to differentiate.
	"Zeros": "constructor", "ZerosOf": "constructor", "ZerosLike": "constructor",
	"Ones": "constructor", "OnesLike": "constructor", "Full": "constructor",
	"FullOf": "constructor", "Scalar": "constructor", "Arange": "constructor",
	"Randn": "constructor", "RandnOf": "constructor", "Rand": "constructor",
	"RandOf": "constructor", "Uniform": "constructor",
	"FromFloat32": "constructor", "FromFloat64": "constructor", "FromDense": "constructor (copy)",
	// Graph plumbing: they return their receiver or cut the graph on purpose.
	"Tensor.Detach":          "cuts the graph by definition (TestDetachStopsGradient)",
	"Tensor.Clone":           "a detached copy (documented), not an op",
	"Tensor.Grad":            "reads the accumulated gradient",
	"Tensor.SetName":         "returns its receiver",
	"Tensor.SetRequiresGrad": "returns its receiver",
	"Tensor.ToDevice":        "returns its receiver on the CPU (TestCUDAWithoutBackend)",
	// Views for people, not steps of a computation.
	"AttentionWeights": "records nothing: the probabilities, for heatmaps",
}

// gradElsewhere maps ops whose gradient a float64 central difference cannot
// check from the table to the test that checks it.
var gradElsewhere = map[string]string{
	"Tensor.To":      "TestToCarriesGradient",        // float32 rounding swamps a finite difference
	"Tensor.Reshape": "TestReshapeMethodIsReshape",   // the method form of Reshape
	"Func":           "TestFuncRecordsUserDefinedOp", // records a caller's backward
}

// refElsewhere maps ops whose naive reference lives in a dedicated test
// (fused ops with long definitions) to that test.
var refElsewhere = map[string]string{
	"Tensor.To":        "TestToCarriesGradient",
	"Tensor.Reshape":   "TestReshapeMethodIsReshape",
	"Func":             "TestFuncRecordsUserDefinedOp",
	"RNNScan":          "TestScanForwardMatchesNaive",
	"LSTMScan":         "TestScanForwardMatchesNaive",
	"GRUScan":          "TestScanForwardMatchesNaive",
	"Attention":        "TestAttentionMatchesNaive",
	"AttentionQKV":     "TestAttentionQKVMatchesSplitHeads",
	"AttentionWeights": "TestAttentionWeightsRowsSumToOneAndRespectMask",
	"RoPE":             "TestRoPERelativePosition",
	"Conv2d":           "TestConvMatchesNaive",
	"ConvTranspose2d":  "TestConvMatchesNaive",
	"MaxPool2d":        "TestPoolingAndUpsampleValues",
	"AvgPool2d":        "TestPoolingAndUpsampleValues",
	"UpsampleNearest":  "TestPoolingAndUpsampleValues",
}

// exportedOps parses the package's non-test files and returns the exported
// functions and methods (as "Type.Method") that return a *Tensor or a
// []*Tensor, and the names of the Test functions in its test files.
func exportedOps(t *testing.T) (ops []string, tests map[string]bool) {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	tests = map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !fn.Name.IsExported() {
				continue
			}
			if strings.HasSuffix(name, "_test.go") {
				tests[fn.Name.Name] = true
				continue
			}
			if !returnsTensor(fn.Type) {
				continue
			}
			op := fn.Name.Name
			if fn.Recv != nil {
				recv := fn.Recv.List[0].Type
				if s, ok := recv.(*ast.StarExpr); ok {
					recv = s.X
				}
				id, ok := recv.(*ast.Ident)
				if !ok || !id.IsExported() {
					continue
				}
				op = id.Name + "." + op
			}
			ops = append(ops, op)
		}
	}
	sort.Strings(ops)
	return ops, tests
}

func returnsTensor(ft *ast.FuncType) bool {
	if ft.Results == nil {
		return false
	}
	for _, r := range ft.Results.List {
		typ := r.Type
		if a, ok := typ.(*ast.ArrayType); ok {
			typ = a.Elt
		}
		if s, ok := typ.(*ast.StarExpr); ok {
			if id, ok := s.X.(*ast.Ident); ok && id.Name == "Tensor" {
				return true
			}
		}
	}
	return false
}

func tableOps(names []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		op, _, _ := strings.Cut(n, "/")
		m[op] = true
	}
	return m
}

// TestEveryOpIsChecked fails when an exported op has no row in the gradient
// table or in the reference table (or a named dedicated test), and when the
// tables or the lists above name something that does not exist.
func TestEveryOpIsChecked(t *testing.T) {
	ops, tests := exportedOps(t)
	if len(ops) < 40 {
		t.Fatalf("found only %d ops; is the parser looking at the dl package?", len(ops))
	}
	var gradNames, refNames []string
	for _, c := range gradCases {
		gradNames = append(gradNames, c.name)
	}
	for _, c := range refCases {
		refNames = append(refNames, c.name)
	}
	grad, ref := tableOps(gradNames), tableOps(refNames)
	exists := map[string]bool{}
	for _, op := range ops {
		exists[op] = true
		if _, ok := notOps[op]; ok {
			continue
		}
		if test, ok := gradElsewhere[op]; !grad[op] && (!ok || !tests[test]) {
			t.Errorf("op %s has no gradient case: add a row to gradCases (grad_test.go)", op)
		}
		if test, ok := refElsewhere[op]; !ref[op] && (!ok || !tests[test]) {
			t.Errorf("op %s has no reference case: add a row to refCases (reference_test.go)", op)
		}
	}
	for _, lists := range []map[string]bool{grad, ref} {
		for op := range lists {
			if !exists[op] {
				t.Errorf("table row %q names no exported op", op)
			}
		}
	}
	for _, m := range []map[string]string{notOps, gradElsewhere, refElsewhere} {
		for op := range m {
			if !exists[op] {
				t.Errorf("list entry %q names no exported op returning a *Tensor", op)
			}
		}
	}
	for _, m := range []map[string]string{gradElsewhere, refElsewhere} {
		for op, test := range m {
			if !tests[test] {
				t.Errorf("%s: test %s does not exist", op, test)
			}
		}
	}
}
