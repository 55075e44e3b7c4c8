package prewarm

import (
	"context"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gendl/gendl/kernel/layout"
)

func TestPackagesSkipsInternalTestsAndMain(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	files := map[string]string{
		"dl/tensor.go":                 "package dl\n",
		"dl/internal/kern/k.go":        "package kern\n",
		"dl/nn/linear.go":              "package nn\n",
		"dl/onlytests/x_test.go":       "package onlytests\n",
		"dl/testdata/t.go":             "package testdata\n",
		"plotting/show.go":             "// Package plotting.\npackage plotting\n",
		"plotting/cmd/demo/main.go":    "package main\n",
		"notebooks/ignored/ignored.go": "package ignored\n",
	}
	for name, src := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Packages(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"github.com/gendl/gendl/dl", "github.com/gendl/gendl/dl/nn", "github.com/gendl/gendl/plotting"}
	if !slices.Equal(got, want) {
		t.Errorf("Packages = %q, want %q", got, want)
	}
}

func TestSourceParses(t *testing.T) {
	t.Parallel()
	src := Source([]string{"github.com/gendl/gendl/dl", "github.com/gendl/gendl/plotting"})
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", src, parser.ImportsOnly)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	var imports []string
	for _, imp := range f.Imports {
		imports = append(imports, strings.Trim(imp.Path.Value, `"`))
	}
	want := []string{"fmt", "github.com/gendl/gendl/dl", "github.com/gendl/gendl/plotting", GonbUI}
	if !slices.Equal(imports, want) {
		t.Errorf("imports = %q, want %q", imports, want)
	}
}

// TestRunOnCheckout compiles the real prewarm program against this checkout,
// in a module laid out as GoNB lays it out: it fails when a library package
// does not compile or when the workspace cannot resolve gonbui without the
// network.
func TestRunOnCheckout(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles every library package")
	}
	t.Setenv("GOPROXY", "off") // the kernel's workspace must need no download
	l, err := layout.Find(".")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), l, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rep.Imports, GonbUI) || len(rep.Steps) < 6 {
		t.Errorf("report %s", rep)
	}
	t.Log(rep)
}
