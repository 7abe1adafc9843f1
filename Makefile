# The README's two commands are targets here: `make lab` (set up and open the
# lessons) and `make test` (the whole test suite). Nothing else is hidden:
# the steps live in docker/*.sh, which the Docker image runs too.
SHELL := /bin/bash
GO ?= go

.PHONY: test lint gotest kernel lab jupyter bench-kernel notebooks image-check

# lint + every Go test + the notebooks through the real kernel. make test
# installs the kernel first and sets KOSAKU_NOTEBOOK_TESTS=1, which turns a
# missing kernel into a failure (plain `go test ./...` skips those tests).
# Like make lab it first brings what it needs on a fresh machine: Debian's
# Jupyter (docker/jupyter-deps.sh) and Go 1.26 (docker/ensure-go.sh).
test: jupyter
	. docker/ensure-go.sh && $(MAKE) --no-print-directory lint gotest

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# KOSAKU_EPOCHS=1 runs each MNIST lesson's first epoch only (train.MaxEpochs);
# `make test KOSAKU_EPOCHS=` runs the chapters' full training instead.
KOSAKU_EPOCHS ?= 1
gotest: kernel
	KOSAKU_NOTEBOOK_TESTS=1 KOSAKU_EPOCHS=$(KOSAKU_EPOCHS) $(GO) test -timeout 60m ./...

# Pinned GoNB/goimports/gopls in .kosaku/bin, modules (MNIST included)
# downloaded, kernel spec "kosaku" registered for this user.
kernel:
	docker/install.sh modules tools kernel

# Go 1.26 (sha256-verified) and Jupyter from the distribution if missing,
# modules, GoNB + goimports, kernel, then JupyterLab (or the classic
# Notebook) on lessons/ with token auth, while a background job warms the
# build cache and builds gopls (log: .kosaku/logs/background.log).
lab: jupyter
	. docker/ensure-go.sh && docker/install.sh --background && docker/lab.sh $(LAB_ARGS)

jupyter:
	docker/jupyter-deps.sh

# Cold first cell and warm re-run latency of a lesson-like cell.
bench-kernel: kernel
	KOSAKU_NOTEBOOK_TESTS=1 $(GO) test -run '^$$' -bench Cell -benchtime 1x ./kernel/nbrun/

# Re-execute the lessons through the kernel and save their outputs in place
# (the committed notebooks carry outputs, so they read well on GitHub).
# Always the full runs: $KOSAKU_EPOCHS is removed from the environment.
notebooks: kernel
	env -u KOSAKU_EPOCHS $(GO) run ./kernel/cmd/nbrun -timeout 180m lessons/*.ipynb

# The Docker image's promises, checked without a registry: replays the
# Dockerfile's own steps into a temporary prefix as uid 1000, then starts hub-like
# sessions (empty home volume, no network, uid 1000 and 1001) and checks them.
# Needs root (setpriv, unshare); CI runs it after make test. See README, Docker.
image-check: jupyter
	. docker/ensure-go.sh && $(GO) run ./docker/imagecheck
