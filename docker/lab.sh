#!/usr/bin/env bash
# Opens the lessons in JupyterLab when it is installed, else in the classic
# Notebook. Token authentication stays on: open the URL with ?token=... that
# Jupyter prints. Extra arguments go to Jupyter (e.g. --no-browser --port 9999).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
args=(--notebook-dir="$repo/lessons")
# Jupyter refuses to run as root without this (containers, CI machines).
[[ $(id -u) == 0 ]] && args+=(--allow-root)

for py in ${KOSAKU_PYTHON:-} "$(command -v jupyter >/dev/null && head -1 "$(command -v jupyter)" | sed -n 's/^#! *//p' | cut -d' ' -f1)" /usr/bin/python3 python3; do
	[[ -n $py ]] || continue
	if "$py" -c 'import jupyterlab' 2>/dev/null; then
		echo "lab: opening $repo/lessons in JupyterLab (kernel: Go (Kosaku))" >&2
		exec "$py" -m jupyterlab "${args[@]}" "$@"
	fi
done
for py in ${KOSAKU_PYTHON:-} /usr/bin/python3 python3; do
	if "$py" -c 'import notebook' 2>/dev/null; then
		echo "lab: JupyterLab not installed; opening $repo/lessons in the classic Notebook (kernel: Go (Kosaku))" >&2
		# The ipython CodeMirror theme draws an arrow on every tab, and Go is
		# indented with tabs: the Notebook reads custom/custom.css from its
		# config dir, so point that at a folder of ours under .kosaku (the
		# Notebook may write settings there) and keep the user's own config
		# files on the search path.
		cfg=$repo/.kosaku/notebook-config
		mkdir -p "$cfg/custom"
		cp "$repo/docker/notebook-custom.css" "$cfg/custom/custom.css"
		user_cfg=$("$py" -c 'from jupyter_core.paths import jupyter_config_dir; print(jupyter_config_dir())')
		export JUPYTER_CONFIG_PATH=$user_cfg${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}
		export JUPYTER_CONFIG_DIR=$cfg
		exec "$py" -m notebook "${args[@]}" "$@"
	fi
done
echo "lab: no JupyterLab or Notebook found; run docker/jupyter-deps.sh" >&2
exit 1
