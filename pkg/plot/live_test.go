package plot

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/kosaku-dl/kosaku/pkg/internal/fakegonb"
)

// epochs feeds n epochs of made-up losses to l.
func epochs(l *Live, n int) {
	for e := 1; e <= n; e++ {
		train, valid := 1/float64(e), 1.5/float64(e)
		l.Add("train", float64(e), train).Add("validation", float64(e), valid)
		l.Progress("epoch %d/%d  train %.4f  validation %.4f", e, n, train, valid)
	}
}

func TestLiveOutsideNotebookPrintsPlainLines(t *testing.T) {
	var out bytes.Buffer
	stdout = &out
	defer func() { stdout = nil }()
	path := filepath.Join(t.TempDir(), "live.png")
	l := NewLive().XLabel("epoch").YLabel("loss").SaveTo(path)
	epochs(l, 3)
	if err := l.Done(); err != nil {
		t.Fatal(err)
	}
	want := "epoch 1/3  train 1.0000  validation 1.5000\n" +
		"epoch 2/3  train 0.5000  validation 0.7500\n" +
		"epoch 3/3  train 0.3333  validation 0.5000\n" +
		"plot: wrote " + path + "\n"
	if out.String() != want {
		t.Errorf("printed\n%q\nwant\n%q", out.String(), want)
	}
	if strings.ContainsAny(out.String(), "\x1b\r") {
		t.Error("output holds terminal control characters")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 640, 400)
	if countColor(img, seriesColor(0)) < 100 || countColor(img, seriesColor(1)) < 100 {
		t.Error("saved chart lacks one of the two series")
	}
}

func TestLiveInNotebookUpdatesInPlace(t *testing.T) {
	var out bytes.Buffer
	stdout = &out
	defer func() { stdout = nil }()
	k := fakegonb.Start(t)
	l := NewLive().Every(0)
	epochs(l, 3)
	if err := l.Done(); err != nil {
		t.Fatal(err)
	}
	msgs, syncs := k.Received()
	if syncs != 1 {
		t.Errorf("%d syncs, want 1 (at Done)", syncs)
	}
	if out.Len() != 0 {
		t.Errorf("printed %q in a notebook; the progress line belongs in its display", out.String())
	}
	// Per epoch: the line, then the frame; Done has nothing new to send.
	if len(msgs) != 6 {
		t.Fatalf("%d messages, want 6", len(msgs))
	}
	textID, imageID := msgs[0].DisplayID, msgs[1].DisplayID
	if textID == "" || imageID == "" || textID == imageID {
		t.Fatalf("display ids %q and %q: want two distinct ids", textID, imageID)
	}
	for i, m := range msgs {
		kind, id := protocol.MIMETextPlain, textID
		if i%2 == 1 {
			kind, id = protocol.MIMEImagePNG, imageID
		}
		if got := mimes(m); len(got) != 1 || got[0] != string(kind) {
			t.Errorf("message %d has MIME types %v, want only %s", i, got, kind)
		}
		if m.DisplayID != id {
			t.Errorf("message %d has display id %q, want %q", i, m.DisplayID, id)
		}
	}
	if got := msgs[4].Data[protocol.MIMETextPlain]; got != "epoch 3/3  train 0.3333  validation 0.5000" {
		t.Errorf("final line %q", got)
	}
	final, _ := l.Chart().PNG()
	if !bytes.Equal(msgs[5].Data[protocol.MIMEImagePNG].([]byte), final) {
		t.Error("the last frame sent is not the chart with every point")
	}
	decodePNG(t, final, 640, 400)
}

func TestLiveThrottlesFrames(t *testing.T) {
	k := fakegonb.Start(t)
	l := NewLive().Every(time.Hour)
	epochs(l, 5)
	l.Done()
	msgs, _ := k.Received()
	// The first Progress draws; the next four are within the hour; Done
	// always sends the final line and frame.
	if len(msgs) != 4 {
		t.Fatalf("%d messages, want 4", len(msgs))
	}
	if got := msgs[2].Data[protocol.MIMETextPlain]; !strings.HasPrefix(fmt.Sprint(got), "epoch 5/5") {
		t.Errorf("final line %q", got)
	}
	if n := len(l.Chart().series[0].xs); n != 5 {
		t.Errorf("chart holds %d points, want 5", n)
	}
	final, _ := l.Chart().PNG()
	if !bytes.Equal(msgs[3].Data[protocol.MIMEImagePNG].([]byte), final) {
		t.Error("the final frame is not the full chart")
	}
}

func TestLivePanelsSideBySide(t *testing.T) {
	k := fakegonb.Start(t)
	l := NewLive().XLabel("epoch").YLabel("loss").Every(0)
	for e := 1; e <= 4; e++ {
		l.Add("train", float64(e), 1/float64(e)).Add("validation", float64(e), 1.2/float64(e))
		l.Panel("accuracy").YRange(0, 1).Add("train", float64(e), 1-0.5/float64(e))
		l.Panel("accuracy").Add("validation", float64(e), 1-0.6/float64(e))
		l.Progress("epoch %d/4", e)
	}
	l.Done()
	if len(l.panels) != 2 || l.Panel("accuracy").Chart().xlabel != "epoch" {
		t.Fatalf("%d panels; the second should inherit the x label", len(l.panels))
	}
	msgs, _ := k.Received()
	last := msgs[len(msgs)-1]
	b, ok := last.Data[protocol.MIMEImagePNG].([]byte)
	if !ok {
		t.Fatalf("last message %v is not a frame", mimes(last))
	}
	img := decodePNG(t, b, 1000, 360)
	// Each panel draws train in blue: two separate runs of blue columns.
	if n := runs(img, seriesColor(0), false); n < 2 {
		t.Errorf("blue appears in %d column runs, want a curve in each panel", n)
	}
	left, right := 0, 0
	for y := 0; y < 360; y++ {
		for x := 0; x < 1000; x++ {
			if rgba(img.At(x, y)) == seriesColor(1) {
				if x < 500 {
					left++
				} else {
					right++
				}
			}
		}
	}
	if left < 50 || right < 50 {
		t.Errorf("validation curve pixels: %d in the left panel, %d in the right; want both panels drawn", left, right)
	}
}
