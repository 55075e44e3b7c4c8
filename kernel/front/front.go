package front

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// DefaultMaxMessageBytes bounds one incoming multipart message. Notebook
// cells and widget messages are far smaller; anything larger is dropped and
// its connection closed.
const DefaultMaxMessageBytes = 64 << 20

// Options configures Run.
type Options struct {
	// ConnectionFile is the file Jupyter passes to the kernel ({connection_file}).
	ConnectionFile string
	// GoNB is the gonb binary; GoNBArgs are extra flags for it (-go_work=…).
	GoNB     string
	GoNBArgs []string
	// HistoryFile holds the execution history ("" means DefaultHistoryFile).
	HistoryFile string
	// MaxMessageBytes bounds incoming messages (0 means DefaultMaxMessageBytes).
	MaxMessageBytes int
	// StartTimeout bounds GoNB's start (0 means one minute).
	StartTimeout time.Duration
	// Log receives the front's log lines (nil means os.Stderr).
	Log io.Writer

	// iopubDelay holds back every iopub message from GoNB before it is
	// relayed: tests use it to make a loaded machine's reordering certain.
	iopubDelay time.Duration
	// replyDelay holds back the queue after a cell's reply has reached the
	// client (tests: it widens the window in which the client's next cell
	// arrives before the queue moves on).
	replyDelay time.Duration
}

// front is one running kernel front.
type front struct {
	o        Options
	log      *log.Logger
	sign     *Signer // the client's key
	gsign    *Signer // the private GoNB's key
	kernelID string
	session  string

	shell, control, stdin, iopub, hb *sock
	gShell, gControl, gStdin, gIOPub *sock
	socks                            []*sock

	b     *backend
	hist  *History
	queue *requestQueue

	mu        sync.Mutex
	waiters   map[string]chan *Message  // reply waiters by request msg_id
	internal  map[string]bool           // msg_ids of the front's own requests to GoNB
	rewritten map[string]*rewrittenCell // bare-expression cells by msg_id
	count     int                       // execution count of the latest cell
	shifted   map[string]int            // complete_request msg_id → cursor shift
	comms     map[string]string         // open comm_id → target_name
	inflight  map[string]*Message       // requests sent to GoNB, by msg_id
	aborts    map[string][]*Message     // queued executes a failed cell aborts, by its msg_id
	idle      map[string]chan struct{}  // requests whose idle status from GoNB the queue awaits
	inputAt   time.Time                 // when the latest input_request reached the client

	stopping chan struct{}
	stopOnce sync.Once
	serving  chan struct{} // closed once GoNB is up: from then on, relays reach the client
}

// Run serves the kernel described by o.ConnectionFile until a
// shutdown_request, SIGTERM or SIGHUP, ctx's end, or GoNB's death, and
// always stops GoNB and removes its files before returning.
func Run(ctx context.Context, o Options) error {
	if o.MaxMessageBytes <= 0 {
		o.MaxMessageBytes = DefaultMaxMessageBytes
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = time.Minute
	}
	if o.Log == nil {
		o.Log = os.Stderr
	}
	if o.HistoryFile == "" {
		o.HistoryFile = DefaultHistoryFile()
	}
	f := &front{
		o:         o,
		log:       log.New(o.Log, "gendl front: ", log.LstdFlags),
		kernelID:  randomHex(4),
		session:   newUUID(),
		queue:     newRequestQueue(),
		waiters:   map[string]chan *Message{},
		internal:  map[string]bool{},
		rewritten: map[string]*rewrittenCell{},
		shifted:   map[string]int{},
		comms:     map[string]string{},
		inflight:  map[string]*Message{},
		aborts:    map[string][]*Message{},
		idle:      map[string]chan struct{}{},
		stopping:  make(chan struct{}),
		serving:   make(chan struct{}),
	}
	conn, err := ReadConnInfo(o.ConnectionFile)
	if err != nil {
		return err
	}
	if f.sign, err = NewSigner(conn.SignatureScheme, conn.Key); err != nil {
		return err
	}
	if conn.Key == "" {
		f.logf("connection file has no key: messages are not authenticated")
	}
	if f.hist, err = OpenHistory(o.HistoryFile); err != nil {
		f.logf("history not persisted: %v", err)
		f.hist = memoryHistory()
	}

	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)

	// Bind the client's ports first: they were free when Jupyter picked
	// them, and every moment until the bind is one in which another
	// process may take one. Requests wait in the sockets until GoNB is up.
	sockCtx, cancel := context.WithCancel(context.Background())
	defer func() {
		cancel()
		for _, s := range f.socks {
			s.Close()
		}
	}()
	if err := f.bindClient(sockCtx, conn); err != nil {
		return err
	}
	go f.heartbeat()

	// Until GoNB is up, SIGTERM, SIGHUP or ctx's end stop the start: Jupyter
	// may shut down a kernel that is still starting.
	abort := make(chan struct{})
	startSigs := make(chan os.Signal, 1)
	signal.Notify(startSigs, syscall.SIGTERM, syscall.SIGHUP)
	started := make(chan struct{})
	go func() {
		select {
		case <-startSigs:
		case <-ctx.Done():
		case <-started:
			return
		}
		close(abort)
	}()
	defer func() {
		signal.Stop(startSigs)
		select {
		case <-started:
		default:
			close(started)
		}
	}()

	if f.b, err = startBackend(o.GoNB, o.GoNBArgs, f.logf); err != nil {
		return err
	}
	defer f.shutdownBackend()
	f.gsign, _ = NewSigner(f.b.conn.SignatureScheme, f.b.conn.Key)
	if err := f.connectBackend(sockCtx, abort, o.StartTimeout); err != nil {
		return startErr(err)
	}
	go f.recvLoop(f.gShell, f.gsign, f.relayReply)
	go f.recvLoop(f.gControl, f.gsign, func(*Message) {})
	go f.recvLoop(f.gStdin, f.gsign, f.relayInputRequest)
	go f.recvLoop(f.gIOPub, f.gsign, f.relayIOPub)
	if err := f.waitBackendReady(abort, o.StartTimeout); err != nil {
		return startErr(err)
	}
	signal.Stop(startSigs)
	close(started)
	if err := f.disableAutoGet(o.StartTimeout); err != nil {
		f.logf("%v: cells will run go get first", err)
	}
	close(f.serving)
	go f.recvLoop(f.shell, f.sign, f.handleShell)
	go f.recvLoop(f.control, f.sign, f.handleControl)
	go f.recvLoop(f.stdin, f.sign, f.relayInputReply)
	go f.runQueue()
	go f.watchParent(time.Second)
	f.publishStatus(nil, "starting")

	for {
		select {
		case <-ctx.Done():
			f.stop()
		case <-f.stopping:
			return nil
		case <-f.b.exited:
			if f.isStopping() {
				return nil
			}
			return fmt.Errorf("front: GoNB exited unexpectedly: %v", f.b.err)
		case s := <-sigs:
			if s == syscall.SIGINT {
				f.logf("SIGINT: interrupting the running cell")
				if err := f.interruptCell(); err != nil {
					f.logf("interrupt: %v", err)
				}
				continue
			}
			f.logf("%v: shutting down", s)
			f.stop()
		}
	}
}

