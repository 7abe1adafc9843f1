package fakegonb

import (
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// Kernel records what gonbui sent it. Its methods are safe to call while it
// is receiving.
type Kernel struct {
	mu    sync.Mutex
	msgs  []protocol.DisplayData
	syncs int
	inUse bool   // a test between Start and its cleanup holds the kernel
	dir   string // holds the two FIFOs until both ends are open
}

// process is the one kernel of this process. It is made once because gonbui
// would keep writing to the first pipes it opened even if the environment
// later named others.
var process = sync.OnceValues(newKernel)

// Start switches gonbui to notebook mode, talking to the process's fake
// kernel with its records cleared, until t ends.
func Start(t testing.TB) *Kernel {
	t.Helper()
	k, err := process()
	if err != nil {
		t.Fatalf("fakegonb: %v", err)
	}
	k.mu.Lock()
	if k.inUse {
		k.mu.Unlock()
		t.Fatal("fakegonb: Start while another test holds the kernel; tests using it must not run in parallel or call Start twice")
	}
	k.inUse = true
	k.msgs, k.syncs = nil, 0
	k.mu.Unlock()
	gonbui.IsNotebook = true
	t.Cleanup(func() {
		gonbui.IsNotebook = false
		k.mu.Lock()
		k.inUse = false
		k.mu.Unlock()
	})
	return k
}

// newKernel makes the FIFOs, sets gonbui's environment to them and serves
// them in the background for the rest of the process.
func newKernel() (*Kernel, error) {
	dir, err := os.MkdirTemp("", "fakegonb")
	if err != nil {
		return nil, fmt.Errorf("making the pipes' directory: %w", err)
	}
	toKernel, fromKernel := filepath.Join(dir, "to"), filepath.Join(dir, "from")
	for _, p := range []string{toKernel, fromKernel} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("making FIFO %s (needs a Unix file system): %w", p, err)
		}
	}
	// Process-wide on purpose (not t.Setenv): gonbui reads these when it
	// first displays, which may be in a later test than the first Start.
	// serve puts the old values back once gonbui has opened the pipes.
	restore := setenv(map[string]string{protocol.GONB_PIPE_ENV: toKernel, protocol.GONB_PIPE_BACK_ENV: fromKernel})
	k := &Kernel{dir: dir}
	go k.serve(toKernel, fromKernel, restore)
	return k, nil
}

// setenv sets the variables and returns a function that gives them back
// their earlier values (or unsets them).
func setenv(vars map[string]string) (restore func()) {
	type old struct {
		value string
		set   bool
	}
	was := map[string]old{}
	for name, v := range vars {
		value, set := os.LookupEnv(name)
		was[name] = old{value, set}
		os.Setenv(name, v)
	}
	return func() {
		for name, o := range was {
			if o.set {
				os.Setenv(name, o.value)
			} else {
				os.Unsetenv(name)
			}
		}
	}
}

func (k *Kernel) serve(toKernel, fromKernel string, restoreEnv func()) {
	// Same opening order as gonbui: its writer first, then its reader. Each
	// open blocks until gonbui opens the other end.
	in, err := os.OpenFile(toKernel, os.O_RDONLY, 0)
	if err != nil {
		panic(fmt.Sprintf("fakegonb: opening %s: %v", toKernel, err))
	}
	out, err := os.OpenFile(fromKernel, os.O_WRONLY, 0)
	if err != nil {
		panic(fmt.Sprintf("fakegonb: opening %s: %v", fromKernel, err))
	}
	// Both ends are connected and gonbui never reopens them, so the names
	// are no longer needed: do not leave the directory behind, nor the
	// environment pointing at it for child processes. (A process that starts
	// the kernel but never displays does leave both: nothing tells it the
	// process is ending.)
	os.RemoveAll(k.dir)
	restoreEnv()
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
				if err := enc.Encode(&protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: cv.Value}); err != nil {
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

// Received returns a copy of the display messages, in order, and the number
// of syncs since Start or Reset. Call it after a gonbui.Sync, which orders
// every message sent before it ahead of its acknowledgement.
func (k *Kernel) Received() ([]protocol.DisplayData, int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]protocol.DisplayData(nil), k.msgs...), k.syncs
}

// Reset forgets the messages and syncs received so far.
func (k *Kernel) Reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.msgs, k.syncs = nil, 0
}
