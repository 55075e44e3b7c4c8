package front

import (
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
)

// loopbackConnInfo returns a connection for a test kernel: five free
// loopback ports and a fresh random key, as Jupyter would write.
//
// The ports come from below the kernel's ephemeral range, which bind(0)
// and every outgoing connection draw from: the parallel tests open many
// connections, and a port picked there could be taken again between our
// check and the front's bind ("address already in use").
func loopbackConnInfo() (ConnInfo, error) {
	lo, hi := 10000, ephemeralLow()
	ports := make([]int, 0, 5)
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for tries := 0; len(ports) < 5; tries++ {
		if tries == 1000 {
			return ConnInfo{}, fmt.Errorf("front: no 5 free ports in %d..%d", lo, hi-1)
		}
		p := lo + rand.IntN(hi-lo)
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
		if err != nil {
			continue
		}
		ls = append(ls, l)
		ports = append(ports, p)
	}
	return ConnInfo{
		Transport: "tcp", IP: "127.0.0.1",
		ShellPort: ports[0], ControlPort: ports[1], StdinPort: ports[2], IOPubPort: ports[3], HBPort: ports[4],
		Key: randomHex(32), SignatureScheme: "hmac-sha256",
	}, nil
}

// ephemeralLow is the first port of Linux's ephemeral range, or 32768
// (below macOS's 49152 too) where it cannot be read.
func ephemeralLow() int {
	b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err != nil {
		return 32768
	}
	f := strings.Fields(string(b))
	if len(f) < 1 {
		return 32768
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n <= 10000+100 {
		return 32768
	}
	return n
}
