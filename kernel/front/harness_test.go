package front

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// The tests run the front in a child process — the test binary itself,
// told so by frontMainEnv — so that it can be killed, signalled, and
// watched for leftovers like the real kernel.
const frontMainEnv = "GENDL_FRONT_TEST_MAIN"

func TestMain(m *testing.M) {
	if cf := os.Getenv(frontMainEnv); cf != "" {
		maxBytes, _ := strconv.Atoi(os.Getenv("GENDL_FRONT_TEST_MAX_BYTES"))
		iopubDelay, _ := time.ParseDuration(os.Getenv("GENDL_FRONT_TEST_IOPUB_DELAY"))
		replyDelay, _ := time.ParseDuration(os.Getenv("GENDL_FRONT_TEST_REPLY_DELAY"))
		err := Run(context.Background(), Options{
			ConnectionFile:  cf,
			GoNB:            os.Getenv("GENDL_FRONT_TEST_GONB"),
			GoNBArgs:        strings.Fields(os.Getenv("GENDL_FRONT_TEST_GONB_ARGS")),
			HistoryFile:     os.Getenv("GENDL_HISTORY_FILE"),
			MaxMessageBytes: maxBytes,
			iopubDelay:      iopubDelay,
			replyDelay:      replyDelay,
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

var (
	gonbOnce sync.Once
	gonbPath string
	gonbErr  error
)

// repoRoot is the module root, two levels above this package.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// gonbBinary returns the repo's bin/gonb, or builds GoNB once for the run.
func gonbBinary(t *testing.T) string {
	t.Helper()
	gonbOnce.Do(func() {
		p := filepath.Join(repoRoot(), "bin", "gonb")
		if _, err := os.Stat(p); err == nil {
			gonbPath = p
			return
		}
		dir, err := os.MkdirTemp("", "gendl-front-test-gonb")
		if err != nil {
			gonbErr = err
			return
		}
		gonbPath = filepath.Join(dir, "gonb")
		cmd := exec.Command("go", "build", "-o", gonbPath, "github.com/janpfeifer/gonb")
		cmd.Dir = repoRoot()
		if out, err := cmd.CombinedOutput(); err != nil {
			gonbErr = fmt.Errorf("building gonb: %v\n%s", err, out)
		}
	})
	if gonbErr != nil {
		t.Fatal(gonbErr)
	}
	return gonbPath
}

// buildWait bounds a wait that includes building a cell: GoNB's first
// build in a fresh kernel, on a 2-core machine that go test ./... keeps
// busy with other packages, can take minutes.
const buildWait = 5 * time.Minute

// kernel is a front running in a child process, with a client connected.
type kernel struct {
	t      *testing.T
	cmd    *exec.Cmd
	conn   ConnInfo
	signer *Signer
	shell  zmq4.Socket
	ctrl   zmq4.Socket
	stdin  zmq4.Socket
	iopub  zmq4.Socket
	exited chan struct{}
	iopubC chan *Message
}

// startKernel starts a front with extra environment variables and connects
// a client to it.
func startKernel(t *testing.T, env ...string) *kernel {
	t.Helper()
	gonb := gonbBinary(t)
	dir := t.TempDir()
	conn, err := loopbackConnInfo()
	if err != nil {
		t.Fatal(err)
	}
	cf := filepath.Join(dir, "connection.json")
	if err := conn.Write(cf); err != nil {
		t.Fatal(err)
	}
	k := &kernel{t: t, conn: conn, exited: make(chan struct{}), iopubC: make(chan *Message, 1000)}
	k.signer, _ = NewSigner(conn.SignatureScheme, conn.Key)
	k.cmd = exec.Command(os.Args[0], "-test.run=^$")
	k.cmd.Env = append(os.Environ(),
		frontMainEnv+"="+cf,
		"GENDL_FRONT_TEST_GONB="+gonb,
		"GENDL_HISTORY_FILE="+filepath.Join(dir, "history.jsonl"),
		"PATH="+filepath.Join(repoRoot(), "bin")+string(os.PathListSeparator)+os.Getenv("PATH"),
	)
	k.cmd.Env = append(k.cmd.Env, env...)
	k.cmd.Stderr = &testLog{t: t}
	k.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // like Jupyter's start_new_session
	if err := k.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { k.cmd.Wait(); close(k.exited) }()
	t.Cleanup(func() {
		if !k.dead() {
			k.cmd.Process.Signal(os.Interrupt)
			k.cmd.Process.Signal(syscallTERM)
			select {
			case <-k.exited:
			case <-time.After(15 * time.Second):
				k.cmd.Process.Kill()
			}
		}
	})

	ctx := context.Background()
	id := zmq4.WithID(zmq4.SocketIdentity("test-client-" + randomHex(4)))
	k.shell = zmq4.NewDealer(ctx, id, zmq4.WithDialerRetry(100*time.Millisecond), zmq4.WithDialerMaxRetries(300))
	k.ctrl = zmq4.NewDealer(ctx, id, zmq4.WithDialerRetry(100*time.Millisecond), zmq4.WithDialerMaxRetries(300))
	k.stdin = zmq4.NewDealer(ctx, id, zmq4.WithDialerRetry(100*time.Millisecond), zmq4.WithDialerMaxRetries(300))
	k.iopub = zmq4.NewSub(ctx, zmq4.WithDialerRetry(100*time.Millisecond), zmq4.WithDialerMaxRetries(300))
	for _, c := range []struct {
		s    zmq4.Socket
		port int
	}{{k.shell, conn.ShellPort}, {k.ctrl, conn.ControlPort}, {k.stdin, conn.StdinPort}, {k.iopub, conn.IOPubPort}} {
		if err := c.s.Dial(conn.Endpoint(c.port)); err != nil {
			t.Fatalf("dialing the front: %v", err)
		}
		t.Cleanup(func() { c.s.Close() })
	}
	k.iopub.SetOption(zmq4.OptionSubscribe, "")
	go func() {
		for {
			raw, err := k.iopub.Recv()
			if err != nil {
				return
			}
			if m, err := Decode(raw.Frames, k.signer, 0); err == nil {
				k.iopubC <- m
			}
		}
	}()
	// The first kernel_info_reply says the front is up; iopub may still be
	// joining, so ask until a status arrives there too.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if time.Now().After(deadline) {
			t.Fatal("front did not answer kernel_info_request in 60 s")
		}
		k.request(k.shell, "kernel_info_request", map[string]any{}, 30*time.Second)
		select {
		case <-k.iopubC:
			k.drainIOPub()
			return k
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// testLog sends the front's stderr to the test log.
type testLog struct{ t *testing.T }

func (l *testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

func (k *kernel) dead() bool {
	select {
	case <-k.exited:
		return true
	default:
		return false
	}
}

// message builds a signed-ready client request.
func (k *kernel) message(msgType string, content any) *Message {
	head := Header{MsgID: newUUID(), MsgType: msgType, Session: "test", Username: "test",
		Date: time.Now().UTC().Format(time.RFC3339Nano), Version: ProtocolVersion}
	m := &Message{Head: head, ParentHeader: json.RawMessage("{}"), Metadata: json.RawMessage("{}")}
	m.Header = mustJSON(head)
	m.Content = mustJSON(content)
	return m
}

// send sends m on s, signed.
func (k *kernel) send(s zmq4.Socket, m *Message) {
	k.t.Helper()
	if err := s.SendMulti(zmq4.NewMsgFrom(m.Encode(k.signer)...)); err != nil {
		k.t.Fatalf("sending %s: %v", m.Head.MsgType, err)
	}
}

// reply waits for the reply to msgID on s.
func (k *kernel) reply(s zmq4.Socket, msgID string, timeout time.Duration) *Message {
	k.t.Helper()
	type result struct {
		m   *Message
		err error
	}
	done := make(chan result, 1)
	go func() {
		for {
			raw, err := s.Recv()
			if err != nil {
				done <- result{err: err}
				return
			}
			m, err := Decode(raw.Frames, k.signer, 0)
			if err != nil {
				done <- result{err: err}
				return
			}
			if m.Parent.MsgID == msgID {
				done <- result{m: m}
				return
			}
		}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			k.t.Fatalf("waiting for the reply to %s: %v", msgID, r.err)
		}
		return r.m
	case <-time.After(timeout):
		k.t.Fatalf("no reply to %s within %v (front exited: %v)", msgID, timeout, k.dead())
	}
	return nil
}

// request sends a request and returns its reply content.
func (k *kernel) request(s zmq4.Socket, msgType string, content any, timeout time.Duration) map[string]any {
	k.t.Helper()
	m := k.message(msgType, content)
	k.send(s, m)
	r := k.reply(s, m.Head.MsgID, timeout)
	var c map[string]any
	if err := r.DecodeContent(&c); err != nil {
		k.t.Fatal(err)
	}
	return c
}

// execute runs code and returns the reply content and the stdout text.
func (k *kernel) execute(code string, timeout time.Duration) (map[string]any, string) {
	k.t.Helper()
	k.drainIOPub()
	m := k.message("execute_request", map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true})
	k.send(k.shell, m)
	r := k.reply(k.shell, m.Head.MsgID, timeout)
	var c map[string]any
	r.DecodeContent(&c)
	return c, k.stdout(m.Head.MsgID)
}

// stdout collects the stdout stream of request msgID until its idle status.
func (k *kernel) stdout(msgID string) string {
	var out strings.Builder
	deadline := time.After(60 * time.Second) // the idle follows the reply, but the machine may be loaded
	for {
		select {
		case m := <-k.iopubC:
			if m.Parent.MsgID != msgID {
				continue
			}
			var c struct {
				Name, Text     string
				ExecutionState string `json:"execution_state"`
			}
			m.DecodeContent(&c)
			if m.Head.MsgType == "stream" && c.Name == "stdout" {
				out.WriteString(c.Text)
			}
			if m.Head.MsgType == "status" && c.ExecutionState == "idle" {
				return out.String()
			}
		case <-deadline:
			return out.String()
		}
	}
}

func (k *kernel) drainIOPub() {
	for {
		select {
		case <-k.iopubC:
		default:
			return
		}
	}
}
