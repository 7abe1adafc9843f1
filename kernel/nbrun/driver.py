# Executes one notebook with nbclient for the Go package nbrun (embedded there
# and run with a Python that has Jupyter). It only executes: reading outputs,
# stripping ANSI escapes and saving the final notebook happen in Go.
#
# argv: in.ipynb out.ipynb kernel_name cwd cell_timeout_s startup_timeout_s
# stdout: one JSON object {"cells": {index: seconds}, "kernel_start": s,
#         "error": null | {"cell": index, "message": str}}
import json
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

src, dst, kernel, cwd, cell_timeout, startup_timeout = sys.argv[1:7]
nb = nbformat.read(src, as_version=4)
times = {}
started = {}
report = {"cells": times, "kernel_start": None, "error": None}
t0 = time.monotonic()


def on_start(**kw):
    report["kernel_start"] = time.monotonic() - t0


def on_execute(cell, cell_index, **kw):
    started[cell_index] = time.monotonic()


def on_executed(cell, cell_index, **kw):
    times[cell_index] = time.monotonic() - started.get(cell_index, time.monotonic())


client = NotebookClient(
    nb,
    kernel_name=kernel,
    timeout=int(cell_timeout),
    startup_timeout=int(startup_timeout),
    # Stop at the first unexpected error; cells tagged raises-exception may fail.
    allow_errors=False,
    resources={"metadata": {"path": cwd}},
    on_notebook_start=on_start,
    on_cell_execute=on_execute,
    on_cell_executed=on_executed,
)

try:
    client.execute()
except CellExecutionError as e:
    idx = max(started) if started else -1
    report["error"] = {"cell": idx, "message": str(e)}
except CellTimeoutError as e:
    idx = max(started) if started else -1
    report["error"] = {"cell": idx, "message": "timed out: " + str(e)}
except DeadKernelError as e:
    idx = max(started) if started else -1
    report["error"] = {"cell": idx, "message": "kernel died: " + str(e)}
finally:
    # Keep whatever ran, so a failure can be inspected in the saved notebook.
    nbformat.write(nb, dst)
    json.dump(report, sys.stdout)
