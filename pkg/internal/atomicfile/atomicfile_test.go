package atomicfile

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
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
