package front

import (
	"encoding/json"
	"runtime"
	"time"
)

// ProtocolVersion is the Jupyter messaging protocol version the front speaks.
const ProtocolVersion = "5.3"

// newMessage builds a message from the front, in reply to parent when it
// is not nil (same identities, parent header set).
func (f *front) newMessage(msgType string, parent *Message, content any) *Message {
	head := Header{
		MsgID:    newUUID(),
		MsgType:  msgType,
		Session:  f.session,
		Username: "gendl",
		Date:     time.Now().UTC().Format(time.RFC3339Nano),
		Version:  ProtocolVersion,
	}
	m := &Message{Head: head, ParentHeader: json.RawMessage("{}"), Metadata: json.RawMessage("{}")}
	m.Header, _ = json.Marshal(head)
	m.Content = mustJSON(content)
	if parent != nil {
		m.Identities = parent.Identities
		m.ParentHeader = parent.Header
		m.Parent = parent.Head
		if parent.Head.Username != "" {
			m.Head.Username = parent.Head.Username
			m.Header, _ = json.Marshal(m.Head)
		}
	}
	return m
}

// mustJSON marshals v, which is always a map or struct of plain values.
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// reply sends a reply to req on s, framed by busy and idle statuses on
// iopub as ipykernel does for every request.
func (f *front) reply(s *sock, req *Message, msgType string, content any) {
	f.publishStatus(req, "busy")
	f.sendReply(s, req, msgType, content, nil)
	f.publishStatus(req, "idle")
}

func (f *front) sendReply(s *sock, req *Message, msgType string, content, metadata any) {
	m := f.newMessage(msgType, req, content)
	if metadata != nil {
		m.Metadata = mustJSON(metadata)
	}
	if err := s.send(m.Encode(f.sign)); err != nil {
		f.logf("sending %s: %v", msgType, err)
	}
}

// publish sends a message on iopub, with parent as its parent (nil: none).
func (f *front) publish(parent *Message, msgType string, content any) {
	if !f.isServing() {
		return
	}
	m := f.newMessage(msgType, parent, content)
	m.Identities = [][]byte{[]byte("kernel." + f.kernelID + "." + msgType)}
	if err := f.iopub.send(m.Encode(f.sign)); err != nil {
		f.logf("publishing %s: %v", msgType, err)
	}
}

func (f *front) publishStatus(parent *Message, state string) {
	f.publish(parent, "status", map[string]string{"execution_state": state})
}

// kernelInfo is the kernel_info_reply content. The front answers it itself,
// so clients get it at once even while a cell runs.
func kernelInfo() map[string]any {
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       ProtocolVersion,
		"implementation":         "gendl",
		"implementation_version": "0.1.0",
		"banner":                 "Go (gendl): GoNB with the gendl deep-learning library",
		"language_info": map[string]any{
			"name":            "go",
			"version":         runtime.Version(),
			"mimetype":        "text/x-go",
			"file_extension":  ".go",
			"pygments_lexer":  "go",
			"codemirror_mode": "go",
		},
		"help_links": []map[string]string{
			{"text": "Go", "url": "https://go.dev/doc/"},
			{"text": "GoNB", "url": "https://github.com/janpfeifer/gonb"},
		},
		"debugger": false,
	}
}
