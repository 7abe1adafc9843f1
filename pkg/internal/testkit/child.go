package testkit

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// nobody is the uid and gid of user nobody, whom a root test's child runs as.
const nobody = 65534

// UnprivilegedChild returns a command that runs a copy of this test binary with args
// and is refused what an ordinary user is refused, for tests of permission errors: the
// copy lies in a new temporary folder that anyone may enter, removed when t ends, and
// when the tests run as root (who may read and write anything) the child runs as user
// nobody. It returns the folder too, for the files the child is to work on. The caller
// sets cmd.Env.
func UnprivilegedChild(t testing.TB, args ...string) (cmd *exec.Cmd, dir string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "kosaku-child-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, filepath.Base(os.Args[0]))
	src, err := os.ReadFile(os.Args[0])
	if err == nil {
		err = os.WriteFile(bin, src, 0o755)
	}
	if err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(bin, args...)
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
	return cmd, dir
}
