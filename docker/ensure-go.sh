# Sourced (bash) by `make lab` and docker/colab-setup.sh: use the Go 1.26 on
# PATH, else the pinned, sha256-verified Go that docker/install-go.sh puts in
# /usr/local (root) or ~/.local (a normal user), installing it when missing.
# Leaves PATH pointing at it.
if ! command -v go >/dev/null || [[ $(go env GOVERSION) != go1.26* ]]; then
	if [[ $(id -u) == 0 ]]; then kosaku_go_prefix=/usr/local; else kosaku_go_prefix=$HOME/.local; fi
	if [[ ! -x $kosaku_go_prefix/go/bin/go ]]; then
		"$(dirname "${BASH_SOURCE[0]}")/install-go.sh" "$kosaku_go_prefix"
	fi
	export PATH=$kosaku_go_prefix/go/bin:$PATH
fi