// errStartAborted says a signal or ctx stopped the front while GoNB started.
var errStartAborted = errors.New("front: stopped while GoNB was starting")

// startErr is what Run returns for an error while GoNB starts: nil when the
// start was stopped on purpose.
func startErr(err error) error {
	if errors.Is(err, errStartAborted) {
		return nil
	}
	return err
}

// isServing reports whether GoNB is up and the client is being served: the
// relays from GoNB start before, to probe GoNB, and drop what they get.
func (f *front) isServing() bool {
	select {
	case <-f.serving:
		return true
	default:
		return false
	}
}

func (f *front) logf(format string, args ...any) { f.log.Printf(format, args...) }

// stop starts the shutdown; Run returns once it sees it.
func (f *front) stop() {
	f.stopOnce.Do(func() {
		close(f.stopping)
		f.queue.close()
	})
}

func (f *front) isStopping() bool {
	select {
	case <-f.stopping:
		return true
	default:
		return false
	}
}

// waitBackendReady sends GoNB a kernel_info_request and waits for the
// reply, which proves the connection works both ways.
func (f *front) waitBackendReady(abort <-chan struct{}, timeout time.Duration) error {
	deadline := time.After(timeout)
	for {
		req := f.internalRequest("kernel_info_request", map[string]any{})
		ch := f.addWaiter(req.Head.MsgID)
		if err := f.gShell.send(req.Encode(f.gsign)); err != nil {
			return fmt.Errorf("front: probing GoNB: %w", err)
		}
		select {
		case <-ch:
			return nil
		case <-f.b.exited:
			return fmt.Errorf("front: GoNB exited while starting: %v", f.b.err)
		case <-abort:
			return errStartAborted
		case <-deadline:
			return fmt.Errorf("front: GoNB did not answer within %v", timeout)
		case <-time.After(2 * time.Second):
			f.dropWaiter(req.Head.MsgID) // and ask again
		}
	}
}

// shutdownBackend asks GoNB to shut down (it then closes comms, stops gopls
// and removes its directory), then makes sure with signals.
func (f *front) shutdownBackend() {
	if f.gControl != nil && !f.b.wait(0) {
		req := f.internalRequest("shutdown_request", map[string]any{"restart": false})
		if err := f.gControl.send(req.Encode(f.gsign)); err == nil {
			f.b.wait(3 * time.Second)
		}
	}
	f.b.stop(3 * time.Second)
}

// internalRequest builds a request of the front's own to GoNB.
func (f *front) internalRequest(msgType string, content any) *Message {
	req := f.newMessage(msgType, nil, content)
	req.Identities = [][]byte{[]byte(internalID)}
	f.mu.Lock()
	f.internal[req.Head.MsgID] = true
	f.mu.Unlock()
	return req
}

func (f *front) addWaiter(msgID string) chan *Message {
	ch := make(chan *Message, 1)
	f.mu.Lock()
	f.waiters[msgID] = ch
	f.mu.Unlock()
	return ch
}

func (f *front) dropWaiter(msgID string) {
	f.mu.Lock()
	delete(f.waiters, msgID)
	f.mu.Unlock()
}

// deliver hands reply to whoever waits for its parent, if anyone.
func (f *front) deliver(reply *Message) bool {
	f.mu.Lock()
	ch, ok := f.waiters[reply.Parent.MsgID]
	delete(f.waiters, reply.Parent.MsgID)
	f.mu.Unlock()
	if ok {
		ch <- reply
	}
	return ok
}
