package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// baseEnv is what the base image (quay.io/jupyter/base-notebook) sets before
// the Dockerfile's first line, in image paths; the replay rewrites them like
// every other path.
var baseEnv = [][2]string{
	{"NB_USER", "jovyan"},
	{"NB_UID", "1000"},
	{"NB_GID", "100"},
	{"CONDA_DIR", "/opt/conda"},
	{"HOME", "/home/jovyan"},
	{"SHELL", "/bin/bash"},
	{"LANG", "C.UTF-8"},
	{"PATH", "/opt/conda/bin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
	// Not set by the base image: conda's Jupyter finds <sys.prefix>/share/jupyter
	// (/opt/conda/share/jupyter) by itself; Debian's, standing in, must be told.
	{"JUPYTER_PATH", "/opt/conda/share/jupyter"},
}

// Replay re-runs a Dockerfile's steps into Root, a directory standing in for
// the image's filesystem root for the paths the image adds.
type Replay struct {
	Context string // build context (the checkout)
	Root    string // stand-in for the image's /
	Proxy   string // GOPROXY for the build's RUN steps ("" = inherit)
	Log     io.Writer
	Resume  bool // skip COPY and RUN steps a previous replay into Root finished

	rw      *strings.Replacer
	env     map[string]string
	envKeys []string
	user    string
	workdir string
	ignore  Ignore
	goroot  string
}

// image paths -> replay paths. /opt/conda/bin/python is the base image's
// Python with Jupyter; Debian's /usr/bin/python3 with Jupyter stands in.
func (r *Replay) rewriter() *strings.Replacer {
	return strings.NewReplacer(
		"/opt/conda/bin/python", "/usr/bin/python3",
		"/opt/", r.Root+"/opt/",
		"/home/", r.Root+"/home/",
		"/usr/local/bin", r.Root+"/usr/local/bin",
		"/tmp/", r.Root+"/tmp/",
		"/usr/local/go", r.goroot,
	)
}

// Rewrite maps an image path (or a command mentioning image paths) to the replay.
func (r *Replay) Rewrite(s string) string { return r.rw.Replace(s) }

func (r *Replay) logf(format string, a ...any) { fmt.Fprintf(r.Log, format+"\n", a...) }

func (r *Replay) setEnv(k, v string) {
	if _, ok := r.env[k]; !ok {
		r.envKeys = append(r.envKeys, k)
	}
	r.env[k] = v
}

// Environ is the environment a RUN step (or the container) gets.
func (r *Replay) Environ(extra ...string) []string {
	var out []string
	for _, k := range r.envKeys {
		out = append(out, k+"="+r.env[k])
	}
	return append(out, extra...)
}

// Env returns one variable of the image's environment (replay paths).
func (r *Replay) Env(k string) string { return r.env[k] }

// UIDGID resolves the current USER to numbers, as the image's /etc/passwd would.
func (r *Replay) UIDGID() (int, int, error) {
	u := r.user
	if u == "root" || u == "0" || u == "" {
		return 0, 0, nil
	}
	if u == "jovyan" {
		u = r.env["NB_UID"]
	}
	uid, g, _ := strings.Cut(u, ":")
	n, err := strconv.Atoi(uid)
	if err != nil {
		return 0, 0, fmt.Errorf("USER %q: not a number or jovyan", r.user)
	}
	gid, _ := strconv.Atoi(r.env["NB_GID"]) // jovyan's primary group: users (100)
	if g != "" {
		if gid, err = strconv.Atoi(g); err != nil {
			return 0, 0, fmt.Errorf("USER %q: group not a number", r.user)
		}
	}
	return n, gid, nil
}

// skip says why a RUN step cannot run here and what stands in for it; it
// returns "" for steps that run.
type skipRule struct {
	match  *regexp.Regexp
	reason string
	check  func(r *Replay) error
}

var skipRules = []skipRule{
	{regexp.MustCompile(`\bapt-get\b`), "installs the base image's Debian packages (root, network); stand-in: this machine's curl and git",
		func(r *Replay) error {
			for _, c := range []string{"curl", "git"} {
				if _, err := exec.LookPath(c); err != nil {
					return fmt.Errorf("stand-in %s missing on this machine", c)
				}
			}
			return nil
		}},
	{regexp.MustCompile(`install-go\.sh`), "downloads Go into /usr/local/go (root, network); stand-in: this machine's Go, which must be the version install-go.sh pins",
		func(r *Replay) error {
			b, err := os.ReadFile(filepath.Join(r.Context, "docker/install-go.sh"))
			if err != nil {
				return err
			}
			m := regexp.MustCompile(`GO_VERSION:-([0-9.]+)`).FindSubmatch(b)
			if m == nil {
				return fmt.Errorf("no pinned version found in docker/install-go.sh")
			}
			out, err := exec.Command(filepath.Join(r.goroot, "bin/go"), "env", "GOVERSION").Output()
			if err != nil {
				return err
			}
			if got := strings.TrimSpace(string(out)); got != "go"+string(m[1]) {
				return fmt.Errorf("this machine's Go is %s, the image pins go%s", got, m[1])
			}
			return nil
		}},
}

// setupBase creates what the base image provides for the paths the
// Dockerfile uses: the user's home, conda's prefix owned by the user, /tmp,
// the hook folder's parent, and docker-stacks' fix-permissions.
func (r *Replay) setupBase() error {
	uid, _ := strconv.Atoi(r.env["NB_UID"])
	gid, _ := strconv.Atoi(r.env["NB_GID"])
	for _, d := range []struct {
		path     string
		uid, gid int
		mode     fs.FileMode
	}{
		{r.Root, 0, 0, 0o755},
		{r.Rewrite("/home/jovyan"), uid, gid, 0o775 | fs.ModeSetgid},
		{r.Rewrite("/opt/conda"), uid, gid, 0o775 | fs.ModeSetgid},
		{r.Rewrite("/usr/local/bin"), 0, 0, 0o755},
		{r.Rewrite("/tmp/"), 0, 0, 0o777 | fs.ModeSticky},
	} {
		if err := os.MkdirAll(d.path, 0o755); err != nil {
			return err
		}
		if err := os.Chown(d.path, d.uid, d.gid); err != nil {
			return err
		}
		if err := os.Chmod(d.path, d.mode); err != nil {
			return err
		}
	}
	// The base image's fix-permissions (docker-stacks): the users group owns
	// the given trees and may write them; directories get setuid/setgid so
	// new files stay in the group.
	fixPerms := `#!/bin/bash
# Stand-in for docker-stacks' fix-permissions (written by kosaku imagecheck).
set -e
for d in "$@"; do
	find "${d}" ! \( -group "${NB_GID}" -a -perm -g+rwX \) -exec chgrp "${NB_GID}" -- {} \+ -exec chmod g+rwX -- {} \+
	find "${d}" \( -type d -a ! -perm -6000 \) -exec chmod +6000 -- {} \+
done
`
	return os.WriteFile(r.Rewrite("/usr/local/bin")+"/fix-permissions", []byte(fixPerms), 0o755)
}

// Run replays every instruction in order.
func (r *Replay) Run(ins []Instruction) error {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %v", err)
	}
	r.goroot = strings.TrimSpace(string(out))
	r.rw = r.rewriter()
	r.env = map[string]string{}
	for _, kv := range baseEnv {
		r.setEnv(kv[0], r.Rewrite(kv[1]))
	}
	r.user = "jovyan"
	r.workdir = r.env["HOME"]
	if r.ignore, err = ReadIgnore(r.Context); err != nil {
		return err
	}
	if err := r.setupBase(); err != nil {
		return fmt.Errorf("base image stand-in: %v", err)
	}
	buildArgs := map[string]string{}
	stepFile := filepath.Join(r.Root, ".imagecheck-steps-done")
	done := 0
	if b, err := os.ReadFile(stepFile); err == nil {
		done, _ = strconv.Atoi(strings.TrimSpace(string(b)))
	}
	for i, in := range ins {
		t0 := time.Now()
		r.logf("step %d (Dockerfile line %d): %s %s", i+1, in.Line, in.Cmd, in.Args)
		if r.Resume && i < done && (in.Cmd == "COPY" || in.Cmd == "RUN") {
			r.logf("  done by an earlier replay (-resume)")
			continue
		}
		var err error
		switch in.Cmd {
		case "FROM":
			r.logf("  skipped: the base image cannot be pulled here; stand-in: this machine with Debian's Jupyter, base image env %v", r.Environ())
		case "ARG":
			var kv [][2]string
			if kv, err = ParseEnv(in.Args); err == nil {
				for _, p := range kv {
					buildArgs[p[0]] = r.Rewrite(p[1])
				}
			}
		case "ENV":
			var kv [][2]string
			if kv, err = ParseEnv(in.Args); err == nil {
				// All pairs of one ENV expand against the environment before it.
				vals := make([]string, len(kv))
				for j, p := range kv {
					vals[j] = r.value(p[1], buildArgs)
				}
				for j, p := range kv {
					r.setEnv(p[0], vals[j])
				}
			}
		case "USER":
			r.user = Expand(in.Args, r.expandEnv(buildArgs))
		case "WORKDIR":
			r.workdir = r.value(in.Args, buildArgs)
			err = r.mkdirOwned(r.workdir)
		case "COPY":
			err = r.copy(r.value(in.Args, buildArgs))
		case "RUN":
			err = r.run(in.Args, buildArgs)
		case "LABEL", "EXPOSE", "ENTRYPOINT", "CMD":
			r.logf("  no effect on the replay")
		default:
			err = fmt.Errorf("instruction %s is not supported by the replay", in.Cmd)
		}
		if err != nil {
			return fmt.Errorf("Dockerfile line %d (%s): %v", in.Line, in.Cmd, err)
		}
		r.logf("  done in %.1fs", time.Since(t0).Seconds())
		if err := os.WriteFile(stepFile, []byte(strconv.Itoa(i+1)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// value is an ENV, COPY or WORKDIR argument in replay paths. The literal is
// rewritten before variables are expanded: the environment already holds
// replay paths, and the root (often under /tmp/) must not be rewritten twice.
func (r *Replay) value(raw string, buildArgs map[string]string) string {
	return Expand(r.Rewrite(raw), r.expandEnv(buildArgs))
}

func (r *Replay) expandEnv(args map[string]string) map[string]string {
	m := map[string]string{}
	for k, v := range args {
		m[k] = v
	}
	for k, v := range r.env {
		m[k] = v
	}
	return m
}

func (r *Replay) mkdirOwned(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	uid, gid, err := r.UIDGID()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.Chown(dir, uid, gid)
}

func (r *Replay) run(cmd string, buildArgs map[string]string) error {
	for _, s := range skipRules {
		if s.match.MatchString(cmd) {
			r.logf("  skipped: %s", s.reason)
			if err := s.check(r); err != nil {
				return fmt.Errorf("stand-in check: %v", err)
			}
			return nil
		}
	}
	uid, gid, err := r.UIDGID()
	if err != nil {
		return err
	}
	shell := r.Rewrite(cmd)
	var c *exec.Cmd
	if uid == 0 {
		c = exec.Command("/bin/sh", "-c", shell)
	} else {
		c = exec.Command("setpriv", "--reuid", strconv.Itoa(uid), "--regid", strconv.Itoa(gid), "--clear-groups", "--", "/bin/sh", "-c", shell)
	}
	extra := []string{"TMPDIR=" + r.Rewrite("/tmp/")} // the container's /tmp
	if r.Proxy != "" {
		extra = append(extra, "GOPROXY="+r.Proxy) // the build's network
	}
	for k, v := range buildArgs {
		extra = append(extra, k+"="+v)
	}
	c.Env = r.Environ(extra...)
	c.Dir = r.workdir
	c.Stdout, c.Stderr = r.Log, r.Log
	r.logf("  as uid %d gid %d in %s: %s", uid, gid, r.workdir, shell)
	return c.Run()
}

// copy is COPY [--chown=u:g] src... dst, honouring .dockerignore.
func (r *Replay) copy(args string) error {
	c, err := ParseCopy(args)
	if err != nil {
		return err
	}
	uid, gid := 0, 0
	if c.Chown != "" {
		u, g, _ := strings.Cut(c.Chown, ":")
		if uid, err = strconv.Atoi(u); err != nil {
			return fmt.Errorf("--chown=%s: want numbers", c.Chown)
		}
		if gid, err = strconv.Atoi(g); err != nil {
			return fmt.Errorf("--chown=%s: want numbers", c.Chown)
		}
	}
	dst := c.Dst // rewritten before expansion
	toDir := strings.HasSuffix(c.Dst, "/") || len(c.Srcs) > 1
	n := 0
	for _, src := range c.Srcs {
		abs := filepath.Join(r.Context, src)
		st, err := os.Stat(abs)
		if err != nil {
			return err
		}
		target := dst
		if !st.IsDir() && toDir {
			target = filepath.Join(dst, filepath.Base(src))
		}
		if err := r.mkdirsChown(filepath.Dir(target), uid, gid); err != nil {
			return err
		}
		err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(r.Context, p)
			if r.ignore.Match(filepath.ToSlash(rel)) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			sub, _ := filepath.Rel(abs, p)
			to := filepath.Join(target, sub)
			info, err := d.Info()
			if err != nil {
				return err
			}
			switch {
			case d.IsDir():
				if err := os.MkdirAll(to, 0o755); err != nil {
					return err
				}
				if err := os.Chmod(to, info.Mode().Perm()); err != nil {
					return err
				}
			case info.Mode()&fs.ModeSymlink != 0:
				l, err := os.Readlink(p)
				if err != nil {
					return err
				}
				os.Remove(to)
				if err := os.Symlink(l, to); err != nil {
					return err
				}
			default:
				if err := copyFile(p, to, info.Mode().Perm()); err != nil {
					return err
				}
			}
			n++
			return os.Lchown(to, uid, gid)
		})
		if err != nil {
			return err
		}
	}
	r.logf("  copied %d entries to %s (owner %d:%d, .dockerignore honoured)", n, dst, uid, gid)
	return nil
}

// mkdirsChown creates dir and missing parents; like the builder, new
// directories get the --chown owner (root without one).
func (r *Replay) mkdirsChown(dir string, uid, gid int) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || d == "/" {
			break
		}
		missing = append(missing, d)
	}
	sort.Strings(missing)
	for _, d := range missing {
		if err := os.Mkdir(d, 0o755); err != nil {
			return err
		}
		if err := os.Chown(d, uid, gid); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(from, to string, mode fs.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Chmod(to, mode)
}
