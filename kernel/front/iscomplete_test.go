package front

import "testing"

func TestIsComplete(t *testing.T) {
	t.Parallel()
	cases := []struct {
		code, status, indent string
	}{
		{"", "complete", ""},
		{"  \n", "complete", ""},
		{`import "fmt"`, "complete", ""},
		{"func main() {\n\tfmt.Println(1)\n}", "complete", ""},
		{"func main() {", "incomplete", "\t"},
		{"func main() {\n\tif x {", "incomplete", "\t\t"},
		{"x := []int{1,\n2,", "incomplete", "\t"},
		{"var x = f(1,", "incomplete", "\t"},
		{"var x = 1 +", "incomplete", "\t"},
		{"var s = `raw\nstring", "incomplete", ""},
		{"/* a comment", "incomplete", ""},
		{"func main() }", "invalid", ""},
		{"var x = (1]", "invalid", ""},
		{"var s = \"abc\nd\"", "invalid", ""},
		{"%%\nfmt.Println(1)", "complete", ""},
		{"%%", "incomplete", ""},
		{"%%\n", "incomplete", ""},
		{"%%\nfor i := range 3 {", "incomplete", "\t"},
		{"%% --flag=1\nfmt.Println(1)", "complete", ""},
		{"%%writefile x.go\npackage main", "incomplete", ""},
		{"%%writefile x.go\npackage main\n", "complete", ""},
		{"%help", "complete", ""},
		{"!ls {", "complete", ""},
		{"%env A \\", "incomplete", ""},
		{"%env A \\\nB", "complete", ""},
		{"%goflags -v\nfunc f() {", "incomplete", "\t"},
		{"func f()", "complete", ""},
		{"type T struct", "incomplete", "\t"},
		{"x := 1 // comment {", "complete", ""},
		{"s := \"{(\"", "complete", ""},
		{"c := '{'", "complete", ""},
	}
	for _, c := range cases {
		got := IsComplete(c.code)
		if got.Status != c.status || got.Indent != c.indent {
			t.Errorf("IsComplete(%q) = %+v, want {%s %q}", c.code, got, c.status, c.indent)
		}
	}
}

func FuzzIsComplete(f *testing.F) {
	for _, s := range []string{"func main() {", "%%\nx", "`", "/*", "%a \\\n", "}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		switch IsComplete(code).Status {
		case "complete", "incomplete", "invalid":
		default:
			t.Fatalf("IsComplete(%q): unknown status", code)
		}
	})
}
