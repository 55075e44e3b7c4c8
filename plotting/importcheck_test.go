package plotting

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// forbiddenDeps are what the deep-learning library must never depend on.
var forbiddenDeps = []string{
	"github.com/gendl/gendl/plotting",
	"github.com/gendl/gendl/kernel",
	"github.com/janpfeifer/gonb",
}

// badImports lists "pkg imports dep" for every package matching pattern
// (with import path prefix own) that depends, even indirectly, on a
// forbidden package. It fails the test if go list matches nothing.
func badImports(t *testing.T, pattern, own string) []string {
	t.Helper()
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(goTool, "list", "-e", "-deps",
		"-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, pattern).CombinedOutput()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", pattern, err, out)
	}
	var bad []string
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || !strings.HasPrefix(fields[0], own) {
			continue
		}
		checked++
		for _, dep := range fields[1:] {
			for _, f := range forbiddenDeps {
				if dep == f || strings.HasPrefix(dep, f+"/") {
					bad = append(bad, fields[0]+" imports "+dep)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatalf("go list %s found no packages:\n%s", pattern, out)
	}
	return bad
}

// TestDLDoesNotImportUI enforces the layering rule: nothing under dl/
// depends, even indirectly, on plotting, gonbui or kernel. The library
// must build and train in a plain Go program; the notebook UI sits on
// top of it.
func TestDLDoesNotImportUI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, b := range badImports(t, "../dl/...", "github.com/gendl/gendl/dl") {
		t.Error(b)
	}
}

// TestImportCheckCatchesUI shows the check can fail: plotting itself
// depends on gonbui, so the same check run on it reports that.
func TestImportCheckCatchesUI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	bad := badImports(t, ".", "github.com/gendl/gendl/plotting")
	if len(bad) == 0 {
		t.Error("the check found no UI import in plotting, which imports gonbui")
	}
}
