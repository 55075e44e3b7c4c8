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

// TestUninstallKeepsOtherCheckouts runs --uninstall on a copy of install.sh
// in a scratch checkout: it removes that checkout's bin/, .gendl/ and kernel
// spec, and leaves a kernel spec that runs another checkout's gendl.
func TestUninstallKeepsOtherCheckouts(t *testing.T) {
	t.Parallel()
	l, err := layout.Find(".")
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile(filepath.Join(l.Root, "install.sh"))
	if err != nil {
		t.Fatal(err)
	}
	root, home := t.TempDir(), t.TempDir()
	write := func(path, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "install.sh"), string(script))
	write(filepath.Join(root, "bin", "gendl"), "")
	write(filepath.Join(root, ".gendl", "venv", "bin", "python"), "")
	ours := filepath.Join(home, ".local", "share", "jupyter", "kernels", "gendl")
	write(filepath.Join(ours, "kernel.json"), `{"argv": ["`+filepath.Join(root, "bin", "gendl")+`", "kernel"]}`)
	theirs := filepath.Join(home, "Library", "Jupyter", "kernels", "gendl")
	write(filepath.Join(theirs, "kernel.json"), `{"argv": ["/elsewhere/bin/gendl", "kernel"]}`)

	cmd := exec.Command("bash", filepath.Join(root, "install.sh"), "--uninstall")
	cmd.Env = []string{"HOME=" + home, "PATH=/usr/bin:/bin"}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("--uninstall failed: %v\n%s", err, out)
	}
	for _, gone := range []string{ours, filepath.Join(root, "bin"), filepath.Join(root, ".gendl")} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s still exists after --uninstall:\n%s", gone, out)
		}
	}
	if _, err := os.Stat(filepath.Join(theirs, "kernel.json")); err != nil {
		t.Errorf("--uninstall removed another checkout's kernel spec: %v\n%s", err, out)
	}
	expect(t, string(out), "it runs another checkout's gendl")
}
