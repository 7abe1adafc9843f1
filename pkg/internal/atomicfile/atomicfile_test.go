package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// deadPID returns the pid of a process that has exited.
func deadPID(t *testing.T) int {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true(1):", err)
	}
	return cmd.Process.Pid
}

// TestRemoveStale: only temporary files whose writer is gone are removed — a dead pid in
// the name, or an unlocked file older than a minute — while a locked file (a save in
// progress) and a fresh file of a live pid stay.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	const prefix = "f.tmp-"
	write := func(name string, age time.Duration) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("x"), 0o600)
		at := time.Now().Add(-age)
		os.Chtimes(p, at, at)
		return p
	}
	dead := write(prefix+strconv.Itoa(deadPID(t))+"-1", 0)
	old := write(prefix+strconv.Itoa(os.Getpid())+"-2", time.Hour) // unlocked and old: abandoned
	fresh := write(prefix+strconv.Itoa(os.Getpid())+"-3", 0)       // just created, lock not yet taken
	locked, err := CreateTemp(dir, prefix)
	if err != nil {
		t.Fatal(err)
	}
	defer locked.Close()
	lockedOld := time.Now().Add(-time.Hour)
	os.Chtimes(locked.Name(), lockedOld, lockedOld) // a long save still running
	other := write("g.tmp-1-1", time.Hour)          // another prefix
	removed := RemoveStale(dir, prefix)
	slices.Sort(removed)
	want := []string{dead, old}
	slices.Sort(want)
	if !slices.Equal(removed, want) {
		t.Fatalf("removed %v, want %v", removed, want)
	}
	for _, p := range []string{fresh, locked.Name(), other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed", p)
		}
	}
}

// TestResolve: a chain of symlinks resolves to the final file, a dangling link to the
// file it names, and a loop is an error.
func TestResolve(t *testing.T) {
	dir := t.TempDir()
	os.Symlink("b", filepath.Join(dir, "a"))
	os.Symlink("sub/c", filepath.Join(dir, "b"))
	if got, err := Resolve(filepath.Join(dir, "a")); err != nil || got != filepath.Join(dir, "sub", "c") {
		t.Fatalf("Resolve(a) = %s, %v", got, err)
	}
	os.Symlink("loop", filepath.Join(dir, "loop"))
	if _, err := Resolve(filepath.Join(dir, "loop")); err == nil {
		t.Fatal("a symlink loop resolved")
	}
}

// TestOpen: a file opens with its size; a missing file gives fs.ErrNotExist; a folder
// is refused with EISDIR ("read <path>: is a directory") when asked, and opens
// otherwise.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	os.WriteFile(path, []byte("12345"), 0o644)
	f, size, err := Open(path, true)
	if err != nil || size != 5 {
		t.Fatalf("Open(file) = %v, %d, %v; want the file and size 5", f, size, err)
	}
	f.Close()
	if _, _, err := Open(filepath.Join(dir, "missing"), true); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(missing) error %v, want fs.ErrNotExist", err)
	}
	_, _, err = Open(dir, true)
	if want := "read " + dir + ": is a directory"; err == nil || err.Error() != want || !errors.Is(err, syscall.EISDIR) {
		t.Errorf("Open(folder, refuseDir) error %v, want %q matching EISDIR", err, want)
	}
	f, _, err = Open(dir, false)
	if err != nil {
		t.Fatalf("Open(folder) = %v", err)
	}
	f.Close()
}
