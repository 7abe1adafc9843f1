#!/usr/bin/env bash
# Installs the pinned Go toolchain into <prefix>/go (default /usr/local),
# verified by sha256 before anything is extracted. Used by the Dockerfile,
# the Colab setup and .ci/run (when the machine has no Go 1.26).
#
# The sha256 below is the one go.dev/dl publishes for go1.26.8.linux-amd64.tar.gz
# (66,897,291 bytes). Other platforms: pass GO_SHA256 from https://go.dev/dl/.
set -euo pipefail
version=${GO_VERSION:-1.26.8}
prefix=${1:-/usr/local}
arch=$(uname -m)
case $arch in
x86_64 | amd64) arch=amd64 ;;
aarch64 | arm64) arch=arm64 ;;
*) echo "install-go: unsupported machine $arch" >&2; exit 1 ;;
esac
file=go$version.linux-$arch.tar.gz
sum=${GO_SHA256:-}
if [[ -z $sum && $version == 1.26.8 && $arch == amd64 ]]; then
	sum=d0f743b33e8d8945e6b1f432edd15785c70507121d6e2a723b21285eddf8b57b
fi
[[ -n $sum ]] || { echo "install-go: no known sha256 for $file; set GO_SHA256 (see https://go.dev/dl/)" >&2; exit 1; }

if [[ -x $prefix/go/bin/go ]] && [[ $("$prefix/go/bin/go" env GOVERSION) == go$version ]]; then
	echo "install-go: go$version already in $prefix/go" >&2
	exit 0
fi
# A Go that this script did not install (no marker) is the user's: never delete it.
if [[ -e $prefix/go && ! -e $prefix/go/.kosaku-install-go ]]; then
	have=$("$prefix/go/bin/go" env GOVERSION 2>/dev/null || echo "an unknown version")
	echo "install-go: $prefix/go holds $have, not installed by Kosaku; leaving it alone (use another prefix, or remove it yourself)" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "install-go: downloading $file" >&2
curl -fsSL --retry 3 -o "$tmp/$file" "https://go.dev/dl/$file"
echo "$sum  $tmp/$file" | sha256sum -c --quiet - || { echo "install-go: sha256 mismatch for $file" >&2; exit 1; }
mkdir -p "$prefix"
rm -rf "$prefix/go"
tar -C "$prefix" -xzf "$tmp/$file"
touch "$prefix/go/.kosaku-install-go"
echo "install-go: installed $("$prefix/go/bin/go" version) in $prefix/go" >&2
