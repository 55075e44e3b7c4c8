package front

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Delimiter separates the routing identities from the signed part of a
// message on the wire.
const Delimiter = "<IDS|MSG>"

// maxIdentities bounds the routing prefix of a message: a real client sends
// one identity, proxies a few; thousands of frames before the delimiter are
// an attack on the parser, not a route.
const maxIdentities = 32

// Header is the part of a message header the front reads. The raw header
// travels unchanged; this is only a view of it.
type Header struct {
	MsgID    string `json:"msg_id"`
	MsgType  string `json:"msg_type"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	Version  string `json:"version"`
}

// Message is one Jupyter message as it travels on the wire: routing
// identities, then the four signed JSON parts kept as raw bytes (so that
// relaying never re-encodes what another process signed), then optional
// binary buffers.
type Message struct {
	Identities   [][]byte
	Header       json.RawMessage
	ParentHeader json.RawMessage
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte

	// Head and Parent are decoded views of Header and ParentHeader.
	Head   Header
	Parent Header
}

// WireError says why a multipart message was refused. The front logs it and
// drops the message; it never stops the kernel.
type WireError struct {
	Reason string
	Err    error // the cause, when there is one (ErrSignature)
}

func (e *WireError) Error() string { return "front: invalid message: " + e.Reason }

func (e *WireError) Unwrap() error { return e.Err }

func wireErrorf(format string, args ...any) error {
	return &WireError{Reason: fmt.Sprintf(format, args...)}
}

// ErrSignature is wrapped by the WireError of a message whose signature is
// missing, malformed or wrong.
var ErrSignature = errors.New("bad signature")

// Decode parses frames received on a socket into a Message, checking every
// bound before indexing and the signature before looking at any JSON.
// maxBytes bounds the sum of the frame sizes (0: no bound).
func Decode(frames [][]byte, s *Signer, maxBytes int) (*Message, error) {
	if maxBytes > 0 {
		total := 0
		for _, f := range frames {
			total += len(f)
		}
		if total > maxBytes {
			return nil, wireErrorf("%d bytes exceeds the limit of %d", total, maxBytes)
		}
	}
	delim := -1
	for i, f := range frames {
		if bytes.Equal(f, []byte(Delimiter)) {
			delim = i
			break
		}
		if i >= maxIdentities {
			break
		}
	}
	if delim < 0 {
		return nil, wireErrorf("no %s delimiter in the first %d frames", Delimiter, min(len(frames), maxIdentities+1))
	}
	if len(frames)-delim-1 < 5 {
		return nil, wireErrorf("%d frames after the delimiter, want at least 5", len(frames)-delim-1)
	}
	sig := frames[delim+1]
	parts := frames[delim+2 : delim+6]
	if err := s.Verify(sig, parts...); err != nil {
		return nil, &WireError{Reason: err.Error(), Err: err}
	}
	m := &Message{
		Identities:   frames[:delim],
		Header:       parts[0],
		ParentHeader: parts[1],
		Metadata:     parts[2],
		Content:      parts[3],
		Buffers:      frames[delim+6:],
	}
	if err := json.Unmarshal(m.Header, &m.Head); err != nil {
		return nil, wireErrorf("header: %v", err)
	}
	if m.Head.MsgType == "" || m.Head.MsgID == "" {
		return nil, wireErrorf("header without msg_id or msg_type")
	}
	if err := json.Unmarshal(m.ParentHeader, &m.Parent); err != nil {
		return nil, wireErrorf("parent header: %v", err)
	}
	for name, part := range map[string]json.RawMessage{"metadata": m.Metadata, "content": m.Content} {
		if !isJSONObject(part) {
			return nil, wireErrorf("%s is not a JSON object", name)
		}
	}
	return m, nil
}

// isJSONObject reports whether b is a valid JSON object.
func isJSONObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{' && json.Valid(b)
}

// Encode returns the frames of m signed with s: identities, delimiter,
// signature, the four JSON parts and the buffers.
func (m *Message) Encode(s *Signer) [][]byte {
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(Delimiter))
	frames = append(frames, s.Sign(m.Header, m.ParentHeader, m.Metadata, m.Content))
	frames = append(frames, m.Header, m.ParentHeader, m.Metadata, m.Content)
	frames = append(frames, m.Buffers...)
	return frames
}

// DecodeContent unmarshals the content of m into v.
func (m *Message) DecodeContent(v any) error {
	if err := json.Unmarshal(m.Content, v); err != nil {
		return fmt.Errorf("front: %s content: %w", m.Head.MsgType, err)
	}
	return nil
}
