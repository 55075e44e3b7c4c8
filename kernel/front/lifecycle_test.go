package front

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestInterruptLongCell(t *testing.T) {
	k := startKernel(t)
	k.drainIOPub()
	m := k.message("execute_request", map[string]any{
		"code":   "%%\nfmt.Println(\"started\")\ntime.Sleep(time.Hour)\nfmt.Println(\"finished\")",
		"silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true,
	})
	k.send(k.shell, m)
	k.waitStdout(m.Head.MsgID, "started", buildWait)
	ic := k.request(k.ctrl, "interrupt_request", map[string]any{}, 30*time.Second)
	if ic["status"] != "ok" {
		t.Fatalf("interrupt_reply: %v", ic)
	}
	r := k.reply(k.shell, m.Head.MsgID, 90*time.Second)
	var c map[string]any
	r.DecodeContent(&c)
	if c["status"] == "ok" {
		t.Fatalf("interrupted cell replied ok: %v", c)
	}
	next, out := k.execute("%%\nfmt.Println(\"next\")", buildWait)
	if next["status"] != "ok" || out != "next\n" {
		t.Fatalf("after the interrupt: reply %v, stdout %q", next, out)
	}
}

// waitStdout waits until msgID's stdout contains want.
func (k *kernel) waitStdout(msgID, want string, timeout time.Duration) {
	k.t.Helper()
	deadline := time.After(timeout)
	var got strings.Builder
	for {
		select {
		case m := <-k.iopubC:
			var c struct{ Name, Text string }
			m.DecodeContent(&c)
			if m.Parent.MsgID == msgID && m.Head.MsgType == "stream" {
				got.WriteString(c.Text)
				if strings.Contains(got.String(), want) {
					return
				}
			}
		case <-deadline:
			k.t.Fatalf("no %q on stdout within %v (got %q)", want, timeout, got.String())
		}
	}
}

func TestStopOnErrorAbortsQueuedCells(t *testing.T) {
	k := startKernel(t)
	exec := func(code string, stopOnError bool) string {
		m := k.message("execute_request", map[string]any{"code": code, "silent": false, "store_history": true,
			"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": stopOnError})
		k.send(k.shell, m)
		return m.Head.MsgID
	}
	status := func(id string) any {
		var c map[string]any
		k.reply(k.shell, id, 120*time.Second).DecodeContent(&c)
		return c["status"]
	}
	ids := []string{exec("%%\nnoSuchFunction()", true), exec("%%\nfmt.Println(1)", true), exec("%%\nfmt.Println(2)", true)}
	want := []string{"error", "aborted", "aborted"}
	for i, id := range ids {
		if got := status(id); got != want[i] {
			t.Errorf("cell %d: status %v, want %s", i, got, want[i])
		}
	}
	// Aborting stops with the queue it found: later cells run, and a cell
	// sent with stop_on_error false does not abort the next.
	ids = []string{exec("%%\nnoSuchFunction()", false), exec("%%\nfmt.Println(3)", true)}
	want = []string{"error", "ok"}
	for i, id := range ids {
		if got := status(id); got != want[i] {
			t.Errorf("second round, cell %d: status %v, want %s", i, got, want[i])
		}
	}
}

