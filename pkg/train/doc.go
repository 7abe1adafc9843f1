// Package train keeps a training run alive across GoNB notebook cells.
//
// GoNB runs every cell as a new program: the model trained in one cell is gone in the
// next, and pressing "interrupt" kills the cell five seconds later. A Session stores
// what a training run is made of — the model's parameters, the optimiser's state
// (momentum buffers, Adam's moments), the position in the data (epoch, batch), the seed,
// the step counters and the history of losses and accuracies — in a file next to the
// notebook, so that the chapters' rhythm works in Go: train in one cell; evaluate, plot
// or print in the next ones; train a bit more later.
//
// The training cell keeps the chapter's loop, wrapped in Epochs and Batches:
//
//	s, err := train.Open("ch07", net, opt, train.Seed(1))
//	if err != nil { panic(err) }
//	for range s.Epochs(2) {
//	    for inputs, labels := range s.Batches(trainloader) {
//	        opt.ZeroGrad()
//	        outputs := net.Forward(inputs.Reshape(-1, 28*28))
//	        loss := criterion.Forward(outputs, labels)
//	        loss.Backward()
//	        opt.Step()
//	        s.Step(loss)
//	        s.Correct(train.CountCorrect(outputs, labels))
//	    }
//	}
//
// A later cell restores the trained model without training it:
//
//	s, err := train.Load("ch07", net)   // net now holds the trained parameters
//
// and a cell that trains more asks for it:
//
//	s, err := train.Open("ch07", net, opt, train.Seed(1), train.Continue())
//	for epoch := range s.Epochs(1) { ... }   // epoch 3
//
// (Example runs these three cells on the iris data.)
//
// s.Log("valid_loss", v) records per-epoch metrics (chapter 10's validation loss and
// accuracy) next to the training loss and accuracy; s.History() returns them all for
// plotting. LiveChart adds a live loss chart under the progress lines, OnEpochEnd a hook.
//
// The model is any nn.Module; the session keeps its parameters by name. A model built
// from plain tensors (no nn layers) gives them through a StateDict() method instead.
//
// What it promises:
//   - Re-running the training cell trains again from the start (as re-running a
//     PyTorch cell would); Continue carries on; Reset deletes the stored session.
//   - Resuming is exact: 1 epoch in one cell and 1 more in another give the same
//     weights, bit for bit, as 2 epochs in one cell. For that the data loader's order
//     for an epoch must depend only on its seed and the epoch number (see Loader), and
//     the session seeds the global generator before every batch from (seed, epoch,
//     batch), so dropout draws the same masks in a resumed run.
//   - Interrupt-safe: on SIGINT (GoNB's interrupt button) the current batch finishes,
//     the session is saved, a line says where training stopped, and the program exits
//     (status 130) well within GoNB's 5 seconds. Running the cell again finishes the
//     interrupted run from that batch.
//   - Progress: one line per epoch (batches done, loss, accuracy, examples per second,
//     time left), redrawn in place in a notebook — the saved notebook keeps only the
//     final lines, with no terminal escape codes — and printed as plain lines
//     elsewhere.
//   - Saved atomically (temporary file, fsync, rename): a crash or a kill never leaves a
//     half-written session. A stored session that does not fit the model (names,
//     shapes, dtypes, optimiser) is refused with an error that says what differs; one
//     that is damaged gives an error matching ErrCorrupt, one written by a newer
//     Kosaku an error matching ErrNewerFormat (errors.Is). The file shares nn.Save's
//     tensor codec and is streamed: saving needs no copy of the model in memory.
//     Temporary files of a save that was killed are removed by the next Open or save;
//     those of a save still running in another process are left alone.
//   - One trainer at a time: Open holds a lock on the session (session.lock in its
//     folder, flock) until the process ends. The same notebook open in a second kernel
//     gets a *BusyError naming the process (pid and host) that trains it, instead of
//     two runs overwriting each other's saves. Load, which only reads, needs no lock.
//   - A session that cannot be saved is found out at once: Open creates and removes a
//     file in the session folder and returns an error saying what to do if it cannot
//     (a read-only lessons folder). If the save at the end of a run still fails (a
//     full disk), Epochs panics after the loop, so the cell fails and "Run All" stops.
//
// Sessions live in $GONB_DIR/.kosaku/sessions/<name> — GoNB sets GONB_DIR to the
// notebook's folder — or in ./.kosaku/sessions/<name> outside a notebook, not in the
// system's temporary folder, which a reboot or a Binder restart clears.
package train
