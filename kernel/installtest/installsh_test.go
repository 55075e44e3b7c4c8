package installtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gendl/gendl/kernel/layout"
)

// runInstall runs install.sh with args and env (added to a minimal
// environment) and returns its combined output; it fails the test when the
// script succeeds.
func runInstall(t *testing.T, env []string, args ...string) string {
	t.Helper()
	l, err := layout.Find(".")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", append([]string{filepath.Join(l.Root, "install.sh")}, args...)...)
	cmd.Env = append([]string{"HOME=" + t.TempDir()}, env...)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("install.sh %v succeeded, want a failure:\n%s", args, out)
	}
	return string(out)
}

// fakeGo writes a `go` script printing version for `go env GOVERSION` into
// a fresh directory and returns the directory.
func fakeGo(t *testing.T, version string) string {
	t.Helper()
	dir := t.TempDir()
	script := "#!/bin/sh\nif [ \"$1 $2\" = \"env GOVERSION\" ]; then echo " + version + "; exit 0; fi\nexit 1\n"
	if err := os.WriteFile(filepath.Join(dir, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func expect(t *testing.T, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("install.sh output lacks %q:\n%s", w, out)
		}
	}
}

func TestNoGo(t *testing.T) {
	t.Parallel()
	out := runInstall(t, []string{"PATH=/usr/bin:/bin", "GENDL_GO_SEARCH="}, "--no-start")
	expect(t, out, "error: Go is not installed", "https://go.dev/dl")
}

func TestOldGo(t *testing.T) {
	t.Parallel()
	dir := fakeGo(t, "go1.22.5")
	out := runInstall(t, []string{"PATH=" + dir + ":/usr/bin:/bin", "GENDL_GO_SEARCH="}, "--no-start")
	expect(t, out, "go1.22.5: too old", "needs Go 1.26 or newer", "GOTOOLCHAIN=")
}

func TestNoNetworkForModules(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Go build")
	}
	t.Parallel()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go on PATH")
	}
	// An empty module cache and a proxy on a closed local port: the same as
	// a machine with no network.
	env := []string{
		"PATH=" + filepath.Dir(goBin) + ":/usr/bin:/bin",
		"GOMODCACHE=" + t.TempDir(),
		"GOCACHE=" + t.TempDir(),
		"GOPROXY=http://127.0.0.1:9",
		"GOFLAGS=-mod=mod",
		"GONOSUMDB=*", "GONOSUMCHECK=1", "GOSUMDB=off",
	}
	out := runInstall(t, env, "--no-start")
	expect(t, out, "could not download Go modules", "GOPROXY=http://127.0.0.1:9")
}

func TestNoJupyterWithNoJupyterFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tools first")
	}
	t.Parallel()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go on PATH")
	}
	home, _ := os.UserHomeDir() // the real caches: the build is then quick
	env := []string{
		"PATH=" + filepath.Dir(goBin) + ":/usr/bin:/bin",
		"GOMODCACHE=" + goEnv(t, "GOMODCACHE"),
		"GOCACHE=" + goEnv(t, "GOCACHE"),
		"GOFLAGS=" + goEnv(t, "GOFLAGS"),
		"GOTOOLCHAIN=local",
		"GOPATH=" + filepath.Join(home, "go"),
	}
	if p, err := exec.LookPath("jupyter"); err == nil && strings.HasPrefix(p, "/usr/bin") {
		t.Skipf("a system jupyter exists at %s", p)
	}
	out := runInstall(t, env, "--no-start", "--no-jupyter")
	expect(t, out, "--no-jupyter was given but there is no `jupyter` on PATH", "--jupyter=PATH")
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}
