// Package nbrun executes Jupyter notebooks headless through the Go (Kosaku)
// kernel and returns their outputs per cell, so Go tests can check lessons
// the way a reader runs them.
//
// It drives Jupyter's own nbclient (under a Python that has it, Debian's
// /usr/bin/python3 by default) rather than speaking the Jupyter wire protocol
// itself: nbclient is what nbconvert, JupyterLab's "run all" tooling and
// papermill use, so a notebook that passes here is executed by the same
// client code a reader's server uses, kernel start-up, kernel.json env
// expansion and the raises-exception tag included. The Python side only
// executes; reading outputs, stripping ANSI escapes and saving the notebook
// (sorted keys and one-space indent, as nbformat writes it) happen in Go.
//
// Every run gets its own TMPDIR, because GoNB keeps its work folder and
// its cache package's values under $TMPDIR, and values cached by one run
// would otherwise be read back by the next.
package nbrun
