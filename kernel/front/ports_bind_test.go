package front

import (
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestClientPortsBoundBeforeGoNB starts the front with a "GoNB" that never
// answers and expects the five client ports to accept connections anyway:
// the front binds them first, so no other process can take one of the
// ports Jupyter picked while GoNB starts. The stand-in also reports the
// connection file it was given, which must name Unix sockets, not ports.
func TestClientPortsBoundBeforeGoNB(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	conn, err := loopbackConnInfo()
	if err != nil {
		t.Fatal(err)
	}
	cf := filepath.Join(dir, "connection.json")
	if err := conn.Write(cf); err != nil {
		t.Fatal(err)
	}
	seen := filepath.Join(dir, "gonb-args")
	stub := filepath.Join(dir, "gonb")
	script := "#!/bin/sh\ncp \"$2\" " + strconv.Quote(seen) + ".tmp && mv " + strconv.Quote(seen) + ".tmp " + strconv.Quote(seen) + "\nexec sleep 60\n"
	if err := os.WriteFile(stub, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), frontMainEnv+"="+cf, "GENDL_FRONT_TEST_GONB="+stub,
		"GENDL_HISTORY_FILE="+filepath.Join(dir, "history.jsonl"))
	cmd.Stderr = &testLog{t: t}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscallTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
		}
	})

	deadline := time.Now().Add(30 * time.Second)
	for _, port := range []int{conn.ShellPort, conn.ControlPort, conn.StdinPort, conn.IOPubPort, conn.HBPort} {
		addr := net.JoinHostPort(conn.IP, strconv.Itoa(port))
		for {
			c, err := net.DialTimeout("tcp", addr, time.Second)
			if err == nil {
				c.Close()
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("port %d not bound within 30 s while GoNB was silent: %v", port, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	var got ConnInfo
	for {
		b, err := os.ReadFile(seen)
		if err == nil {
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatalf("GoNB's connection file: %v", err)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the stand-in GoNB never started")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got.Transport != "ipc" || got.Key == "" || got.Key == conn.Key {
		t.Errorf("GoNB got transport %q and key %q (client key %q); want ipc and a key of its own", got.Transport, got.Key, conn.Key)
	}
}
