#!/usr/bin/env bash
# Sets up Kosaku in a fresh Colab-like hosted Jupyter runtime (a Linux VM
# whose notebook runs Python): Go, the pinned GoNB kernel, the package and
# its modules (MNIST included). Run it from a first Python cell:
#
#   !curl -fsSL https://raw.githubusercontent.com/kosaku-dl/kosaku/main/docker/colab-setup.sh | bash
#
# then open a lesson (its metadata asks for the "kosaku" kernel) or pick
# "Go (Kosaku)" where the front end offers a kernel choice. Idempotent: a
# second run only checks.
#
# Environment: KOSAKU_DIR (checkout, default /content/kosaku or ~/kosaku),
# KOSAKU_REPO_URL (default the GitHub repository), KOSAKU_REF (a branch, tag
# or commit to check out; fetch this script from the same ref to pin what runs).
set -euo pipefail

url=${KOSAKU_REPO_URL:-https://github.com/kosaku-dl/kosaku}
if [[ -z ${KOSAKU_DIR:-} ]]; then
	if [[ -d /content && -w /content ]]; then KOSAKU_DIR=/content/kosaku; else KOSAKU_DIR=$HOME/kosaku; fi
fi
say() { printf 'kosaku-colab: %s\n' "$*" >&2; }

if [[ ! -f $KOSAKU_DIR/go.mod ]]; then
	say "cloning $url into $KOSAKU_DIR"
	if [[ ${KOSAKU_REF:-} =~ ^[0-9a-f]{7,40}$ ]]; then
		# A commit: clone, then check it out (git clone --branch takes only names).
		git clone "$url" "$KOSAKU_DIR"
		git -C "$KOSAKU_DIR" checkout --detach "$KOSAKU_REF"
	else
		git clone --depth 1 ${KOSAKU_REF:+--branch "$KOSAKU_REF"} "$url" "$KOSAKU_DIR"
	fi
fi
cd "$KOSAKU_DIR"

# Go 1.26: reuse one on PATH, else install the pinned, sha256-verified one.
. docker/ensure-go.sh

# Jupyter is the runtime's own; the kernel spec goes to the user's data dir.
docker/install.sh
say "ready: kernel \"Go (Kosaku)\" installed; lessons in $KOSAKU_DIR/lessons"
