package datasets

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMNISTDownloadSaysWhatAndWhere: each download attempt prints what is fetched from
// where (torchvision prints "Downloading <url>"), so a slow or silent network is not
// mistaken for a hang.
func TestMNISTDownloadSaysWhatAndWhere(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusNotFound)
	}))
	defer srv.Close()
	oldMirrors, oldClient, oldOut := mnistMirrors, mnistHTTPClient, mnistOut
	defer func() { mnistMirrors, mnistHTTPClient, mnistOut = oldMirrors, oldClient, oldOut }()
	var out bytes.Buffer
	mnistMirrors, mnistHTTPClient, mnistOut = []string{srv.URL + "/a/"}, srv.Client(), &out
	root := t.TempDir()
	isolate(t)
	if _, _, _, err := loadMNISTRaw(root, false, true); err == nil {
		t.Fatal("download from a mirror that has nothing succeeded")
	}
	want := "datasets.MNIST: downloading " + srv.URL + "/a/t10k-images-idx3-ubyte.gz to " + filepath.Join(root, "MNIST", "raw") + "\n"
	if out.String() != want {
		t.Fatalf("printed %q, want %q", out.String(), want)
	}
}

// TestMNISTUnreadableModuleCache: a GoMNIST copy in the module cache that cannot be
// read is reported with its path and the reason, not as "no copy". (A symlink loop
// stands in for a folder without read permission, which root — the test's user in CI
// containers — would read anyway.)
func TestMNISTUnreadableModuleCache(t *testing.T) {
	isolate(t)
	cache := t.TempDir()
	t.Setenv("GOMODCACHE", cache)
	mod := filepath.Join(cache, filepath.FromSlash(goMNISTModule)+"@"+goMNISTVersion)
	os.MkdirAll(filepath.Dir(mod), 0o755)
	if err := os.Symlink(filepath.Base(mod), mod); err != nil {
		t.Fatal(err)
	}
	_, _, _, err := loadMNISTRaw("", false, false)
	if err == nil || strings.Contains(err.Error(), "no copy") || !strings.Contains(err.Error(), "the Go module cache (cannot read stat "+filepath.Join(mod, "data")) ||
		!strings.Contains(err.Error(), "make it readable") {
		t.Fatalf("unreadable module cache: %v", err)
	}
}
