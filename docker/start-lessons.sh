#!/usr/bin/env bash
# Container start hook (the image installs it in /usr/local/bin/before-notebook.d):
# a JupyterHub volume mounted over the home folder hides the lessons the
# image copied there, so copy them in when missing. Never overwrites a
# reader's edited notebooks. start.sh sources this file: no exit here.
kosaku_lessons=${HOME:-/home/${NB_USER:-jovyan}}/lessons
if [[ ! -e $kosaku_lessons && -d ${KOSAKU_REPO:-/opt/kosaku/src}/lessons ]]; then
	cp -r "${KOSAKU_REPO:-/opt/kosaku/src}/lessons" "$kosaku_lessons" &&
		echo "kosaku: lessons copied to $kosaku_lessons" >&2
fi
