package train

import (
	"bytes"
	"encoding/gob"
	"html"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/kosaku-dl/kosaku/pkg/optim"
)

// fakeKernel stands in for GoNB at the other end of gonbui's named pipes: it records
// every display message and acknowledges syncs, so the test sees what a notebook gets.
type fakeKernel struct {
	mu    sync.Mutex
	msgs  []protocol.DisplayData
	syncs int
}

func startFakeKernel(t *testing.T) *fakeKernel {
	t.Helper()
	dir := t.TempDir()
	toKernel, fromKernel := filepath.Join(dir, "to"), filepath.Join(dir, "from")
	for _, p := range []string{toKernel, fromKernel} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(protocol.GONB_PIPE_ENV, toKernel)
	t.Setenv(protocol.GONB_PIPE_BACK_ENV, fromKernel)
	k := &fakeKernel{}
	go k.serve(toKernel, fromKernel)
	gonbui.IsNotebook = true
	t.Cleanup(func() { gonbui.IsNotebook = false })
	return k
}

func (k *fakeKernel) serve(toKernel, fromKernel string) {
	in, err := os.OpenFile(toKernel, os.O_RDONLY, 0)
	if err != nil {
		panic(err)
	}
	out, err := os.OpenFile(fromKernel, os.O_WRONLY, 0)
	if err != nil {
		panic(err)
	}
	dec, enc := gob.NewDecoder(in), gob.NewEncoder(out)
	for {
		var d protocol.DisplayData
		if err := dec.Decode(&d); err != nil {
			return
		}
		if v, ok := d.Data[protocol.MIMECommValue]; ok {
			var cv protocol.CommValue
			switch x := v.(type) {
			case protocol.CommValue:
				cv = x
			case *protocol.CommValue:
				cv = *x
			}
			if cv.Address == protocol.GonbuiSyncAddress {
				k.mu.Lock()
				k.syncs++
				k.mu.Unlock()
				if enc.Encode(&protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: cv.Value}) != nil {
					return
				}
			}
			continue
		}
		k.mu.Lock()
		k.msgs = append(k.msgs, d)
		k.mu.Unlock()
	}
}

// TestNotebookProgress: in a notebook the progress is one HTML output redrawn in place
// (one display id), whose last state holds one finished line per epoch and no escape
// codes; the live chart is one image/png output, also updated in place; nothing is
// printed as plain lines; the run ends with a sync so no output is lost at exit.
func TestNotebookProgress(t *testing.T) {
	k := startFakeKernel(t)
	var out bytes.Buffer
	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05, optim.Momentum(0.9))
	s, err := Open("nb", m.named(), opt, Dir(t.TempDir()), outputTo(&out), LiveChart())
	if err != nil {
		t.Fatal(err)
	}
	loader := tinyData()
	for range s.Epochs(3) {
		for x, y := range s.Batches(loader) {
			m.step(opt, s, x, y)
			time.Sleep(30 * time.Millisecond)
		}
		s.Log("valid_loss", 1.5)
	}
	k.mu.Lock()
	msgs, syncs := append([]protocol.DisplayData(nil), k.msgs...), k.syncs
	k.mu.Unlock()

	if out.Len() != 0 {
		t.Errorf("printed in a notebook: %q", out.String())
	}
	if syncs == 0 {
		t.Error("the run did not end with gonbui.Sync")
	}
	var htmlID, pngID, last string
	htmls, pngs := 0, 0
	for _, d := range msgs {
		switch {
		case d.Data[protocol.MIMETextHTML] != nil:
			htmls++
			if htmlID == "" {
				htmlID = d.DisplayID
			}
			if d.DisplayID != htmlID || htmlID == "" {
				t.Fatalf("progress went to display %q and %q", htmlID, d.DisplayID)
			}
			last = d.Data[protocol.MIMETextHTML].(string)
		case d.Data[protocol.MIMEImagePNG] != nil:
			pngs++
			if pngID == "" {
				pngID = d.DisplayID
			}
			if d.DisplayID != pngID || pngID == "" || pngID == htmlID {
				t.Fatalf("chart went to display %q and %q (progress: %q)", pngID, d.DisplayID, htmlID)
			}
		default:
			t.Fatalf("unexpected output %v", d.Data)
		}
	}
	t.Logf("%d progress updates, %d chart frames, %d syncs", htmls, pngs, syncs)
	// 36 batches of 30 ms with redraws every 250 ms: at least a few in-place updates.
	if htmls < 5 || pngs < 1 {
		t.Fatalf("%d progress updates and %d chart frames", htmls, pngs)
	}
	if !strings.HasPrefix(last, `<pre style="margin:0">`) || !strings.HasSuffix(last, "</pre>") {
		t.Fatalf("final progress HTML %q", last)
	}
	text := html.UnescapeString(strings.TrimSuffix(strings.TrimPrefix(last, `<pre style="margin:0">`), "</pre>"))
	lines := strings.Split(text, "\n")
	if len(lines) != 3 {
		t.Fatalf("final progress has %d lines:\n%s", len(lines), text)
	}
	for i, l := range lines {
		want := "epoch " + string(rune('1'+i)) + "/3  12/12 batches  loss "
		if !strings.HasPrefix(l, want) || !strings.Contains(l, "valid_loss 1.5000") || strings.Contains(l, "left") {
			t.Errorf("final line %q, want %q... valid_loss 1.5000 ...", l, want)
		}
	}
	if strings.ContainsAny(last, "\x1b\r") {
		t.Errorf("escape codes in the notebook output: %q", last)
	}
}
