package front

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
)

// ConnInfo is a Jupyter connection file.
type ConnInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnInfo reads and checks a connection file.
func ReadConnInfo(path string) (ConnInfo, error) {
	var c ConnInfo
	b, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("front: reading connection file: %w", err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("front: connection file %s: %w", path, err)
	}
	if c.Transport == "" {
		c.Transport = "tcp"
	}
	if c.Transport != "tcp" && c.Transport != "ipc" {
		return c, fmt.Errorf("front: connection file %s: unsupported transport %q", path, c.Transport)
	}
	for name, p := range map[string]int{"shell": c.ShellPort, "control": c.ControlPort, "stdin": c.StdinPort, "iopub": c.IOPubPort, "hb": c.HBPort} {
		if p <= 0 || p > 65535 {
			return c, fmt.Errorf("front: connection file %s: %s_port %d out of range", path, name, p)
		}
	}
	return c, nil
}

// Endpoint returns the zmq endpoint of port.
func (c ConnInfo) Endpoint(port int) string {
	if c.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", c.IP, port)
	}
	return fmt.Sprintf("tcp://%s", net.JoinHostPort(c.IP, fmt.Sprint(port)))
}

// Write writes c to path, readable only by the user.
func (c ConnInfo) Write(path string) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o600)
}

// ipcConnInfo returns a connection on Unix sockets named dir/gonb-1 to
// dir/gonb-5, with a fresh random key. The front talks to GoNB this way:
// no TCP port is picked, so none can be taken by another process between
// the picking and GoNB's bind, and nothing else on the host can connect.
func ipcConnInfo(dir string) ConnInfo {
	return ConnInfo{
		Transport: "ipc", IP: filepath.Join(dir, "gonb"),
		ShellPort: 1, ControlPort: 2, StdinPort: 3, IOPubPort: 4, HBPort: 5,
		Key: randomHex(32), SignatureScheme: "hmac-sha256",
	}
}

// randomHex returns n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	return hex.EncodeToString(b)
}

// newUUID returns a random (version 4) UUID string.
func newUUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
