package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// sessionScript runs as root inside fresh mount and network namespaces and
// starts a session the way a hub does: loopback only, an empty volume over
// the home folder, the image's start hooks (as the user, or as root when the
// hub starts the container as root to switch uid, as docker-stacks' start.sh
// does), then the checks as the session user. Every check prints "ok:" or
// "FAIL:"; the exit status counts the failures.
const sessionScript = `
set -uo pipefail
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails+1)); }
ip link set lo up
mount --bind "$IC_VOLUME" "$HOME"
if [[ $IC_UID != $(id -u "$IC_UID" 2>/dev/null || echo none) ]]; then
	# start.sh (as root) creates the user for NB_UID; a copy of passwd does it here.
	cp /etc/passwd "$IC_TMP/passwd"
	echo "jovyan:x:$IC_UID:$IC_GID::$HOME:/bin/bash" >>"$IC_TMP/passwd"
	mount --bind "$IC_TMP/passwd" /etc/passwd
fi
as_user() { setpriv --reuid "$IC_UID" --regid "$IC_GID" --clear-groups -- "$@"; }
hooks='for f in "$IC_HOOKS"/*.sh; do echo "running hook $f as uid $(id -u)"; source "$f"; done'
if [[ $IC_HOOKS_AS == root ]]; then
	NB_UID=$IC_UID NB_GID=$IC_GID bash -c "$hooks"
else
	as_user bash -c "$hooks"
fi
as_user bash -s <<'USER'
set -uo pipefail
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails+1)); }
me=$(id -u)
echo "session as uid $me gid $(id -g), HOME=$HOME (empty volume), no network"

# The start hook copied the lessons into the empty home, owned by the user.
if [[ -f $HOME/lessons/00-kernel-check.ipynb && -f $HOME/lessons/02-hello-deep-learning.ipynb ]]; then
	ok "start hook copied $(ls "$HOME/lessons"/*.ipynb | wc -l) lessons into the empty home"
else
	fail "lessons missing in $HOME after the start hook"
fi
others=$(find "$HOME/lessons" ! -user "$me" 2>/dev/null | head -3)
[[ -z $others ]] && ok "the copied lessons belong to uid $me" || fail "copied lessons not owned by uid $me: $others"
touch "$HOME/lessons/00-kernel-check.ipynb" 2>/dev/null && ok "the user can save a lesson" || fail "the user cannot write $HOME/lessons/00-kernel-check.ipynb"

# No network.
if curl -sS --max-time 5 -o /dev/null https://proxy.golang.org/ 2>/dev/null; then fail "network reachable"; else ok "no network (proxy.golang.org unreachable)"; fi

# The kernel is listed, from the image's prefix (not the user's data dir).
list=$(jupyter kernelspec list 2>&1)
if grep -Eq "^ *kosaku +$IC_KERNEL_DIR\$" <<<"$list"; then ok "jupyter kernelspec list: kosaku at $IC_KERNEL_DIR"; else fail "kernel kosaku not listed at $IC_KERNEL_DIR: $list"; fi

# A lesson runs headless through the kernel, with its charts, and the
# kernel's builds land in the build cache as this uid.
cd "$KOSAKU_REPO" && GOPROXY=off go build -o "$TMPDIR/nbrun" ./kernel/cmd/nbrun || fail "building nbrun"
touch "$TMPDIR/marker"
for nb in $IC_LESSONS; do
	png=$(grep -c '"image/png"' "$HOME/lessons/$nb")
	if (cd "$HOME/lessons" && "$TMPDIR/nbrun" -png "$png" -o "$TMPDIR/out-$nb" "$nb"); then
		ok "$nb ran through the kernel with its $png chart(s)"
	else
		fail "$nb did not run through the kernel"
	fi
done
new=$(find "$GOCACHE" -type f -newer "$TMPDIR/marker" -user "$me" | wc -l)
[[ $new -gt 0 ]] && ok "cells wrote $new files into the build cache $GOCACHE as uid $me" || fail "no build cache entries written by uid $me"
denied=$(grep -rl 'permission denied' "$TMPDIR"/out-*.ipynb 2>/dev/null)
[[ -z $denied ]] || fail "permission denied in $denied"

# The server keeps token authentication.
if [[ -n ${IC_SERVER:-} ]]; then
	jupyter-notebook --no-browser --ip=127.0.0.1 --port=8888 --notebook-dir="$HOME" >"$TMPDIR/server.log" 2>&1 &
	server=$!
	tok=
	for _ in $(seq 60); do
		tok=$(grep -o 'token=[0-9a-f]*' "$TMPDIR/server.log" | head -1 | cut -d= -f2)
		[[ -n $tok ]] && curl -s -o /dev/null http://127.0.0.1:8888/ && break
		sleep 0.5
	done
	if [[ -z $tok ]]; then
		fail "server printed no token: $(tail -5 "$TMPDIR/server.log")"
	else
		no=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8888/api/kernels)
		yes=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: token $tok" http://127.0.0.1:8888/api/kernels)
		[[ $no == 403 ]] && ok "server refuses /api/kernels without the token (403)" || fail "/api/kernels without token: HTTP $no, want 403"
		[[ $yes == 200 ]] && ok "server answers /api/kernels with the token (200)" || fail "/api/kernels with token: HTTP $yes, want 200"
	fi
	kill "$server"; wait "$server" 2>/dev/null
fi
exit $fails
USER
s=$?
exit $((fails + s))
`