// A cell sent the moment the client has an error reply was not queued when
// the error came, so it runs. The front takes the cells to abort before it
// passes the reply on; it once took them after, and under load a fast
// client's next cell was aborted. Here the queue waits 300 ms after each
// reply (GENDL_FRONT_TEST_REPLY_DELAY), which made that happen every time.
func TestCellSentAfterErrorReplyRuns(t *testing.T) {
	k := startKernel(t, "GENDL_FRONT_TEST_REPLY_DELAY=300ms")
	for round := range 2 {
		m := k.message("execute_request", map[string]any{"code": "%%\nnoSuchFunction()", "silent": false, "store_history": true,
			"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true})
		k.send(k.shell, m)
		var c map[string]any
		k.reply(k.shell, m.Head.MsgID, 120*time.Second).DecodeContent(&c)
		if c["status"] != "error" {
			t.Fatalf("round %d: failing cell's status %v", round, c["status"])
		}
		if next, out := k.execute("%%\nfmt.Println(4)", 120*time.Second); next["status"] != "ok" || out != "4\n" {
			t.Errorf("round %d: the cell sent after the error reply: %v %q, want ok", round, next, out)
		}
	}
}

func TestHistoryAndIsComplete(t *testing.T) {
	k := startKernel(t)
	for _, code := range []string{"%%\nfmt.Println(1)", "%%\nfmt.Println(2)"} {
		if c, _ := k.execute(code, 120*time.Second); c["status"] != "ok" {
			t.Fatalf("%q: %v", code, c)
		}
	}
	h := k.request(k.shell, "history_request", map[string]any{"output": false, "raw": true, "hist_access_type": "tail", "n": 2}, 10*time.Second)
	hist, _ := h["history"].([]any)
	if len(hist) != 2 || hist[1].([]any)[2] != "%%\nfmt.Println(2)" {
		t.Fatalf("history tail: %v", h)
	}
	c := k.request(k.shell, "is_complete_request", map[string]any{"code": "func f() {"}, 10*time.Second)
	if c["status"] != "incomplete" || c["indent"] != "\t" {
		t.Fatalf("is_complete: %v", c)
	}
}

// markedPIDs returns the processes carrying the marker of front pid.
func markedPIDs(pid int) []int {
	var out []int
	prefix := markerEnv + "=" + strconv.Itoa(pid) + "-"
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil {
			continue
		}
		for _, kv := range strings.Split(string(env), "\x00") {
			if strings.HasPrefix(kv, prefix) {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// leftovers returns what front pid left: processes and temp dirs.
func leftovers(pid int) ([]int, []string) {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "gendl-front-"+strconv.Itoa(pid)+"-*"))
	return markedPIDs(pid), dirs
}

func TestNothingLeftBehind(t *testing.T) {
	for _, how := range []string{"shutdown_request", "SIGTERM", "SIGKILL"} {
		t.Run(how, func(t *testing.T) {
			k := startKernel(t)
			if c, _ := k.execute("%%\nfmt.Println(1)", 120*time.Second); c["status"] != "ok" {
				t.Fatalf("execute: %v", c)
			}
			pid := k.cmd.Process.Pid
			procs, dirs := leftovers(pid)
			if len(procs) < 2 || len(dirs) != 1 {
				t.Fatalf("while running: marked processes %v (want GoNB and gopls), dirs %v", procs, dirs)
			}
			switch how {
			case "shutdown_request":
				c := k.request(k.ctrl, "shutdown_request", map[string]any{"restart": false}, 10*time.Second)
				if c["status"] != "ok" {
					t.Fatalf("shutdown_reply: %v", c)
				}
			case "SIGTERM":
				k.cmd.Process.Signal(syscall.SIGTERM)
			case "SIGKILL":
				k.cmd.Process.Kill()
			}
			select {
			case <-k.exited:
			case <-time.After(20 * time.Second):
				t.Fatal("front did not exit")
			}
			deadline := time.Now().Add(15 * time.Second)
			for {
				procs, dirs = leftovers(pid)
				if len(procs) == 0 && len(dirs) == 0 {
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("left behind: processes %v, dirs %v", procs, dirs)
				}
				time.Sleep(200 * time.Millisecond)
			}
		})
	}
}

// TestOrphanedFrontExits starts the front from a shell, as jupyter_client
// would (JPY_PARENT_PID set to it), kills the shell, and expects the front
// to notice, shut down and leave nothing behind.
func TestOrphanedFrontExits(t *testing.T) {
	dir := t.TempDir()
	conn, err := loopbackConnInfo()
	if err != nil {
		t.Fatal(err)
	}
	cf := filepath.Join(dir, "connection.json")
	conn.Write(cf)
	pidFile := filepath.Join(dir, "front.pid")
	sh := exec.Command("/bin/sh", "-c", `JPY_PARENT_PID=$$ "$0" -test.run='^$' & echo $! > "$1"; wait`, os.Args[0], pidFile)
	sh.Env = append(os.Environ(), frontMainEnv+"="+cf, "GENDL_FRONT_TEST_GONB="+gonbBinary(t),
		"GENDL_HISTORY_FILE="+filepath.Join(dir, "history.jsonl"),
		"PATH="+filepath.Join(repoRoot(), "bin")+string(os.PathListSeparator)+os.Getenv("PATH"))
	sh.Stderr = &testLog{t: t}
	if err := sh.Start(); err != nil {
		t.Fatal(err)
	}
	var pid int
	deadline := time.Now().Add(60 * time.Second)
	for {
		b, _ := os.ReadFile(pidFile)
		pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		if pid > 0 && len(markedPIDs(pid)) >= 1 {
			break // the front runs and has started GoNB
		}
		if time.Now().After(deadline) {
			t.Fatal("the front did not start GoNB within 60 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second) // let it finish starting
	sh.Process.Kill()
	sh.Wait()
	deadline = time.Now().Add(20 * time.Second)
	for {
		procs, dirs := leftovers(pid)
		if !alive(pid) && len(procs) == 0 && len(dirs) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("20 s after its parent died: front alive %v, processes %v, dirs %v", alive(pid), procs, dirs)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestInterruptDuringBuild interrupts a cell while GoNB builds it. GoNB
// forwards interrupts only to a running cell process, so this first
// interrupt alone stops nothing and the cell would then sleep for an hour;
// the front repeats the interrupt while the same cell is still running.
func TestInterruptDuringBuild(t *testing.T) {
	k := startKernel(t)
	k.drainIOPub()
	// A cell never built before, so that GoNB has to build it.
	code := fmt.Sprintf("%%%%\nfmt.Println(%q)\ntime.Sleep(time.Hour)", "unique "+randomHex(8))
	m := k.message("execute_request", map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true})
	k.send(k.shell, m)
	deadline := time.After(buildWait)
	for started := false; !started; {
		select {
		case msg := <-k.iopubC:
			started = msg.Parent.MsgID == m.Head.MsgID && msg.Head.MsgType == "execute_input"
		case <-deadline:
			t.Fatalf("GoNB did not start the cell within %v", buildWait)
		}
	}
	if ic := k.request(k.ctrl, "interrupt_request", map[string]any{}, 30*time.Second); ic["status"] != "ok" {
		t.Fatalf("interrupt_reply: %v", ic)
	}
	var c map[string]any
	k.reply(k.shell, m.Head.MsgID, buildWait).DecodeContent(&c)
	if c["status"] == "ok" {
		t.Fatalf("interrupted cell replied ok: %v", c)
	}
	if next, out := k.execute("%%\nfmt.Println(\"next\")", buildWait); next["status"] != "ok" || out != "next\n" {
		t.Fatalf("after the interrupt: reply %v, stdout %q", next, out)
	}
}
