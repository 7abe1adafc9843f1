// Package fakegonb stands in for the GoNB kernel at the other end of gonbui's
// named pipes, so tests can check exactly what a notebook would receive from
// code that displays through gonbui.
//
// Start makes two FIFOs, points gonbui's pipe environment variables
// (protocol.GONB_PIPE_ENV and protocol.GONB_PIPE_BACK_ENV) at them and
// serves them: every gob-encoded protocol.DisplayData is recorded, and every
// gonbui.Sync request is counted and acknowledged so Sync returns. Once
// gonbui has opened both pipes the FIFOs are removed and the two variables
// get their earlier values back, so child processes do not inherit them.
//
// gonbui opens its pipes once per process, on first use, and keeps them open,
// so there is one Kernel per test binary: the first Start creates it and every
// Start (including the first) clears what it recorded and switches
// gonbui.IsNotebook on until the test ends. Tests that use it must therefore
// not run in parallel with each other; Start fails the test if they do.
//
// It is a test helper: only _test.go files should import it.
package fakegonb
