# Kosaku: JupyterLab + Go + the Go (Kosaku) kernel + the lessons, ready for
# Binder, a JupyterHub, or `docker run -p 127.0.0.1:8888:8888 kosaku`.
#
# Everything the kernel needs (Go, GoNB/goimports/gopls, the kernel spec, the
# package source, the module and build caches) lives outside $HOME, so a
# JupyterHub volume over /home/jovyan hides none of it; the lessons are
# copied into the home folder (and again at start if a volume hid them).
# A session needs no network: modules and the build cache are filled here.
FROM quay.io/jupyter/base-notebook:2026-07-28

USER root
# curl fetches Go (sha256-verified by docker/install-go.sh); git is what `go`
# falls back to for a module the proxy does not serve.
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends curl ca-certificates git \
 && rm -rf /var/lib/apt/lists/*

COPY docker/install-go.sh /tmp/install-go.sh
RUN /tmp/install-go.sh /usr/local && rm /tmp/install-go.sh

ENV KOSAKU_HOME=/opt/kosaku \
    KOSAKU_REPO=/opt/kosaku/src \
    KOSAKU_KERNEL_PREFIX=/opt/conda \
    KOSAKU_PYTHON=/opt/conda/bin/python \
    GOMODCACHE=/opt/kosaku/gomod \
    GOCACHE=/opt/kosaku/gocache \
    GOTOOLCHAIN=local \
    PATH=/opt/kosaku/bin:/usr/local/go/bin:${PATH}
RUN mkdir -p /opt/kosaku/src \
 && chown -R "${NB_UID}:${NB_GID}" /opt/kosaku

USER ${NB_UID}
# Modules (MNIST included) and the pinned tools first: this layer only
# changes with go.mod/go.sum.
COPY --chown=${NB_UID}:${NB_GID} go.mod go.sum /opt/kosaku/src/
COPY --chown=${NB_UID}:${NB_GID} docker /opt/kosaku/src/docker
RUN /opt/kosaku/src/docker/install.sh modules tools

# The package, the runner and the lessons; then warm the build cache and run
# the kernel check notebook headless, which proves the image works offline
# and compiles what a first cell needs.
COPY --chown=${NB_UID}:${NB_GID} pkg /opt/kosaku/src/pkg
COPY --chown=${NB_UID}:${NB_GID} kernel /opt/kosaku/src/kernel
COPY --chown=${NB_UID}:${NB_GID} lessons /opt/kosaku/src/lessons
RUN cd /opt/kosaku/src \
 && docker/install.sh kernel warm \
 && GOPROXY=off go run ./kernel/cmd/nbrun -png 1 -o /tmp/kernel-check.ipynb lessons/00-kernel-check.ipynb \
 && rm -rf /tmp/kernel-check.ipynb /tmp/nbrun-* \
 && cp -r /opt/kosaku/src/lessons "/home/${NB_USER}/lessons"

USER root
# Cells write new builds into the caches: keep them writable for the users
# group too, in case a hub starts the container with another uid.
RUN fix-permissions /opt/kosaku/gomod /opt/kosaku/gocache "/home/${NB_USER}" \
 && install -D -m 755 /opt/kosaku/src/docker/start-lessons.sh /usr/local/bin/before-notebook.d/10-kosaku-lessons.sh

USER ${NB_UID}
WORKDIR /home/${NB_USER}
# The base image's ENTRYPOINT (tini + start.sh) and CMD (start-notebook.py,
# JupyterLab with token authentication) stay as they are.
