# Sourced (bash) by `make lab`, `make test`, .ci/run and docker/colab-setup.sh:
# use the Go 1.26 on PATH, else the pinned, sha256-verified Go that
# docker/install-go.sh keeps in a prefix of Kosaku's own — /usr/local/kosaku
# (root) or ~/.local/kosaku (a normal user), never the /usr/local/go or
# ~/.local/go a user may have installed; $KOSAKU_GO_PREFIX overrides — installing or updating it when
# missing or of another version. Leaves PATH pointing at it.
if ! command -v go >/dev/null || [[ $(go env GOVERSION 2>/dev/null) != go1.26* ]]; then
	if [[ -n ${KOSAKU_GO_PREFIX:-} ]]; then kosaku_go_prefix=$KOSAKU_GO_PREFIX
	elif [[ $(id -u) == 0 ]]; then kosaku_go_prefix=/usr/local/kosaku
	else kosaku_go_prefix=$HOME/.local/kosaku; fi
	if [[ ! -x $kosaku_go_prefix/go/bin/go || $("$kosaku_go_prefix/go/bin/go" env GOVERSION 2>/dev/null) != go1.26* ]]; then
		"$(dirname "${BASH_SOURCE[0]}")/install-go.sh" "$kosaku_go_prefix" || return 1 2>/dev/null || exit 1
	fi
	export PATH=$kosaku_go_prefix/go/bin:$PATH
	hash -r
	echo "ensure-go: using $(go version) from $kosaku_go_prefix/go" >&2
fi
