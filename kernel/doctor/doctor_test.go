package doctor

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gendl/gendl/kernel/layout"
	"github.com/gendl/gendl/kernel/spec"
)

func TestAtLeast(t *testing.T) {
	t.Parallel()
	cases := []struct {
		v    string
		want bool
	}{
		{"go1.26.8", true}, {"go1.26", true}, {"go1.27rc1", true}, {"go2.0", true},
		{"go1.25.5", false}, {"go1.9", false}, {"devel", false}, {"go1", false},
	}
	for _, c := range cases {
		if got := AtLeast(c.v, "go1.26"); got != c.want {
			t.Errorf("AtLeast(%q, go1.26) = %v, want %v", c.v, got, c.want)
		}
	}
}

// fakeMachine builds an Env over temporary directories; goVer is what `go`
// reports, or "" for no Go on PATH.
func fakeMachine(t *testing.T, goVer string, tools bool) Env {
	t.Helper()
	root := t.TempDir()
	l := layout.Layout{Root: root, Bin: filepath.Join(root, "bin")}
	if tools {
		if err := os.MkdirAll(l.Bin, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"gendl", "gonb", "goimports", "gopls"} {
			if err := os.WriteFile(l.Tool(n), nil, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	return Env{
		Layout: l,
		LookPath: func(name string) (string, error) {
			if name == "go" && goVer != "" {
				return "/fake/go", nil
			}
			return "", errors.New("not found")
		},
		GoVersion:   func(string) (string, error) { return goVer, nil },
		DatasetDir:  t.TempDir(),
		JupyterDirs: []string{t.TempDir()},
	}
}

func TestNothingInstalled(t *testing.T) {
	t.Parallel()
	e := fakeMachine(t, "", false)
	var buf bytes.Buffer
	if Print(&buf, Run(e)) {
		t.Fatal("doctor passed a machine with nothing installed")
	}
	out := buf.String()
	for _, want := range []string{"FAIL  go ", "no `go` command", "FAIL  tools", "install.sh", "FAIL  jupyter", "FAIL  kernelspec", "warn  dataset", "apt-get install dataset-fashion-mnist"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
}

func TestOldGo(t *testing.T) {
	t.Parallel()
	r := checkGo(fakeMachine(t, "go1.22.3", false))
	if r.Level != Fail || !strings.Contains(r.Detail, "older than go1.26") {
		t.Errorf("old Go: %+v", r)
	}
}

func TestHealthyMachine(t *testing.T) {
	t.Parallel()
	e := fakeMachine(t, "go1.26.8", true)
	venvBin := filepath.Join(e.Layout.Root, ".gendl", "venv", "bin")
	if err := os.MkdirAll(venvBin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(venvBin, "jupyter"), nil, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := spec.New(e.Layout.Root, e.Layout.Bin, "").Install(e.JupyterDirs[0]); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(e.DatasetDir, "train-images-idx3-ubyte.gz"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if !Print(&buf, Run(e)) || strings.Contains(buf.String(), "fix:") {
		t.Errorf("healthy machine:\n%s", buf.String())
	}
}

func TestSpecOfAnotherCheckout(t *testing.T) {
	t.Parallel()
	e := fakeMachine(t, "go1.26.8", true)
	if _, err := spec.New("/elsewhere", "/elsewhere/bin", "").Install(e.JupyterDirs[0]); err != nil {
		t.Fatal(err)
	}
	r := checkSpec(e)
	if r.Level != Warn || !strings.Contains(r.Detail, "/elsewhere/bin/gendl") {
		t.Errorf("spec of another checkout: %+v", r)
	}
}
