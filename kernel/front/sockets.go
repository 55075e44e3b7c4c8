package front

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
)

// sock is a zmq socket whose sends are serialized: zmq4 sockets are not
// safe for concurrent sends, and several goroutines reply on the same one.
type sock struct {
	zmq4.Socket
	name string
	mu   sync.Mutex
}

func (s *sock) send(frames [][]byte) error {
	if len(frames) == 0 {
		return errors.New("front: empty message")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.SendMulti(zmq4.NewMsgFrom(frames...))
}

// bindClient binds the five client-facing sockets of conn through the
// frame-size guard.
func (f *front) bindClient(ctx context.Context, conn ConnInfo) error {
	mk := []struct {
		dst  **sock
		name string
		s    zmq4.Socket
		port int
	}{
		{&f.shell, "shell", zmq4.NewRouter(ctx), conn.ShellPort},
		{&f.control, "control", zmq4.NewRouter(ctx), conn.ControlPort},
		{&f.stdin, "stdin", zmq4.NewRouter(ctx), conn.StdinPort},
		{&f.iopub, "iopub", zmq4.NewPub(ctx), conn.IOPubPort},
		{&f.hb, "heartbeat", zmq4.NewRep(ctx), conn.HBPort},
	}
	for _, m := range mk {
		ep, err := guardedEndpoint(conn.Endpoint(m.port), int64(f.o.MaxMessageBytes))
		if err != nil {
			return err
		}
		if err := m.s.Listen(ep); err != nil {
			return fmt.Errorf("front: listening for %s on %s: %w", m.name, conn.Endpoint(m.port), err)
		}
		*m.dst = &sock{Socket: m.s, name: m.name}
		f.socks = append(f.socks, *m.dst)
	}
	return nil
}

// connectBackend connects to GoNB's shell, control, stdin and iopub,
// retrying while GoNB starts, until timeout, GoNB's exit or abort.
func (f *front) connectBackend(ctx context.Context, abort <-chan struct{}, timeout time.Duration) error {
	id := zmq4.WithID(zmq4.SocketIdentity("gendl-front-" + f.kernelID))
	noRetry := zmq4.WithDialerMaxRetries(0)
	conn := f.b.conn
	mk := []struct {
		dst  **sock
		name string
		s    zmq4.Socket
		port int
	}{
		{&f.gShell, "gonb shell", zmq4.NewDealer(ctx, id, noRetry), conn.ShellPort},
		{&f.gControl, "gonb control", zmq4.NewDealer(ctx, id, noRetry), conn.ControlPort},
		{&f.gStdin, "gonb stdin", zmq4.NewDealer(ctx, id, noRetry), conn.StdinPort},
		{&f.gIOPub, "gonb iopub", zmq4.NewSub(ctx, noRetry), conn.IOPubPort},
	}
	deadline := time.Now().Add(timeout)
	for _, m := range mk {
		for {
			err := m.s.Dial(conn.Endpoint(m.port))
			if err == nil {
				break
			}
			select {
			case <-f.b.exited:
				return fmt.Errorf("front: GoNB exited while starting: %v", f.b.err)
			case <-abort:
				return errStartAborted
			default:
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("front: connecting to GoNB %s: %w", m.name, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
		*m.dst = &sock{Socket: m.s, name: m.name}
		f.socks = append(f.socks, *m.dst)
	}
	return f.gIOPub.SetOption(zmq4.OptionSubscribe, "")
}

// recvLoop hands each valid message received on s to handle, and logs and
// drops everything else. It returns when the socket fails or is closed.
func (f *front) recvLoop(s *sock, signer *Signer, handle func(*Message)) {
	for {
		raw, err := s.Recv()
		if err != nil {
			if !f.isStopping() {
				f.logf("%s socket: %v; stopping", s.name, err)
				f.stop()
			}
			return
		}
		m, err := Decode(raw.Frames, signer, f.o.MaxMessageBytes)
		if err != nil {
			f.logf("%s: dropped: %v", s.name, err)
			continue
		}
		f.safely(s.name, func() { handle(m) })
	}
}

// safely runs fn, turning a panic into a log line: a bug in handling one
// message must not end the user's session.
func (f *front) safely(what string, fn func()) {
	defer func() {
		if r := recover(); r != nil {
			f.logf("%s: panic handling message: %v", what, r)
		}
	}()
	fn()
}

// heartbeat echoes every ping.
func (f *front) heartbeat() {
	for {
		msg, err := f.hb.Recv()
		if err != nil {
			if !f.isStopping() {
				f.logf("heartbeat socket: %v", err)
			}
			return
		}
		f.hb.mu.Lock()
		err = f.hb.Send(msg)
		f.hb.mu.Unlock()
		if err != nil && !f.isStopping() {
			f.logf("heartbeat: %v", err)
		}
	}
}
