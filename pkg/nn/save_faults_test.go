package nn_test

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/internal/atomicfile"
	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
	"github.com/kosaku-dl/kosaku/pkg/nn"
)

// The tests below run a saver in a child process (this test binary re-run with
// KOSAKU_NN_CHILD set) so that it can be killed, as GoNB kills a cell.

// TestSaveChild is the child's body; run alone it does nothing.
func TestSaveChild(t *testing.T) {
	path := os.Getenv("KOSAKU_NN_PATH")
	switch os.Getenv("KOSAKU_NN_CHILD") {
	case "save-loop": // save a 4 MB model over and over until killed
		m := nn.NewLinear(1024, 1024)
		fmt.Println("saving")
		for {
			if err := nn.Save(m, path); err != nil {
				fmt.Println("save error:", err)
				os.Exit(3)
			}
		}
	case "load": // print what nn.Load says about the file
		fmt.Println("load:", nn.Load(nn.NewLinear(2, 2), path))
		os.Exit(0)
	case "hold-temp": // a save in progress: a locked temporary file, held until killed
		f, err := atomicfile.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(3)
		}
		fmt.Println(f.Name())
		time.Sleep(time.Minute)
		os.Exit(0)
	}
}

func startChild(t *testing.T, mode, path string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSaveChild$")
	cmd.Env = append(os.Environ(), "KOSAKU_NN_CHILD="+mode, "KOSAKU_NN_PATH="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	if !sc.Scan() {
		t.Fatalf("child %s printed nothing", mode)
	}
	return cmd, sc
}

func temps(t *testing.T, path string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestSaveKillLoopLeavesNoTemps: a saver SIGKILLed in the middle of its saves leaves
// temporary files; the next nn.Save removes them, and the file is always whole.
func TestSaveKillLoopLeavesNoTemps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "model.kosaku")
	leftBehind := 0
	for i := range 8 {
		cmd, _ := startChild(t, "save-loop", path)
		time.Sleep(time.Duration(30+17*i) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		leftBehind = max(leftBehind, len(temps(t, path)))
		if _, err := os.Stat(path); err == nil {
			if err := nn.Load(nn.NewLinear(1024, 1024), path); err != nil {
				t.Fatalf("after kill %d: %v", i, err)
			}
		}
	}
	t.Logf("at most %d temporary files were left by a kill", leftBehind)
	m := nn.NewLinear(2, 2)
	if err := nn.Save(m, path); err != nil {
		t.Fatal(err)
	}
	if left := temps(t, path); len(left) != 0 {
		t.Fatalf("temporary files left after a save: %v", left)
	}
}

// TestSaveSparesALiveWritersTemp: a temporary file whose writer (another process) is
// still at work survives nn.Save; once that process is gone, the next save removes it.
func TestSaveSparesALiveWritersTemp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "model.kosaku")
	cmd, sc := startChild(t, "hold-temp", path)
	live := strings.TrimSpace(sc.Text())
	if !strings.Contains(live, fmt.Sprintf(".tmp-%d-", cmd.Process.Pid)) {
		t.Fatalf("temporary file %q does not carry its writer's pid %d", live, cmd.Process.Pid)
	}
	// A temporary file of an older Kosaku (no pid, no lock), from a kill long ago.
	old := filepath.Join(filepath.Dir(path), ".model.kosaku.tmp-0123")
	os.WriteFile(old, []byte("half"), 0o600)
	longAgo := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, longAgo, longAgo)
	m := nn.NewLinear(2, 2)
	if err := nn.Save(m, path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Fatalf("nn.Save removed the temporary file of a live writer: %v", err)
	}
	if _, err := os.Stat(old); err == nil {
		t.Fatalf("nn.Save kept the temporary file %s of a dead writer", old)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if err := nn.Save(m, path); err != nil {
		t.Fatal(err)
	}
	if left := temps(t, path); len(left) != 0 {
		t.Fatalf("temporary files left after the writer died: %v", left)
	}
}

// TestSaveKeepsModeAndSymlink: saving over a file keeps its permissions, a new file is
// 0644 less the umask (as os.Create makes it), and saving to a symlink replaces the
// file it points to, leaving the link in place.
func TestSaveKeepsModeAndSymlink(t *testing.T) {
	dir := t.TempDir()
	m := nn.NewLinear(2, 2)
	fresh := filepath.Join(dir, "fresh.kosaku")
	if err := nn.Save(m, fresh); err != nil {
		t.Fatal(err)
	}
	umask := syscall.Umask(0)
	syscall.Umask(umask)
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != fs.FileMode(0o644&^umask) {
		t.Fatalf("new file has mode %v, want %v", fi.Mode().Perm(), fs.FileMode(0o644&^umask))
	}
	private := filepath.Join(dir, "private.kosaku")
	os.WriteFile(private, nil, 0o600)
	os.Chmod(private, 0o600)
	if err := nn.Save(m, private); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(private); fi.Mode().Perm() != 0o600 {
		t.Fatalf("saving over a 0600 file made it %v", fi.Mode().Perm())
	}
	os.Mkdir(filepath.Join(dir, "runs"), 0o755)
	target := filepath.Join(dir, "runs", "weights.kosaku")
	link := filepath.Join(dir, "latest.kosaku")
	if err := os.Symlink("runs/weights.kosaku", link); err != nil {
		t.Fatal(err)
	}
	for range 2 { // a dangling link first, then one whose target exists
		if err := nn.Save(m, link); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("the symlink was replaced: %v %v", fi.Mode(), err)
		}
		if err := nn.Load(nn.NewLinear(2, 2), target); err != nil {
			t.Fatalf("the link's target: %v", err)
		}
	}
}

// TestLoadNewerFormat: a state dict whose header says format 2 (with a valid checksum,
// as a newer Kosaku would write it) is reported as newer, not as damaged.
func TestLoadNewerFormat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "model.kosaku")
	m := nn.NewLinear(2, 2)
	if err := nn.Save(m, path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	body := data[:len(data)-4]
	binary.LittleEndian.PutUint32(body[8:], 2)
	os.WriteFile(path, binary.LittleEndian.AppendUint32(body, crc32.ChecksumIEEE(body)), 0o644)
	err := nn.Load(m, path)
	want := "nn.Load: " + path + ": written by a newer Kosaku (format 2); this one reads up to 1: update Kosaku"
	if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "not a valid") ||
		!errors.Is(err, nn.ErrNewerFormat) || errors.Is(err, nn.ErrCorrupt) {
		t.Fatalf("format-2 file: %v", err)
	}
}

// TestLoadUnreadableFile: a model file the user may not read gets "permission denied"
// with the path and what to do, not "save the model first". Run in a child process; as
// root (who reads anything) the child runs as user nobody.
func TestLoadUnreadableFile(t *testing.T) {
	cmd, base := testkit.UnprivilegedChild(t, "-test.run=^TestSaveChild$")
	path := filepath.Join(base, "model.kosaku")
	if err := nn.Save(nn.NewLinear(2, 2), path); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o200)
	cmd.Env = append(os.Environ(), "KOSAKU_NN_CHILD=load", "KOSAKU_NN_PATH="+path)
	out, err := cmd.Output()
	text := string(out)
	if err != nil || !strings.Contains(text, "load: nn.Load: open "+path+": permission denied (you may not read it: make "+path+" readable") ||
		strings.Contains(text, "save the model first") {
		t.Fatalf("loading an unreadable file: %v\n%s", err, text)
	}
}
