package front

import (
	"context"
	"encoding/binary"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// TestHostileMessages sends the front what a local attacker who can reach
// its ports (but has no key) could send. Each time the kernel must stay up,
// run none of it, and answer the next valid request.
func TestHostileMessages(t *testing.T) {
	k := startKernel(t, "GENDL_FRONT_TEST_MAX_BYTES=1048576")
	marker := filepath.Join(t.TempDir(), "ran")
	evil := k.message("execute_request", map[string]any{
		"code":   "%%\nos.WriteFile(" + quote(marker) + ", nil, 0o600)",
		"silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false,
	})
	signed := evil.Encode(k.signer)
	delim := 0
	for i, f := range signed {
		if string(f) == Delimiter {
			delim = i
		}
	}
	withSig := func(sig string) [][]byte {
		fs := append([][]byte(nil), signed...)
		fs[delim+1] = []byte(sig)
		return fs
	}
	big := k.message("execute_request", map[string]any{
		"code":   "%%\nos.WriteFile(" + quote(marker) + ", nil, 0o600)\n//" + strings.Repeat("x", 2<<20),
		"silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false,
	})

	zmqCases := map[string][][]byte{
		"forged signature":     withSig(strings.Repeat("ab", 32)),
		"empty signature":      withSig(""),
		"non-hex signature":    withSig(strings.Repeat("zz", 32)),
		"short signature":      withSig("abcd"),
		"no delimiter":         {[]byte("garbage"), []byte("more garbage")},
		"delimiter only":       {[]byte(Delimiter)},
		"truncated":            signed[:delim+3],
		"many identities":      append(make([][]byte, 100), signed[delim:]...),
		"signed non-JSON":      resign(k.signer, []byte("not json"), []byte("{}"), []byte("{}"), []byte("{}")),
		"signed empty header":  resign(k.signer, []byte("{}"), []byte("{}"), []byte("{}"), []byte("{}")),
		"signed array content": resign(k.signer, evil.Header, []byte("{}"), []byte("{}"), []byte("[1]")),
		"oversized message":    big.Encode(k.signer),
	}
	for name, frames := range zmqCases {
		t.Run(name, func(t *testing.T) {
			// From a connection of its own, as an attacker would: the
			// front closes a connection that sends an oversized message.
			attacker := zmq4.NewDealer(context.Background(), zmq4.WithID(zmq4.SocketIdentity("attacker")))
			defer attacker.Close()
			if err := attacker.Dial(k.conn.Endpoint(k.conn.ShellPort)); err != nil {
				t.Fatal(err)
			}
			if err := attacker.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
				t.Logf("sending: %v", err)
			}
			time.Sleep(200 * time.Millisecond)
			k.checkAlive(t, marker)
		})
	}

	rawCases := map[string][]byte{
		"TCP garbage":     []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + strings.Repeat("\x00\xff", 200)),
		"huge ZMTP frame": hugeFrame(),
	}
	for name, payload := range rawCases {
		t.Run(name, func(t *testing.T) {
			for _, port := range []int{k.conn.ShellPort, k.conn.ControlPort, k.conn.StdinPort, k.conn.HBPort, k.conn.IOPubPort} {
				c, err := net.Dial("tcp", net.JoinHostPort(k.conn.IP, itoa(port)))
				if err != nil {
					t.Fatal(err)
				}
				c.Write(payload)
				time.Sleep(100 * time.Millisecond)
				c.Close()
			}
			k.checkAlive(t, marker)
		})
	}
}

// checkAlive fails the test when the front died, when the hostile cell ran,
// or when a valid execute_request is not answered.
func (k *kernel) checkAlive(t *testing.T, marker string) {
	t.Helper()
	c, out := k.execute("%%\nfmt.Println(\"still here\")", 120*time.Second)
	if c["status"] != "ok" || out != "still here\n" {
		t.Fatalf("next request: reply %v, stdout %q", c, out)
	}
	if k.dead() {
		t.Fatal("front exited")
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the hostile cell was executed")
	}
}

// resign builds a delimiter-led message whose four parts are validly signed.
func resign(s *Signer, parts ...[]byte) [][]byte {
	return append([][]byte{[]byte("id"), []byte(Delimiter), s.Sign(parts...)}, parts...)
}

// hugeFrame is a valid ZMTP 3 greeting for a DEALER, then a frame header
// announcing 2^62 bytes: zmq4 alone would try to allocate it.
func hugeFrame() []byte {
	g := make([]byte, 64)
	g[0], g[9], g[10], g[11] = 0xff, 0x7f, 3, 0
	copy(g[12:], "NULL")
	h := make([]byte, 9)
	h[0] = 0x02
	binary.BigEndian.PutUint64(h[1:], 1<<62)
	return append(g, h...)
}

func quote(s string) string { return "\"" + strings.ReplaceAll(s, `"`, `\"`) + "\"" }

func itoa(i int) string { return strconv.Itoa(i) }
