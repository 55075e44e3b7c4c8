package doctor

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gendl/gendl/kernel/layout"
	"github.com/gendl/gendl/kernel/spec"
)

// MinGo is the oldest Go release that builds the module (go.mod says 1.26).
const MinGo = "go1.26"

// FashionMNISTDir is where Debian's dataset-fashion-mnist package puts the
// IDX files.
const FashionMNISTDir = "/usr/share/datasets/fashion-mnist"

// Level grades a check.
type Level int

const (
	OK Level = iota
	Warn
	Fail
)

func (l Level) String() string { return [...]string{"ok", "warn", "FAIL"}[l] }

// Result is the outcome of one check.
type Result struct {
	Name   string
	Level  Level
	Detail string // what was found
	Fix    string // how to fix it; empty when Level is OK
}

// Env is what the checks look at.
type Env struct {
	Layout      layout.Layout
	Home        string
	LookPath    func(string) (string, error) // exec.LookPath in production
	GoVersion   func(goPath string) (string, error)
	DatasetDir  string
	JupyterDirs []string // Jupyter data dirs searched for the kernel spec
}

// DefaultEnv returns the Env of the running process for checkout l.
func DefaultEnv(l layout.Layout) Env {
	home, _ := os.UserHomeDir()
	user, _ := spec.DataDir(spec.User, home)
	system, _ := spec.DataDir(spec.System, home)
	dirs := []string{user, filepath.Join(l.Root, ".gendl", "venv", "share", "jupyter"), system, "/usr/share/jupyter"}
	return Env{
		Layout:      l,
		Home:        home,
		LookPath:    exec.LookPath,
		GoVersion:   goVersion,
		DatasetDir:  FashionMNISTDir,
		JupyterDirs: dirs,
	}
}

// Run performs every check in order.
func Run(e Env) []Result {
	return []Result{checkGo(e), checkTools(e), checkJupyter(e), checkSpec(e), checkDataset(e)}
}

// Print writes one line per result and returns whether none failed.
func Print(w io.Writer, results []Result) bool {
	healthy := true
	for _, r := range results {
		fmt.Fprintf(w, "%-4s  %-10s %s\n", r.Level, r.Name, r.Detail)
		if r.Fix != "" {
			fmt.Fprintf(w, "      %-10s fix: %s\n", "", r.Fix)
		}
		if r.Level == Fail {
			healthy = false
		}
	}
	return healthy
}

func checkGo(e Env) Result {
	r := Result{Name: "go"}
	path, err := e.LookPath("go")
	if err != nil {
		r.Level, r.Detail = Fail, "no `go` command on PATH"
		r.Fix = "install Go " + strings.TrimPrefix(MinGo, "go") + " or newer from https://go.dev/dl and put its bin directory on PATH"
		return r
	}
	v, err := e.GoVersion(path)
	if err != nil {
		r.Level, r.Detail, r.Fix = Fail, fmt.Sprintf("%s does not run: %v", path, err), "reinstall Go"
		return r
	}
	if !AtLeast(v, MinGo) {
		r.Level, r.Detail = Fail, fmt.Sprintf("%s at %s is older than %s", v, path, MinGo)
		r.Fix = "install Go " + strings.TrimPrefix(MinGo, "go") + " or newer from https://go.dev/dl"
		return r
	}
	r.Detail = fmt.Sprintf("%s at %s", v, path)
	return r
}

func checkTools(e Env) Result {
	r := Result{Name: "tools"}
	var missing []string
	for _, name := range []string{"gendl", "gonb", "goimports", "gopls"} {
		if _, err := os.Stat(e.Layout.Tool(name)); err != nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		r.Level, r.Detail = Fail, "missing from "+e.Layout.Bin+": "+strings.Join(missing, ", ")
		r.Fix = "run ./install.sh --no-start"
		return r
	}
	r.Detail = "gendl, gonb, goimports, gopls in " + e.Layout.Bin
	return r
}

func checkJupyter(e Env) Result {
	r := Result{Name: "jupyter"}
	venv := filepath.Join(e.Layout.Root, ".gendl", "venv", "bin", "jupyter")
	if _, err := os.Stat(venv); err == nil {
		r.Detail = venv
		return r
	}
	if p, err := e.LookPath("jupyter"); err == nil {
		r.Detail = p
		return r
	}
	r.Level, r.Detail = Fail, "no Jupyter: neither "+venv+" nor `jupyter` on PATH"
	r.Fix = "run ./install.sh (it makes a virtual environment with JupyterLab), or install JupyterLab yourself and run ./install.sh --jupyter=$(command -v jupyter)"
	return r
}

func checkSpec(e Env) Result {
	r := Result{Name: "kernelspec"}
	want := e.Layout.Tool("gendl")
	for _, dir := range e.JupyterDirs {
		s, err := spec.Read(dir)
		if err != nil {
			continue
		}
		if len(s.Argv) == 0 || s.Argv[0] != want {
			r.Level = Warn
			r.Detail = fmt.Sprintf("%s/kernels/%s runs %v, not this checkout's %s", dir, spec.Name, s.Argv, want)
			r.Fix = "run ./bin/gendl install-spec (or ./install.sh) from this checkout"
			return r
		}
		r.Detail = fmt.Sprintf("%q installed in %s/kernels/%s", s.DisplayName, dir, spec.Name)
		return r
	}
	r.Level, r.Detail = Fail, "no "+spec.Name+" kernel spec in "+strings.Join(e.JupyterDirs, ", ")
	r.Fix = "run ./bin/gendl install-spec (add --system for JupyterHub)"
	return r
}

func checkDataset(e Env) Result {
	r := Result{Name: "dataset"}
	if _, err := os.Stat(filepath.Join(e.DatasetDir, "train-images-idx3-ubyte.gz")); err == nil {
		r.Detail = "Fashion-MNIST in " + e.DatasetDir
		return r
	}
	r.Level, r.Detail = Warn, "no Fashion-MNIST in "+e.DatasetDir+" (image notebooks fall back to small synthetic data)"
	r.Fix = "sudo apt-get install dataset-fashion-mnist"
	return r
}

// goVersion runs `go env GOVERSION`.
func goVersion(goPath string) (string, error) {
	out, err := exec.Command(goPath, "env", "GOVERSION").Output()
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// AtLeast reports whether Go version v (such as "go1.26.8" or "go1.27rc1")
// is at least min (such as "go1.26"). Only major and minor numbers count.
func AtLeast(v, min string) bool {
	a, okA := majorMinor(v)
	b, okB := majorMinor(min)
	if !okA || !okB {
		return false
	}
	return a[0] > b[0] || (a[0] == b[0] && a[1] >= b[1])
}

func majorMinor(v string) ([2]int, bool) {
	v, ok := strings.CutPrefix(v, "go")
	if !ok {
		return [2]int{}, false
	}
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return [2]int{}, false
	}
	minor := parts[1]
	if i := strings.IndexFunc(minor, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		minor = minor[:i]
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(minor)
	return [2]int{ma, mi}, err1 == nil && err2 == nil
}
