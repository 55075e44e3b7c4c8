package front

import (
	"encoding/binary"
	"errors"
	"testing"
)

func TestDecodeRoundTrip(t *testing.T) {
	t.Parallel()
	s, _ := NewSigner("hmac-sha256", "k")
	m := &Message{
		Identities:   [][]byte{[]byte("client")},
		Header:       []byte(`{"msg_id":"a","msg_type":"execute_request","session":"s"}`),
		ParentHeader: []byte(`{}`), Metadata: []byte(`{}`), Content: []byte(`{"code":"1"}`),
		Buffers: [][]byte{[]byte("buf")},
	}
	got, err := Decode(m.Encode(s), s, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got.Head.MsgType != "execute_request" || string(got.Identities[0]) != "client" || len(got.Buffers) != 1 {
		t.Fatalf("decoded %+v", got)
	}
	other, _ := NewSigner("hmac-sha256", "other")
	if _, err := Decode(m.Encode(other), s, 0); !errors.Is(err, ErrSignature) {
		t.Fatalf("a message signed with another key: err = %v, want ErrSignature", err)
	}
	if _, err := Decode(m.Encode(s), s, 10); err == nil {
		t.Fatal("an oversized message was accepted")
	}
	for _, scheme := range []string{"hmac-sha512", "hmac-sha1", "hmac-md5", "hmac-sha384", "hmac-sha224"} {
		ss, err := NewSigner(scheme, "k")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(m.Encode(ss), ss, 0); err != nil {
			t.Errorf("%s: %v", scheme, err)
		}
	}
	if _, err := NewSigner("rot13", "k"); err == nil {
		t.Error("unknown scheme accepted")
	}
}

func FuzzDecode(f *testing.F) {
	s, _ := NewSigner("hmac-sha256", "k")
	f.Add([]byte("id"), []byte(Delimiter), []byte("sig"), []byte("{}"), 3)
	f.Fuzz(func(t *testing.T, a, b, c, d []byte, n int) {
		frames := [][]byte{a, b, c, d}
		for i := 0; i < n%8; i++ {
			frames = append(frames, d)
		}
		if m, err := Decode(frames, s, 1<<20); err == nil && m.Head.MsgID == "" {
			t.Fatal("accepted a message without msg_id")
		}
	})
}

func TestGuardFollow(t *testing.T) {
	t.Parallel()
	frame := func(more bool, size int) []byte {
		flags := byte(0)
		if more {
			flags |= 1
		}
		if size < 256 {
			return append([]byte{flags, byte(size)}, make([]byte, size)...)
		}
		h := make([]byte, 9)
		h[0] = flags | 2
		binary.BigEndian.PutUint64(h[1:], uint64(size))
		return append(h, make([]byte, size)...)
	}
	greeting := make([]byte, greetingLen)
	cases := []struct {
		name   string
		stream [][]byte
		ok     bool
	}{
		{"small frames", [][]byte{greeting, frame(true, 10), frame(false, 300)}, true},
		{"frame at the limit", [][]byte{greeting, frame(false, 1000)}, true},
		{"frame over the limit", [][]byte{greeting, frame(false, 1001)}, false},
		{"message over the limit", [][]byte{greeting, frame(true, 600), frame(false, 600)}, false},
		{"messages under the limit each", [][]byte{greeting, frame(false, 600), frame(false, 600)}, true},
	}
	for _, c := range cases {
		g := &guardConn{limit: 1000}
		var err error
		for _, chunk := range c.stream {
			for len(chunk) > 0 && err == nil { // feed in odd-sized pieces
				k := min(len(chunk), 7)
				err = g.follow(chunk[:k])
				chunk = chunk[k:]
			}
		}
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}
