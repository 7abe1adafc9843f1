#!/usr/bin/env bash
# Container start hook (the image installs it in /usr/local/bin/before-notebook.d):
# a JupyterHub volume mounted over the home folder hides the lessons the
# image copied there, so copy them in when missing. Never overwrites a
# reader's edited notebooks. start.sh sources this file: no exit here, and
# no failing command outside a condition (start.sh runs with set -e).
kosaku_lessons=${HOME:-/home/${NB_USER:-jovyan}}/lessons
if [[ ! -e $kosaku_lessons && -d ${KOSAKU_REPO:-/opt/kosaku/src}/lessons ]]; then
	if cp -r "${KOSAKU_REPO:-/opt/kosaku/src}/lessons" "$kosaku_lessons"; then
		# A hub that starts the container as root (to switch to NB_UID) has
		# start.sh run this hook as root: hand the copy to the user, or the
		# reader could not save a lesson (found by make image-check).
		if [[ $(id -u) == 0 ]]; then
			chown -R "${NB_UID:-1000}:${NB_GID:-100}" "$kosaku_lessons" ||
				echo "kosaku: could not hand $kosaku_lessons to ${NB_UID:-1000}:${NB_GID:-100}" >&2
		fi
		echo "kosaku: lessons copied to $kosaku_lessons" >&2
	fi
fi
