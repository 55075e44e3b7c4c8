package front

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// TestProtocolExtras covers the channels and requests GoNB leaves to the
// front or that the front relays: heartbeat, stdin, comm_info, SIGINT.
func TestProtocolExtras(t *testing.T) {
	k := startKernel(t)

	t.Run("heartbeat", func(t *testing.T) {
		hb := zmq4.NewReq(context.Background())
		defer hb.Close()
		if err := hb.Dial(k.conn.Endpoint(k.conn.HBPort)); err != nil {
			t.Fatal(err)
		}
		if err := hb.Send(zmq4.NewMsgString("ping")); err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 1)
		go func() {
			m, err := hb.Recv()
			if err == nil {
				got <- string(m.Bytes())
			}
		}()
		select {
		case s := <-got:
			if s != "ping" {
				t.Fatalf("heartbeat echoed %q", s)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no heartbeat echo in 10 s")
		}
	})

	t.Run("stdin", func(t *testing.T) {
		k.drainIOPub()
		m := k.message("execute_request", map[string]any{"code": "%with_inputs\n!read x; echo hello $x",
			"silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": true, "stop_on_error": true})
		k.send(k.shell, m)
		req := k.reply(k.stdin, m.Head.MsgID, 60*time.Second)
		if req.Head.MsgType != "input_request" {
			t.Fatalf("got %s on stdin", req.Head.MsgType)
		}
		in := k.message("input_reply", map[string]any{"value": "gopher"})
		in.ParentHeader = req.Header
		k.send(k.stdin, in)
		k.reply(k.shell, m.Head.MsgID, 60*time.Second)
		if out := k.stdout(m.Head.MsgID); out != "hello gopher\n" {
			t.Fatalf("stdout %q", out)
		}
	})

	t.Run("comm_info", func(t *testing.T) {
		c := k.request(k.shell, "comm_info_request", map[string]any{}, 10*time.Second)
		if c["status"] != "ok" || c["comms"] == nil {
			t.Fatalf("comm_info_reply: %v", c)
		}
	})

	t.Run("SIGINT interrupts the cell", func(t *testing.T) {
		k.drainIOPub()
		m := k.message("execute_request", map[string]any{"code": "%%\nfmt.Println(\"started\")\ntime.Sleep(time.Hour)",
			"silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true})
		k.send(k.shell, m)
		k.waitStdout(m.Head.MsgID, "started", 120*time.Second)
		// interrupt_mode "signal": Jupyter signals the kernel's process group.
		if err := syscall.Kill(-k.cmd.Process.Pid, syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		k.reply(k.shell, m.Head.MsgID, 30*time.Second)
		if c, out := k.execute("%%\nfmt.Println(\"after\")", 120*time.Second); c["status"] != "ok" || out != "after\n" {
			t.Fatalf("after SIGINT: %v %q", c, out)
		}
	})
}
