package check

import (
	"strings"
	"testing"

	"github.com/gendl/gendl/dl"
)

// double is a student's op whose backward may be right or wrong.
func double(x *dl.Tensor, gradScale float64) *dl.Tensor {
	out := dl.FromFloat64(make([]float64, x.Size()), x.Shape()...)
	for i, v := range x.Float64s() {
		out.Float64s()[i] = 2 * v
	}
	return dl.Func("double", out, []*dl.Tensor{x}, func(g *dl.Tensor) []*dl.Tensor {
		dx := dl.FromFloat64(make([]float64, g.Size()), g.Shape()...)
		for i, v := range g.Float64s() {
			dx.Float64s()[i] = gradScale * v
		}
		return []*dl.Tensor{dx}
	})
}

func unfinished(*dl.Tensor) *dl.Tensor { panic(TODO()) }

func TestEvaluate(t *testing.T) {
	t.Parallel()
	x := func() *dl.Tensor { return dl.FromFloat64([]float64{1, -2, 3, 0.5, 0, 4}, 2, 3).SetName("x") }
	cases := []struct {
		name   string
		test   func(t *T)
		pass   bool
		reason string // a substring of the first reason
	}{
		{"close", func(c *T) { c.Close("double(x)", double(x(), 2), dl.Scale(x(), 2), 1e-12) }, true, ""},
		{"values", func(c *T) { c.Close("double(x)", double(x(), 2), dl.Scale(x(), 3), 1e-6) }, false,
			"double(x): 5 of 6 values wrong (tolerance 1e-06); first at [0 0]: yours is 2, off by 1"},
		{"shape", func(c *T) { c.Close("double(x)", double(x(), 2), dl.ZerosOf(dl.Float64, 3, 2), 1e-6) }, false,
			"double(x): shape [2 3], want [3 2]"},
		{"gradient ok", func(c *T) {
			xi := x()
			c.Gradients("double", func() *dl.Tensor { return double(xi, 2) }, xi)
		}, true, ""},
		{"gradient wrong", func(c *T) {
			xi := x()
			c.Gradients("double", func() *dl.Tensor { return double(xi, 1) }, xi)
		}, false, "double: gradient check failed: d/dx wrong in 6 of 6 checked elements"},
		{"gradient float32", func(c *T) {
			xi := dl.Zeros(2)
			c.Gradients("double", func() *dl.Tensor { return xi }, xi)
		}, false, "gradient checks need float64"},
		{"todo", func(c *T) { unfinished(x()) }, false, "unfinished is not implemented yet: replace panic(check.TODO())"},
		{"shape panic", func(c *T) { dl.MatMul(x(), x()) }, false, "panicked: dl: MatMul: shapes [2 3] and [2 3]"},
		{"fatal stops", func(c *T) { c.Fatalf("first"); c.Errorf("never") }, false, "first"},
		{"recorded", func(c *T) {
			xi := x().SetRequiresGrad(true)
			c.Recorded("double", double(xi, 2), "double")
		}, true, ""},
		{"library op", func(c *T) {
			xi := x().SetRequiresGrad(true)
			c.Recorded("double", dl.Scale(xi, 2), "double")
		}, false, "the tape's last op is"},
		{"not recorded", func(c *T) { c.Recorded("double", double(x(), 2), "double") }, false, "nothing was recorded"},
		{"float", func(c *T) { c.Float("perplexity", 3.5, 3.25, 1e-3) }, false, "perplexity: 3.5 is off by 0.25"},
		{"float nan", func(c *T) { c.Float("loss", nan(), 0.5, 1e-9) }, false, "loss: NaN is not a finite number"},
		{"equal", func(c *T) { Equal(c, "count of 'ab'", 4, 5) }, false, "count of 'ab': 4 is not right"},
		{"slice", func(c *T) { c.CloseSlice("p", []float64{0.5, 0.5}, []float64{0.5}, 1e-9) }, false, "p: 2 values, want 1"},
		{"nan", func(c *T) { c.CloseSlice("p", []float64{0.5, nan()}, []float64{0.5, 0.5}, 1e-9) }, false, "not a finite number"},
	}
	for _, c := range cases {
		res := Evaluate(Task{Name: c.name, Points: 2, Test: c.test})
		if res.Passed != c.pass {
			t.Errorf("%s: passed = %v, want %v (reasons %q)", c.name, res.Passed, c.pass, res.Reasons)
			continue
		}
		if c.pass {
			if res.Score() != 2 {
				t.Errorf("%s: score %d, want 2", c.name, res.Score())
			}
			continue
		}
		if res.Score() != 0 || len(res.Reasons) == 0 || !strings.Contains(res.Reasons[0], c.reason) {
			t.Errorf("%s: score %d, reasons %q; want 0 and a reason containing %q", c.name, res.Score(), res.Reasons, c.reason)
		}
		if c.name == "fatal stops" && len(res.Reasons) != 1 {
			t.Errorf("Fatalf did not stop the test: %q", res.Reasons)
		}
	}
}

