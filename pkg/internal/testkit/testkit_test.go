package testkit

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestPanicPrintsStringsAndErrorsAlike(t *testing.T) {
	if msg, ok := Panic(func() { panic("op: bad") }); !ok || msg != "op: bad" {
		t.Errorf("string panic: %q, %v", msg, ok)
	}
	if msg, ok := Panic(func() { panic(errors.New("op: worse")) }); !ok || msg != "op: worse" {
		t.Errorf("error panic: %q, %v", msg, ok)
	}
	if msg, ok := Panic(func() {}); ok || msg != "" {
		t.Errorf("no panic: %q, %v", msg, ok)
	}
}

// The Expect helpers fail a test that does not panic as wanted; a stub TB records it.
func TestExpectHelpersFail(t *testing.T) {
	for name, f := range map[string]func(testing.TB){
		"exact, other message": func(tb testing.TB) { ExpectPanic(tb, "a", func() { panic("ab") }) },
		"exact, no panic":      func(tb testing.TB) { ExpectPanic(tb, "a", func() {}) },
		"prefix":               func(tb testing.TB) { ExpectPanicPrefix(tb, "b", func() { panic("ab") }) },
		"containing":           func(tb testing.TB) { ExpectPanicContaining(tb, "c", func() { panic("ab") }) },
	} {
		rec := &recorder{TB: t}
		f(rec)
		if !rec.failed {
			t.Errorf("%s: the helper did not fail", name)
		}
	}
	ok := &recorder{TB: t}
	ExpectPanic(ok, "ab", func() { panic("ab") })
	ExpectPanicPrefix(ok, "a", func() { panic("ab") })
	ExpectPanicContaining(ok, "b", func() { panic("ab") })
	if ok.failed {
		t.Error("a helper failed on a matching panic")
	}
}

type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }

func TestReadJSON(t *testing.T) {
	if _, err := ReadJSON[map[string]int]("testdata/missing.json"); err == nil {
		t.Error("no error for a missing file")
	}
}

// TestUnprivilegedChild: the child is a runnable copy of this binary in a folder anyone
// may enter, runs as nobody under root, and its folder is gone when the test ends.
func TestUnprivilegedChild(t *testing.T) {
	var dir string
	t.Run("child", func(t *testing.T) {
		var cmd *exec.Cmd
		cmd, dir = UnprivilegedChild(t, "-test.run=^$")
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
			t.Fatalf("folder %s: %v, %v; want mode 0755", dir, fi, err)
		}
		if filepath.Dir(cmd.Path) != dir {
			t.Errorf("binary %s is not in %s", cmd.Path, dir)
		}
		if asRoot := os.Geteuid() == 0; asRoot != (cmd.SysProcAttr != nil && cmd.SysProcAttr.Credential.Uid == nobody) {
			t.Errorf("runs as root: %v, child credentials %+v", asRoot, cmd.SysProcAttr)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
	})
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("folder %s left behind: %v", dir, err)
	}
}
