package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewSpecFields(t *testing.T) {
	t.Parallel()
	s := New("/repo", "/repo/bin", "/usr/local/go/bin")
	var got map[string]any
	if err := json.Unmarshal(s.JSON(), &got); err != nil {
		t.Fatal(err)
	}
	argv := got["argv"].([]any)
	if argv[0] != "/repo/bin/gendl" || argv[1] != "kernel" || argv[len(argv)-1] != "{connection_file}" {
		t.Errorf("argv = %v", argv)
	}
	if got["display_name"] != "Go (gendl)" || got["language"] != "go" || got["interrupt_mode"] != "message" {
		t.Errorf("kernel.json = %s", s.JSON())
	}
	env := got["env"].(map[string]any)
	if env["PATH"] != "/repo/bin:/usr/local/go/bin:${PATH}" {
		t.Errorf("env PATH = %v", env["PATH"])
	}
	if env["GENDL_ROOT"] != "/repo" {
		t.Errorf("env GENDL_ROOT = %v", env["GENDL_ROOT"])
	}
	if strings.Contains(string(s.JSON()), `\u003c`) {
		t.Error("kernel.json has HTML-escaped characters")
	}
}

func TestInstallReadUninstall(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	s := New("/r", "/r/bin", "")
	dir, err := s.Install(data)
	if err != nil {
		t.Fatal(err)
	}
	if dir != filepath.Join(data, "kernels", "gendl") {
		t.Errorf("Install dir = %s", dir)
	}
	// Installing twice is fine (install.sh is re-run).
	if _, err := s.Install(data); err != nil {
		t.Fatal(err)
	}
	back, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Env["PATH"] != "/r/bin:${PATH}" || back.Argv[0] != "/r/bin/gendl" {
		t.Errorf("Read back %+v", back)
	}
	for _, size := range []int{32, 64} {
		f, err := os.Open(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size)))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != size || cfg.Height != size {
			t.Errorf("logo %d: %+v, %v", size, cfg, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("kernel dir holds %d files, want 3 (no leftover temporaries)", len(entries))
	}
	if err := Uninstall(data); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("after Uninstall, stat = %v", err)
	}
	if err := Uninstall(data); err != nil {
		t.Errorf("second Uninstall: %v", err)
	}
}

func TestLogoHasBothColours(t *testing.T) {
	t.Parallel()
	data, err := LogoPNG(64)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var white, cyan, clear int
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			r, g, b, a := img.At(x, y).RGBA()
			switch {
			case a == 0:
				clear++
			case r>>8 > 240 && g>>8 > 240 && b>>8 > 240:
				white++
			case r>>8 < 20 && b>>8 > 200:
				cyan++
			}
		}
	}
	if white < 100 || cyan < 1000 || clear == 0 {
		t.Errorf("logo pixels: %d white, %d cyan, %d transparent", white, cyan, clear)
	}
	if _, err := LogoPNG(4); err == nil {
		t.Error("LogoPNG(4) succeeded")
	}
}

func TestDataDir(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "")
	t.Setenv("XDG_DATA_HOME", "")
	if d, _ := DataDir(System, "/home/u"); d != "/usr/local/share/jupyter" {
		t.Errorf("System = %s", d)
	}
	if d, _ := DataDir(User, "/home/u"); d != "/home/u/.local/share/jupyter" && d != "/home/u/Library/Jupyter" {
		t.Errorf("User = %s", d)
	}
	t.Setenv("JUPYTER_DATA_DIR", "/jd")
	if d, _ := DataDir(User, "/home/u"); d != "/jd" {
		t.Errorf("User with JUPYTER_DATA_DIR = %s", d)
	}
	t.Setenv("JUPYTER_DATA_DIR", "")
	if _, err := DataDir(User, ""); err == nil {
		t.Error("User with no home succeeded")
	}
}