// Session describes one simulated hub session.
type Session struct {
	Name      string
	UID, GID  int
	HooksAs   string   // "user" or "root" (hub starts the container as root with NB_UID)
	Lessons   []string // lessons to run through the kernel
	TestToken bool     // start the server and check token authentication
}

// RunSession starts s on the replayed image and returns the number of failed checks.
func RunSession(r *Replay, s Session) error {
	base := filepath.Join(r.Root, "session-"+s.Name)
	vol, tmp := filepath.Join(base, "volume"), filepath.Join(base, "tmp")
	for _, d := range []string{vol, tmp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	// A hub's volume belongs to the session user; the container's /tmp is shared.
	if err := os.Chown(vol, s.UID, s.GID); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o777|fs.ModeSticky); err != nil {
		return err
	}
	home := r.Env("HOME")
	kernelDir := r.Rewrite("/opt/conda") + "/share/jupyter/kernels/kosaku"
	env := r.Environ(
		"IC_VOLUME="+vol, "IC_TMP="+tmp, "TMPDIR="+tmp,
		"IC_UID="+strconv.Itoa(s.UID), "IC_GID="+strconv.Itoa(s.GID),
		"IC_HOOKS="+r.Rewrite("/usr/local/bin/before-notebook.d"), "IC_HOOKS_AS="+s.HooksAs,
		"IC_KERNEL_DIR="+kernelDir, "IC_LESSONS="+strings.Join(s.Lessons, " "),
	)
	if s.TestToken {
		env = append(env, "IC_SERVER=1")
	}
	c := exec.Command("unshare", "--mount", "--net", "--", "/bin/bash", "-c", sessionScript)
	c.Env = env
	c.Dir = home
	c.Stdout, c.Stderr = r.Log, r.Log
	r.logf("session %s: uid %d gid %d, hooks run as %s, lessons %v", s.Name, s.UID, s.GID, s.HooksAs, s.Lessons)
	if err := c.Run(); err != nil {
		return fmt.Errorf("session %s: %v (see the FAIL lines above)", s.Name, err)
	}
	return nil
}

// CheckPrefix walks the trees the image adds and reports anything that would
// need root: a file the user cannot read (or a directory it cannot enter),
// a setuid/setgid file, and cache trees the users group cannot write (a hub
// may start the container with another uid in that group).
func CheckPrefix(r *Replay) error {
	uid, _ := strconv.Atoi(r.Env("NB_UID"))
	gid, _ := strconv.Atoi(r.Env("NB_GID"))
	var problems []string
	add := func(format string, a ...any) {
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, a...))
		}
	}
	writable := map[string]bool{r.Env("GOMODCACHE"): true, r.Env("GOCACHE"): true}
	roots := []string{r.Env("KOSAKU_HOME"), r.Rewrite("/opt/conda") + "/share/jupyter/kernels/kosaku", r.Rewrite("/usr/local/bin/before-notebook.d")}
	n := 0
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			fi, err := os.Lstat(p)
			if err != nil {
				return err
			}
			if fi.Mode()&fs.ModeSymlink != 0 {
				return nil
			}
			n++
			st := fi.Sys().(*syscall.Stat_t)
			perm := fi.Mode().Perm()
			need := fs.FileMode(0o4) // read
			if fi.IsDir() {
				need = 0o5
			}
			can := func(want fs.FileMode) bool {
				switch {
				case int(st.Uid) == uid:
					return perm>>6&want == want
				case int(st.Gid) == gid:
					return perm>>3&want == want
				default:
					return perm&want == want
				}
			}
			if !can(need) {
				add("%s (%v, uid %d gid %d): not readable for uid %d", p, fi.Mode(), st.Uid, st.Gid, uid)
			}
			if fi.Mode().IsRegular() && fi.Mode()&(fs.ModeSetuid|fs.ModeSetgid) != 0 {
				add("%s: setuid/setgid file", p)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for c := range writable {
		inner := c
		err := filepath.WalkDir(inner, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				return nil
			}
			fi, err := os.Lstat(p)
			if err != nil {
				return err
			}
			st := fi.Sys().(*syscall.Stat_t)
			if !(int(st.Gid) == gid && fi.Mode().Perm()&0o070 == 0o070) {
				add("%s (%v gid %d): cache directory not writable for the users group", p, fi.Mode(), st.Gid)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d entries checked; needs root:\n  %s", n, strings.Join(problems, "\n  "))
	}
	r.logf("ok: %d entries under the prefix, the kernel spec and the hooks are readable for uid %d without root, no setuid/setgid files; the caches are group-writable for gid %d", n, uid, gid)
	return nil
}
