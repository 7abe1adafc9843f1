#!/usr/bin/env bash
# Makes sure a Python with Jupyter (server, nbclient, ipykernel) is present.
# On Debian/Ubuntu it installs the distribution's packages when run as root
# or with password-less sudo; otherwise it prints the command to run. Used by
# `make lab` and .ci/run. With --check it only reports (exit 1 if missing).
set -euo pipefail

pkgs=(jupyter-notebook jupyter-client jupyter-nbconvert python3-notebook python3-nbclient python3-nbconvert python3-nbformat python3-ipykernel python3-jupyter-client)

have() {
	# JupyterLab or the classic Notebook, plus nbclient for the test runner.
	for py in ${KOSAKU_PYTHON:-} /usr/bin/python3 python3; do
		if "$py" -c 'import nbclient, ipykernel, jupyter_client
try:
    import jupyterlab
except ImportError:
    import notebook' 2>/dev/null; then
			return 0
		fi
	done
	return 1
}

if have; then
	echo "jupyter-deps: Jupyter present" >&2
	exit 0
fi
[[ ${1:-} == --check ]] && { echo "jupyter-deps: Jupyter missing" >&2; exit 1; }

if ! command -v apt-get >/dev/null; then
	cat >&2 <<MSG
jupyter-deps: no Jupyter found and this is not a Debian/Ubuntu system.
Install JupyterLab and nbclient with your package manager, or with pip:
    python3 -m pip install --user jupyterlab nbclient
then run make lab again (set KOSAKU_PYTHON=/path/to/that/python3 if it is not first on PATH).
MSG
	exit 1
fi

if [[ $(id -u) == 0 ]]; then
	sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
	sudo=(sudo)
else
	cat >&2 <<MSG
jupyter-deps: Jupyter is missing and installing it needs root. Run:
    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${pkgs[*]}
then run make lab (or make test) again.
MSG
	exit 1
fi

echo "jupyter-deps: installing ${pkgs[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${pkgs[@]}"
have || { echo "jupyter-deps: installed, but /usr/bin/python3 still cannot import Jupyter" >&2; exit 1; }
