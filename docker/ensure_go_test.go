// Package docker_test checks the shell scripts that make lab, make test, CI,
// Colab and the image share.
package docker_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakeGo writes a `go` that claims version v into dir.
func fakeGo(t *testing.T, dir, v string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\nif [ \"$1\" = env ]; then echo " + v + "; else echo go version " + v + " linux/amd64; fi\n"
	if err := os.WriteFile(filepath.Join(dir, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
}

// An older Go first on PATH (as a system-wide Go 1.22 is) must not be used and
// must not be replaced: ensure-go.sh switches PATH to the Go in Kosaku's own
// prefix (here already holding this test's Go 1.26, so nothing is downloaded).
func TestEnsureGoSkipsAnOlderGoAndKeepsIt(t *testing.T) {
	home := t.TempDir()
	old := filepath.Join(home, "system", "bin")
	fakeGo(t, old, "go1.22.0")
	// Kosaku's prefix holds the running Go (a symlink is enough: ensure-go.sh
	// finds Go 1.26 there and downloads nothing).
	prefix := filepath.Join(home, ".local", "kosaku")
	goroot := runtime.GOROOT()
	if err := os.MkdirAll(prefix, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(goroot, filepath.Join(prefix, "go")); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "-c", `. ./ensure-go.sh && command -v go && go env GOVERSION`)
	cmd.Env = []string{"HOME=" + home, "KOSAKU_GO_PREFIX=" + prefix, "PATH=" + old + ":/usr/bin:/bin"}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ensure-go.sh: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), filepath.Join(prefix, "go", "bin", "go")) || !strings.Contains(string(out), "go1.26") {
		t.Errorf("ensure-go.sh did not switch to Kosaku's Go 1.26:\n%s", out)
	}
	if b, _ := os.ReadFile(filepath.Join(old, "go")); !strings.Contains(string(b), "go1.22.0") {
		t.Error("the older Go was touched")
	}
}

// install-go.sh never deletes a Go it did not install.
func TestInstallGoLeavesAForeignGoAlone(t *testing.T) {
	prefix := t.TempDir()
	fakeGo(t, filepath.Join(prefix, "go", "bin"), "go1.22.0")
	cmd := exec.Command("bash", "./install-go.sh", prefix)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("install-go.sh replaced a foreign Go:\n%s", out)
	}
	if !strings.Contains(string(out), "holds go1.22.0, not installed by Kosaku; leaving it alone") {
		t.Errorf("message:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(prefix, "go", "bin", "go")); err != nil {
		t.Errorf("the foreign Go is gone: %v", err)
	}
}
