package nbdisplay

import (
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/fakegonb"
)

// TestOutputUpdatesInPlace: every update of one Output carries the same display id,
// made of its prefix; two Outputs differ; plain outputs carry none.
func TestOutputUpdatesInPlace(t *testing.T) {
	k := fakegonb.Start(t)
	line, chart := NewOutput("kosaku-progress-"), NewOutput("kosaku-live-")
	line.Update(TextType, "epoch 1")
	chart.Update(PNGType, []byte{1})
	line.Update(TextType, "epoch 2")
	PNG([]byte{2})
	HTML("<b>x</b>")
	Sync()
	msgs, syncs := k.Received()
	if len(msgs) != 5 || syncs != 1 {
		t.Fatalf("%d outputs, %d syncs", len(msgs), syncs)
	}
	if id := msgs[0].DisplayID; !strings.HasPrefix(id, "kosaku-progress-") || msgs[2].DisplayID != id || line.ID() != id {
		t.Errorf("progress ids %q, %q", id, msgs[2].DisplayID)
	}
	if id := msgs[1].DisplayID; !strings.HasPrefix(id, "kosaku-live-") || id == msgs[0].DisplayID {
		t.Errorf("chart id %q", id)
	}
	if msgs[2].Data[TextType] != "epoch 2" || msgs[3].DisplayID != "" || msgs[4].DisplayID != "" || msgs[4].Data[HTMLType] != "<b>x</b>" {
		t.Errorf("outputs %+v", msgs)
	}
}

// TestOutsideNotebook: nothing is sent, and an Output gets no id.
func TestOutsideNotebook(t *testing.T) {
	o := NewOutput("x-")
	o.Update(TextType, "line")
	PNG(nil)
	Sync()
	if IsNotebook() || o.ID() != "" {
		t.Fatalf("notebook %v, id %q", IsNotebook(), o.ID())
	}
}
