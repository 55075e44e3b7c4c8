package front

import (
	"context"
	"encoding/binary"
	"fmt"
	"log"
	"net"
	"strings"
	"sync"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// zmq4 reads a frame by allocating the length its header announces, up to
// 2^63 bytes, before reading the body: one crafted 9-byte header makes the
// process panic or run out of memory. The client-facing sockets therefore
// listen through a guarded transport that follows the ZMTP 3 framing of each
// connection as bytes arrive and closes the connection as soon as a frame or
// a multipart message announces more than the limit, before zmq4 allocates.

const greetingLen = 64 // ZMTP 3 greeting: signature, version, mechanism, as-server, filler

var (
	guardMu     sync.Mutex
	guardLimits = map[string]bool{}
)

// guardedScheme registers (once per limit and network) a zmq4 transport
// that wraps network ("tcp" or "unix") with the frame-size guard, and
// returns its scheme name for endpoints ("gendl-tcp-1048576://host:port").
func guardedScheme(network string, limit int64) (string, error) {
	name := fmt.Sprintf("gendl-%s-%d", network, limit)
	guardMu.Lock()
	defer guardMu.Unlock()
	if guardLimits[name] {
		return name, nil
	}
	if err := zmq4.RegisterTransport(name, guardTransport{inner: transport.New(network), network: network, limit: limit}); err != nil {
		return "", err
	}
	guardLimits[name] = true
	return name, nil
}

// guardedEndpoint turns a Jupyter endpoint ("tcp://127.0.0.1:5555" or
// "ipc:///path-1") into the guarded one.
func guardedEndpoint(ep string, limit int64) (string, error) {
	scheme, rest, ok := strings.Cut(ep, "://")
	if !ok {
		return "", fmt.Errorf("front: endpoint %q without scheme", ep)
	}
	network := map[string]string{"tcp": "tcp", "ipc": "unix"}[scheme]
	if network == "" {
		return "", fmt.Errorf("front: unsupported transport %q", scheme)
	}
	name, err := guardedScheme(network, limit)
	if err != nil {
		return "", err
	}
	return name + "://" + rest, nil
}

type guardTransport struct {
	inner   transport.Transport
	network string
	limit   int64
}

func (t guardTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	c, err := t.inner.Dial(ctx, d, addr)
	if err != nil {
		return nil, err
	}
	return &guardConn{Conn: c, limit: t.limit}, nil
}

func (t guardTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := t.inner.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	return guardListener{Listener: l, limit: t.limit}, nil
}

func (t guardTransport) Addr(ep string) (string, error) { return t.inner.Addr(ep) }

type guardListener struct {
	net.Listener
	limit int64
}

func (l guardListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &guardConn{Conn: c, limit: l.limit}, nil
}

// guardConn follows the ZMTP framing of the bytes it reads.
type guardConn struct {
	net.Conn
	limit int64

	greeting int     // greeting bytes seen
	head     [9]byte // frame header being read
	headLen  int     // bytes of head filled
	body     uint64  // body bytes still to skip
	message  uint64  // bytes of the multipart message so far
	err      error
}

func (c *guardConn) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.Conn.Read(p)
	if ferr := c.follow(p[:n]); ferr != nil {
		c.err = ferr
		log.Printf("gendl front: closing connection from %s: %v", c.RemoteAddr(), ferr)
		_ = c.Conn.Close()
		return 0, ferr
	}
	return n, err
}

// follow advances the framing state over b, returning an error when a frame
// or message announces more than the limit.
func (c *guardConn) follow(b []byte) error {
	for len(b) > 0 {
		switch {
		case c.greeting < greetingLen:
			k := min(greetingLen-c.greeting, len(b))
			c.greeting += k
			b = b[k:]
		case c.body > 0:
			k := min(c.body, uint64(len(b)))
			c.body -= k
			b = b[k:]
		default:
			c.head[c.headLen] = b[0]
			c.headLen++
			b = b[1:]
			flags := c.head[0]
			want := 2
			if flags&0x02 != 0 {
				want = 9
			}
			if c.headLen < want {
				continue
			}
			var size uint64
			if want == 2 {
				size = uint64(c.head[1])
			} else {
				size = binary.BigEndian.Uint64(c.head[1:9])
			}
			c.headLen = 0
			if size > uint64(c.limit) || c.message+size > uint64(c.limit) {
				return fmt.Errorf("frame of %d bytes in a message of %d exceeds the limit of %d", size, c.message+size, c.limit)
			}
			c.message += size
			if flags&0x01 == 0 { // last frame of the message
				c.message = 0
			}
			c.body = size
		}
	}
	return nil
}
