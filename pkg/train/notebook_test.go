package train

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/kosaku-dl/kosaku/pkg/internal/fakegonb"
	"github.com/kosaku-dl/kosaku/pkg/optim"
)

// TestNotebookProgress: in a notebook the progress is one HTML output redrawn in place
// (one display id), whose last state holds one finished line per epoch and no escape
// codes; the live chart is one image/png output, also updated in place; nothing is
// printed as plain lines; the run ends with a sync so no output is lost at exit.
func TestNotebookProgress(t *testing.T) {
	k := fakegonb.Start(t)
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
	msgs, syncs := k.Received()

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
