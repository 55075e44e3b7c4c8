package front

import "testing"

func TestClassifyCell(t *testing.T) {
	t.Parallel()
	cases := []struct {
		code string
		kind cellKind
		out  string
	}{
		{"1+2", cellValue, "%%\nfmt.Print(1+2)\n"},
		{" x ", cellValue, "%%\nfmt.Print(x)\n"},
		{"(math.Sqrt(2))", cellValue, "%%\nfmt.Print((math.Sqrt(2)))\n"},
		{"fmt.Println(1)", cellStatement, "%%\nfmt.Println(1)"},
		{"%%\nfmt.Println(1)", cellAsIs, "%%\nfmt.Println(1)"},
		{"func f() {}", cellAsIs, "func f() {}"},
		{"x := 1", cellAsIs, "x := 1"},
		{"!ls", cellAsIs, "!ls"},
		{"", cellAsIs, ""},
	}
	for _, c := range cases {
		kind, out := classifyCell(c.code)
		if kind != c.kind || out != c.out {
			t.Errorf("classifyCell(%q) = %v, %q; want %v, %q", c.code, kind, out, c.kind, c.out)
		}
	}
}

func TestSymbolAndDocQuery(t *testing.T) {
	t.Parallel()
	code := "import (\n\tm \"math\"\n\t\"github.com/gendl/gendl/dl\"\n)\nvar y = dl.MatMul(a, m.Sqrt"
	cases := []struct {
		cursor    int
		sym, want string
	}{
		{len(code), "m.Sqrt", "math.Sqrt"},
		{len(code) - len("a, m.Sqrt"), "dl.MatMul", "github.com/gendl/gendl/dl.MatMul"},
		{len(code) - len("Mul(a, m.Sqrt"), "dl.MatMul", "github.com/gendl/gendl/dl.MatMul"},
	}
	for _, c := range cases {
		sym := symbolAt(code, c.cursor)
		if sym != c.sym || docQuery(code, sym) != c.want {
			t.Errorf("cursor %d: symbol %q → %q; want %q → %q", c.cursor, sym, docQuery(code, sym), c.sym, c.want)
		}
	}
	if got := docQuery("", "strings.ToUpper"); got != "strings.ToUpper" {
		t.Errorf("docQuery without imports = %q", got)
	}
}

func TestHelpSymbol(t *testing.T) {
	t.Parallel()
	for code, want := range map[string]string{
		"?fmt.Println": "fmt.Println", "fmt.Println?": "fmt.Println", " ? dl.Tensor ": "dl.Tensor",
		"a ? b": "", "fmt.Println(1)": "", "?": "",
	} {
		if got := helpSymbol(code); got != want {
			t.Errorf("helpSymbol(%q) = %q, want %q", code, got, want)
		}
	}
}
