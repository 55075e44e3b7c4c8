package plotting

import (
	"bytes"
	"encoding/gob"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// TestGoNBPipe runs a small training "cell" (this test binary,
// re-executed) with the environment GoNB gives a cell program, plays the
// GoNB kernel on the named pipes (answering gonbui.Sync), turns what it
// receives into Jupyter messages as the kernel does (display_data for a
// new display ID, update_display_data after), and applies those to the
// cell's outputs as nbclient does when it executes a notebook headless.
// The saved cell must hold one loss-curve PNG, equal to the last frame
// sent, and one progress bar in its final state.
func TestGoNBPipe(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	dir := t.TempDir()
	toKernel, fromKernel := filepath.Join(dir, "pipe"), filepath.Join(dir, "pipe_back")
	for _, p := range []string{toKernel, fromKernel} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}
	cell := exec.Command(os.Args[0], "-test.run=^TestGoNBCell$", "-test.count=1")
	cell.Env = append(os.Environ(), "GENDL_GONB_CELL=1",
		protocol.GONB_PIPE_ENV+"="+toKernel, protocol.GONB_PIPE_BACK_ENV+"="+fromKernel)
	var cellOut bytes.Buffer
	cell.Stdout, cell.Stderr = &cellOut, &cellOut
	if err := cell.Start(); err != nil {
		t.Fatal(err)
	}
	type result struct {
		msgs []Message
		err  error
	}
	done := make(chan result, 1)
	go func() {
		msgs, err := playKernel(toKernel, fromKernel)
		done <- result{msgs, err}
	}()
	var res result
	select {
	case res = <-done:
	case <-time.After(2 * time.Minute):
		cell.Process.Kill()
		t.Fatalf("the cell did not finish; its output:\n%s", cellOut.String())
	}
	if err := cell.Wait(); err != nil {
		t.Fatalf("cell: %v\n%s", err, cellOut.String())
	}
	if res.err != nil {
		t.Fatalf("kernel side: %v", res.err)
	}
	if !strings.Contains(cellOut.String(), "cell ran in a notebook") {
		t.Fatalf("the cell did not see a notebook:\n%s", cellOut.String())
	}

	// nbclient: display_data appends an output; update_display_data
	// replaces the data of every output with that display ID.
	type output struct {
		id   string
		data map[string]any
	}
	var outputs []*output
	var lastPNG []byte
	counts := map[string]int{}
	for _, m := range res.msgs {
		counts[m.Type]++
		if png, ok := m.Data[MIMEPNG].([]byte); ok {
			lastPNG = png
		}
		switch m.Type {
		case "display_data":
			outputs = append(outputs, &output{m.DisplayID, m.Data})
		case "update_display_data":
			for _, o := range outputs {
				if o.id == m.DisplayID {
					o.data = m.Data
				}
			}
		}
	}
	if counts["display_data"] != 2 || counts["update_display_data"] < 2 {
		t.Errorf("message counts %v, want 2 display_data and updates", counts)
	}
	if len(outputs) != 2 {
		t.Fatalf("%d saved outputs, want the curve and the bar", len(outputs))
	}
	var png []byte
	var bar string
	for _, o := range outputs {
		if b, ok := o.data[MIMEPNG].([]byte); ok {
			png = b
		}
		if h, ok := o.data[MIMEHTML].(string); ok {
			bar = h
		}
	}
	if png == nil || !bytes.Equal(png, lastPNG) {
		t.Errorf("saved PNG (%d bytes) is not the last frame sent (%d bytes)", len(png), len(lastPNG))
	}
	if !strings.Contains(bar, `<progress value="300" max="300"`) || !strings.Contains(bar, "took") {
		t.Errorf("saved progress bar %q is not the final state", bar)
	}
}

// TestGoNBCell is the cell TestGoNBPipe runs: a fake training loop with a
// live curve and a progress bar, both shown through gonbui.
func TestGoNBCell(t *testing.T) {
	if os.Getenv("GENDL_GONB_CELL") == "" {
		t.Skip("run by TestGoNBPipe")
	}
	if !gonbui.IsNotebook {
		t.Fatal("gonbui does not see GoNB's environment")
	}
	println("cell ran in a notebook")
	tr := NewTracker(TrackerOptions{Every: 20 * time.Millisecond, Budget: 0.5})
	bar := NewProgress(300, ProgressOptions{Every: 20 * time.Millisecond})
	log := Tee(tr, bar)
	for step := 0; step < 300; step++ {
		time.Sleep(time.Millisecond)
		log.Add(step, "train/loss", 2/float64(step+1))
	}
	if err := tr.Close(); err != nil {
		t.Fatal(err)
	}
	if err := bar.Done(); err != nil {
		t.Fatal(err)
	}
}

// playKernel reads what the cell sends on GONB_PIPE as GoNB's kernel
// does, answers sync requests on GONB_PIPE_BACK, and returns the Jupyter
// messages the kernel would publish, until the cell closes the pipe.
func playKernel(toKernel, fromKernel string) ([]Message, error) {
	in, err := os.Open(toKernel) // waits for the cell to open its end
	if err != nil {
		return nil, err
	}
	defer in.Close()
	back, err := os.OpenFile(fromKernel, os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	defer back.Close()
	dec, enc := gob.NewDecoder(in), gob.NewEncoder(back)
	rec := &Recorder{}
	for {
		var d protocol.DisplayData
		if err := dec.Decode(&d); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return rec.Messages(), nil
			}
			return rec.Messages(), err
		}
		if v, ok := d.Data[protocol.MIMECommValue]; ok {
			var cv protocol.CommValue
			switch v := v.(type) {
			case protocol.CommValue:
				cv = v
			case *protocol.CommValue:
				cv = *v
			}
			if cv.Address == "#gonbui/sync" {
				ack := protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: cv.Value}
				if err := enc.Encode(&ack); err != nil {
					return rec.Messages(), err
				}
			}
			continue
		}
		data := map[string]any{}
		for k, v := range d.Data {
			data[string(k)] = v
		}
		rec.Send(Output{DisplayID: d.DisplayID, Data: data})
	}
}
