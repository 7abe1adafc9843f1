// Command imagecheck checks the Docker image's promises on a machine that
// cannot pull its base image (`make image-check`, run by CI as root).
//
// It parses the repository's Dockerfile and replays its steps in order into
// a fresh directory standing in for the image's filesystem (/opt/kosaku,
// /opt/conda, /home/jovyan, /usr/local/bin and /tmp are rewritten into it),
// running each RUN as the Dockerfile's USER (uid 1000 via setpriv), with
// Debian's Jupyter standing in for the base image's. Steps that need the base
// image or root on the real system (apt-get, installing Go into /usr/local)
// are skipped with the reason logged and their stand-in checked. Then it
// starts sessions the way a hub does (empty volume over the home folder, no
// network, the image's start hooks) and checks, as the session user: the
// lessons are copied in, the kernel is listed, lessons run through the
// kernel with their charts, cells write the build cache, the server refuses
// a request without its token; and that nothing under the prefix needs root.
//
// Usage: go run ./docker/imagecheck [-keep] [-root DIR] [-proxy URL]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	keep := flag.Bool("keep", false, "keep the replay directory")
	root := flag.String("root", "", "replay directory (default: a new one under $TMPDIR)")
	resume := flag.Bool("resume", false, "with -root of an earlier run: skip the COPY and RUN steps it finished (for working on the check itself)")
	proxy := flag.String("proxy", "auto", `GOPROXY for the build steps; "auto": a copy of this machine's module cache if it has one, else the network`)
	flag.Parse()
	if err := run(*root, *proxy, *keep, *resume); err != nil {
		fmt.Fprintf(os.Stderr, "imagecheck: FAIL: %v\n", err)
		os.Exit(1)
	}
}

func run(root, proxy string, keep, resume bool) error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("needs root: it drops to uid 1000 with setpriv and unshares mount and network namespaces (CI runs it as root)")
	}
	for _, tool := range []string{"setpriv", "unshare", "ip", "curl", "jupyter", "jupyter-notebook"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s not found (util-linux, iproute2, curl, Debian's jupyter-notebook)", tool)
		}
	}
	context, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(context, "Dockerfile")); err != nil {
		return fmt.Errorf("run from the repository root: %v", err)
	}
	if root == "" {
		if root, err = os.MkdirTemp("", "kosaku-imagecheck-"); err != nil {
			return err
		}
		if !keep {
			defer os.RemoveAll(root)
		}
	} else if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	if err := os.Chmod(root, 0o755); err != nil {
		return err
	}
	r := &Replay{Context: context, Root: root, Log: os.Stdout, Resume: resume}
	if proxy == "auto" {
		proxy = ""
		if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
			dl := filepath.Join(strings.TrimSpace(string(out)), "cache", "download")
			if _, err := os.Stat(filepath.Join(root, "proxy")); err == nil && resume {
				proxy = "file://" + filepath.Join(root, "proxy") + ",https://proxy.golang.org,direct"
			} else if _, err := os.Stat(dl); err == nil {
				// uid 1000 may not reach root's cache: give it a readable copy.
				if out, err := exec.Command("cp", "-r", dl, filepath.Join(root, "proxy")).CombinedOutput(); err != nil {
					return fmt.Errorf("copying the module cache: %v: %s", err, out)
				}
				// What the copy lacks comes from the network, as in a real build.
				proxy = "file://" + filepath.Join(root, "proxy") + ",https://proxy.golang.org,direct"
			}
		}
	}
	r.Proxy = proxy
	fmt.Printf("imagecheck: replaying %s/Dockerfile into %s (GOPROXY for the build: %s)\n", context, root, orNetwork(proxy))

	f, err := os.Open(filepath.Join(context, "Dockerfile"))
	if err != nil {
		return err
	}
	ins, err := ParseDockerfile(f)
	f.Close()
	if err != nil {
		return err
	}
	t0 := time.Now()
	if err := r.Run(ins); err != nil {
		return err
	}
	tBuild := time.Since(t0)
	fmt.Printf("imagecheck: replay done in %.0fs\n", tBuild.Seconds())

	var fails []string
	if err := CheckPrefix(r); err != nil {
		fails = append(fails, err.Error())
		fmt.Println("FAIL:", err)
	}
	t1 := time.Now()
	for _, s := range []Session{
		// The image's own user, as Binder and a hub's default spawner start it.
		{Name: "uid1000", UID: 1000, GID: 100, HooksAs: "user",
			Lessons: []string{"00-kernel-check.ipynb", "02-hello-deep-learning.ipynb"}, TestToken: true},
		// Another uid in the users group: the hub starts the container as
		// root with NB_UID, start.sh runs the hooks as root, then drops to it.
		{Name: "uid1001", UID: 1001, GID: 100, HooksAs: "root",
			Lessons: []string{"00-kernel-check.ipynb"}},
	} {
		if err := RunSession(r, s); err != nil {
			fails = append(fails, err.Error())
			fmt.Println("FAIL:", err)
		}
	}
	fmt.Printf("imagecheck: replay %.0fs, sessions %.0fs\n", tBuild.Seconds(), time.Since(t1).Seconds())
	if keep {
		fmt.Printf("imagecheck: kept %s\n", root)
	}
	if len(fails) > 0 {
		return fmt.Errorf("%d check group(s) failed:\n%s", len(fails), strings.Join(fails, "\n"))
	}
	fmt.Println("imagecheck: PASS (what only the real base image can show is listed in README's Docker section)")
	return nil
}

func orNetwork(p string) string {
	if p == "" {
		return "the network"
	}
	return p
}
