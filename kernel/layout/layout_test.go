package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindWalksUp(t *testing.T) {
	t.Setenv("GENDL_ROOT", "")
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "go.mod"), "// comment\nmodule github.com/gendl/gendl\n\ngo 1.26.0\n")
	deep := filepath.Join(root, "notebooks", "homework")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	l, err := Find(filepath.Join(root, "nowhere-first"), deep)
	if err != nil {
		t.Fatal(err)
	}
	if l.Root != root || l.Bin != filepath.Join(root, "bin") {
		t.Errorf("Find = %+v, want root %s", l, root)
	}
	if got := l.Tool("gonb"); got != filepath.Join(root, "bin", "gonb") {
		t.Errorf("Tool(gonb) = %s", got)
	}
}

func TestAtRejectsOtherModule(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/other\n")
	if _, err := At(dir); err == nil || !strings.Contains(err.Error(), "example.com/other") {
		t.Errorf("At(other module) error = %v, want one naming the module", err)
	}
	if _, err := At(filepath.Join(dir, "missing")); err == nil {
		t.Error("At(missing dir) succeeded")
	}
}

func TestFindHonoursGENDLROOT(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "go.mod"), "module github.com/gendl/gendl\n")
	t.Setenv("GENDL_ROOT", root)
	l, err := Find("/")
	if err != nil || l.Root != root {
		t.Errorf("Find with GENDL_ROOT = %+v, %v; want root %s", l, err, root)
	}
	t.Setenv("GENDL_ROOT", t.TempDir())
	if _, err := Find(root); err == nil {
		t.Error("Find with GENDL_ROOT pointing at a non-checkout succeeded")
	}
}

func TestRealCheckout(t *testing.T) {
	t.Setenv("GENDL_ROOT", "")
	wd, _ := os.Getwd()
	l, err := Find(wd)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(l.Root, "install.sh")); err != nil {
		t.Errorf("found root %s has no install.sh: %v", l.Root, err)
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
