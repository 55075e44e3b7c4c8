package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Name is the kernel's name: the directory under kernels/ and what notebooks
// record in metadata.kernelspec.name.
const Name = "gendl"

// DisplayName is what the Jupyter launcher and kernel picker show.
const DisplayName = "Go (gendl)"

// Spec is the content of kernel.json. Field names follow the Jupyter
// kernel spec documentation.
type Spec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env"`
	Metadata      map[string]any    `json:"metadata,omitempty"`
}

// New returns the gendl kernel spec for the checkout at root whose programs
// live in binDir, with goDir (the directory of the `go` command) added to PATH.
// goDir may be empty when `go` is already on the standard PATH.
func New(root, binDir, goDir string) Spec {
	path := []string{binDir}
	if goDir != "" && goDir != binDir {
		path = append(path, goDir)
	}
	// jupyter_client substitutes ${PATH} with the server's PATH.
	path = append(path, "${PATH}")
	return Spec{
		Argv:          []string{filepath.Join(binDir, "gendl"), "kernel", "--connection-file", "{connection_file}"},
		DisplayName:   DisplayName,
		Language:      "go",
		InterruptMode: "message",
		Env: map[string]string{
			"PATH":       strings.Join(path, string(os.PathListSeparator)),
			"GENDL_ROOT": root,
		},
		Metadata: map[string]any{"gendl": map[string]any{"root": root}},
	}
}

// JSON returns kernel.json's bytes, indented, with a trailing newline.
func (s Spec) JSON() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(fmt.Sprintf("spec: encoding kernel.json: %v", err)) // only maps of strings: cannot fail
	}
	return buf.Bytes()
}

// Where says which Jupyter data directory to install into.
type Where int

const (
	User   Where = iota // the user's data dir: ~/.local/share/jupyter or $JUPYTER_DATA_DIR
	System              // the machine's: /usr/local/share/jupyter (JupyterHub)
)

// DataDir returns the Jupyter data directory for where, following Jupyter's
// own rules (jupyter_core.paths) for Linux and macOS. home is the user's
// home directory.
func DataDir(where Where, home string) (string, error) {
	switch where {
	case System:
		return "/usr/local/share/jupyter", nil
	case User:
		if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
			return d, nil
		}
		if home == "" {
			return "", fmt.Errorf("spec: no home directory to install the user kernel spec into (set HOME or JUPYTER_DATA_DIR)")
		}
		if runtime.GOOS == "darwin" {
			return filepath.Join(home, "Library", "Jupyter"), nil
		}
		if x := os.Getenv("XDG_DATA_HOME"); x != "" {
			return filepath.Join(x, "jupyter"), nil
		}
		return filepath.Join(home, ".local", "share", "jupyter"), nil
	}
	return "", fmt.Errorf("spec: unknown install location %d", where)
}

// Install writes kernel.json and the two logos into <dataDir>/kernels/gendl,
// replacing what was there, and returns that directory.
func (s Spec) Install(dataDir string) (string, error) {
	dir := filepath.Join(dataDir, "kernels", Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("spec: %w", err)
	}
	files := map[string][]byte{"kernel.json": s.JSON()}
	for _, size := range []int{32, 64} {
		png, err := LogoPNG(size)
		if err != nil {
			return "", err
		}
		files[fmt.Sprintf("logo-%dx%d.png", size, size)] = png
	}
	for name, data := range files {
		if err := writeAtomic(filepath.Join(dir, name), data); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// Uninstall removes <dataDir>/kernels/gendl. It is not an error when the
// directory does not exist.
func Uninstall(dataDir string) error {
	dir := filepath.Join(dataDir, "kernels", Name)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("spec: removing %s: %w", dir, err)
	}
	return nil
}

// Read parses the kernel.json installed under dataDir.
func Read(dataDir string) (Spec, error) {
	path := filepath.Join(dataDir, "kernels", Name, "kernel.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return Spec{}, fmt.Errorf("spec: %w", err)
	}
	var s Spec
	if err := json.Unmarshal(data, &s); err != nil {
		return Spec{}, fmt.Errorf("spec: parsing %s: %w", path, err)
	}
	return s, nil
}

// writeAtomic writes data to a temporary file beside path and renames it over
// path, so a running Jupyter never reads half a kernel.json.
func writeAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("spec: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("spec: %w", err)
	}
	return nil
}
