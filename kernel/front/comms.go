package front

import "encoding/json"

// GoNB opens comms (its widget channel) but never answers
// comm_info_request, which JupyterLab's widget manager waits on. The front
// follows comm_open and comm_close in both directions and answers it.

// trackComm records a comm_open or comm_close seen on either side.
func (f *front) trackComm(m *Message) {
	var c struct {
		CommID     string `json:"comm_id"`
		TargetName string `json:"target_name"`
	}
	if json.Unmarshal(m.Content, &c) != nil || c.CommID == "" {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch m.Head.MsgType {
	case "comm_open":
		f.comms[c.CommID] = c.TargetName
	case "comm_close":
		delete(f.comms, c.CommID)
	}
}

// answerCommInfo lists the open comms, only those of target_name if given.
func (f *front) answerCommInfo(m *Message) {
	var c struct {
		TargetName string `json:"target_name"`
	}
	_ = json.Unmarshal(m.Content, &c)
	comms := map[string]any{}
	f.mu.Lock()
	for id, target := range f.comms {
		if c.TargetName == "" || c.TargetName == target {
			comms[id] = map[string]string{"target_name": target}
		}
	}
	f.mu.Unlock()
	f.reply(f.shell, m, "comm_info_reply", map[string]any{"status": "ok", "comms": comms})
}