func nan() float64 { z := 0.0; return z / z }

// The failure message must not print the expected values.
func TestCloseHidesAnswer(t *testing.T) {
	t.Parallel()
	res := Evaluate(Task{Name: "v", Test: func(c *T) {
		c.CloseSlice("p", []float64{0.1, 0.2}, []float64{0.123456, 0.654321}, 1e-6)
	}})
	for _, r := range res.Reasons {
		if strings.Contains(r, "0.123456") || strings.Contains(r, "0.654321") {
			t.Errorf("reason reveals the answer: %q", r)
		}
	}
}

func TestPanicNamesStudentFunction(t *testing.T) {
	t.Parallel()
	// Package main's functions are the student's; here the site is empty
	// because the test is not in package main, and the message still
	// quotes the panic.
	res := Evaluate(Task{Name: "p", Test: func(*T) { panic("boom\nsecond line") }})
	if len(res.Reasons) != 1 || res.Reasons[0] != "panicked: boom" {
		t.Errorf("reasons %q, want [\"panicked: boom\"]", res.Reasons)
	}
}

func TestShortFuncName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"main.(*Linear).Forward.func1":               "(*Linear).Forward",
		"main.sigmoid":                               "sigmoid",
		"main.(*Linear).Forward.func1.2":             "(*Linear).Forward.func1.2",
		"github.com/gendl/gendl/check.unfinished":    "unfinished",
		"github.com/gendl/gendl/check.TestX.func3.1": "TestX.func3.1",
		"github.com/gendl/gendl/check.TestX.func3":   "TestX",
		"main.glob..func1":                           "glob.",
	} {
		if got := shortFuncName(in); got != want {
			t.Errorf("shortFuncName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRunAndSummary(t *testing.T) {
	t.Parallel()
	pass := Task{Name: "good", Title: "A good task", Points: 3, Test: func(c *T) { c.True(true, "never"); c.Logf("loss 0.25") }}
	fail := Task{Name: "bad one", Title: "A bad task", Points: 2, Test: func(c *T) { c.True(false, "x is %d", 4) }}
	todo := Task{Name: "todo", Points: 1, Test: func(*T) { unfinished(nil) }}
	none := Task{Name: "empty", Points: 1}

	var b strings.Builder
	if got := RunTo(&b, pass); got != 3 {
		t.Errorf("RunTo(pass) = %d, want 3", got)
	}
	if got := RunTo(&b, fail); got != 0 {
		t.Errorf("RunTo(fail) = %d, want 0", got)
	}
	want := "PASS  A good task  (3/3 points)\n      loss 0.25\nCHECK good 3 == 3 +- 0\n" +
		"FAIL  A bad task  (0/2 points)\n      - x is 4\nCHECK bad_one 0 == 2 +- 0\n"
	if b.String() != want {
		t.Errorf("RunTo printed\n%s\nwant\n%s", b.String(), want)
	}

	b.Reset()
	score, total := SummaryTo(&b, "hw 1", pass, fail, todo, none)
	if score != 3 || total != 7 {
		t.Errorf("SummaryTo = %d/%d, want 3/7", score, total)
	}
	want = "Score sheet: hw 1\n" +
		"  PASS  A good task  3/3\n" +
		"  FAIL  A bad task   0/2\n" +
		"  FAIL  todo         0/1\n" +
		"  FAIL  empty        0/1\n" +
		"Total: 3/7 points\n" +
		"CHECK hw_1_score 3 == 7 +- 0\n"
	if b.String() != want {
		t.Errorf("SummaryTo printed\n%s\nwant\n%s", b.String(), want)
	}

	b.Reset()
	SummaryTo(&b, "full", pass)
	if !strings.Contains(b.String(), "All checks pass") || !strings.HasSuffix(b.String(), "CHECK full_score 3 == 3 +- 0\n") {
		t.Errorf("full marks summary:\n%s", b.String())
	}
}
