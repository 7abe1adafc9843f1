package fakegonb

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// TestRecordsDisplaysAndSyncs: what gonbui sends arrives in order with its
// display id, the sync is counted and acknowledged (else Sync would hang),
// and once both ends are open the FIFOs' directory is gone and the
// environment no longer names it.
func TestRecordsDisplaysAndSyncs(t *testing.T) {
	k := Start(t)
	if !gonbui.IsNotebook {
		t.Fatal("gonbui.IsNotebook is false after Start")
	}
	gonbui.DisplayHTML("<b>a</b>")
	gonbui.UpdateHTML("out1", "b")
	gonbui.Sync()
	msgs, syncs := k.Received()
	if len(msgs) != 2 || syncs != 1 {
		t.Fatalf("got %d messages and %d syncs, want 2 and 1: %v", len(msgs), syncs, msgs)
	}
	if got := msgs[0].Data[protocol.MIMETextHTML]; got != "<b>a</b>" || msgs[0].DisplayID != "" || len(msgs[0].Data) != 1 {
		t.Errorf("first message %v (display id %q), want only text/html <b>a</b> with no display id", msgs[0].Data, msgs[0].DisplayID)
	}
	if got := msgs[1].Data[protocol.MIMETextHTML]; got != "b" || msgs[1].DisplayID != "out1" {
		t.Errorf("second message %v (display id %q), want text/html b in display out1", msgs[1].Data, msgs[1].DisplayID)
	}
	if _, err := os.Stat(k.dir); !os.IsNotExist(err) {
		t.Errorf("the FIFOs' directory %s is still there after both ends opened (stat: %v)", k.dir, err)
	}
	for _, name := range []string{protocol.GONB_PIPE_ENV, protocol.GONB_PIPE_BACK_ENV} {
		if v := os.Getenv(name); strings.HasPrefix(v, k.dir) {
			t.Errorf("$%s=%s still names a fake pipe after both ends opened", name, v)
		}
	}
}

// TestStartClearsAndKeepsThePipes: gonbui keeps the pipes it opened first, so
// a later test must get the same kernel, with nothing left from before, and
// still receive; between tests gonbui is out of notebook mode.
func TestStartClearsAndKeepsThePipes(t *testing.T) {
	var first *Kernel
	t.Run("first", func(t *testing.T) {
		first = Start(t)
		gonbui.DisplayMarkdown("one")
		gonbui.Sync()
		if msgs, syncs := first.Received(); len(msgs) != 1 || syncs != 1 {
			t.Fatalf("got %d messages and %d syncs, want 1 and 1", len(msgs), syncs)
		}
	})
	if gonbui.IsNotebook {
		t.Fatal("gonbui.IsNotebook still true after the test that started the kernel ended")
	}
	t.Run("second", func(t *testing.T) {
		k := Start(t)
		if k != first {
			t.Fatal("second Start made a new kernel; gonbui would still write to the first")
		}
		if msgs, syncs := k.Received(); len(msgs) != 0 || syncs != 0 {
			t.Fatalf("after Start: %d messages and %d syncs left over, want none", len(msgs), syncs)
		}
		gonbui.DisplayMarkdown("two")
		gonbui.Sync()
		gonbui.Sync()
		msgs, syncs := k.Received()
		if len(msgs) != 1 || syncs != 2 || msgs[0].Data[protocol.MIMETextMarkdown] != "two" {
			t.Fatalf("got %v and %d syncs, want only markdown two and 2 syncs", msgs, syncs)
		}
	})
}

func TestReset(t *testing.T) {
	k := Start(t)
	gonbui.DisplayHTML("before")
	gonbui.Sync()
	k.Reset()
	if msgs, syncs := k.Received(); len(msgs) != 0 || syncs != 0 {
		t.Fatalf("after Reset: %d messages and %d syncs, want none", len(msgs), syncs)
	}
	gonbui.DisplayHTML("after")
	gonbui.Sync()
	msgs, syncs := k.Received()
	if len(msgs) != 1 || syncs != 1 || msgs[0].Data[protocol.MIMETextHTML] != "after" {
		t.Fatalf("got %v and %d syncs, want only text/html after and 1 sync", msgs, syncs)
	}
}

// fatalRecorder is a testing.TB whose Fatal records the message and stops
// only the calling goroutine, so a test can check that Start fails.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatal(args ...any) {
	r.msg = fmt.Sprint(args...)
	runtime.Goexit()
}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// TestStartWhileHeldFails: two tests sharing the kernel at once would see
// each other's messages, so the second Start must fail instead.
func TestStartWhileHeldFails(t *testing.T) {
	Start(t)
	gonbui.Sync() // opens the pipes if this test runs alone, so their directory is removed
	r := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Start(r)
	}()
	<-done
	if r.msg == "" {
		t.Fatal("a second Start while the kernel is held did not fail")
	}
	t.Logf("second Start failed with: %s", r.msg)
}
