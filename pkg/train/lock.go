package train

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// A training run holds an exclusive flock on <session folder>/session.lock, from Open
// until the process ends (a notebook cell is a process). A second kernel opening the
// same session to train it is refused — two trainers would overwrite each other's saves
// — and told which process holds it. The kernel releases the lock when the holder exits
// or is killed, so no stale lock is ever left behind; the file itself stays and only
// says who held it last.
const lockName = "session.lock"

// lockOwner is what the lock file says about its holder.
type lockOwner struct {
	PID   int    `json:"pid"`
	Host  string `json:"host"`
	Since string `json:"since"`
}

var (
	heldMu sync.Mutex
	held   = map[string]*os.File{} // session folders this process holds, by path
)

// BusyError is the error of Open and Reset on a session another process is training.
type BusyError struct {
	Name string // the session
	PID  int    // the process training it, 0 if unknown
	Host string // the machine it runs on, "" if unknown
	msg  string
}

func (e *BusyError) Error() string { return e.msg }

// lockSession takes the training lock of the session folder dir (creating dir), or
// returns an error naming the process that holds it. A process may open the same
// session again: it holds the lock already (fresh is then false).
func lockSession(name, dir string) (fresh bool, err error) {
	heldMu.Lock()
	defer heldMu.Unlock()
	if _, ok := held[dir]; ok {
		return false, nil
	}
	if err := makeSessionDir(dir); err != nil {
		return false, err
	}
	path := filepath.Join(dir, lockName)
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return false, fmt.Errorf("train: cannot create the lock file of session %q: %w; %s", name, err, writableHint(dir))
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return false, newBusyError(name, path)
			}
			return false, fmt.Errorf("train: locking session %q (%s): %w", name, path, err)
		}
		// Reset may have deleted the file between our open and our lock; then the lock
		// is on a file nobody else will find: take the new one.
		fi, err1 := f.Stat()
		cur, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(fi, cur) {
			f.Close()
			continue
		}
		host, _ := os.Hostname()
		owner, _ := json.Marshal(lockOwner{PID: os.Getpid(), Host: host, Since: time.Now().Format(time.RFC3339)})
		f.Truncate(0)
		f.WriteAt(append(owner, '\n'), 0)
		held[dir] = f
		return true, nil
	}
}

// newBusyError describes the process holding the lock at path.
func newBusyError(name, path string) error {
	who := "another process"
	var o lockOwner
	if data, err := os.ReadFile(path); err == nil {
		if json.Unmarshal(data, &o) == nil && o.PID > 0 {
			who = fmt.Sprintf("process %d", o.PID)
			if o.Host != "" {
				who += " on " + o.Host
			}
			if t, err := time.Parse(time.RFC3339, o.Since); err == nil {
				who += ", since " + t.Format("2006-01-02 15:04:05")
			}
		}
	}
	return &BusyError{Name: name, PID: o.PID, Host: o.Host, msg: fmt.Sprintf("train: session %q is being trained by %s (lock %s). "+
		"Two kernels training one session would overwrite each other's saves: wait for the other run to finish, "+
		"or stop it (interrupt or shut down that kernel), then run this cell again; "+
		"or give this run its own session name", name, who, path)}
}

// unlockSession releases the lock of dir if this process holds it.
func unlockSession(dir string) {
	heldMu.Lock()
	defer heldMu.Unlock()
	if f, ok := held[dir]; ok {
		f.Close()
		delete(held, dir)
	}
}
