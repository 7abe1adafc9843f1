package train

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/kosaku-dl/kosaku/pkg/internal/atomicfile"
)

// makeSessionDir creates the session folder dir if needed.
func makeSessionDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		if err := fileInTheWay(dir); err != nil {
			return err
		}
		return fmt.Errorf("train: creating the session folder: %w; %s", err, writableHint(dir))
	}
	return nil
}

// fileInTheWay returns an error saying which file stands where the session folder dir
// (or one of the folders above it) should be — train.Dir given a file's path — and
// what to do; nil if there is none.
func fileInTheWay(dir string) error {
	for p := dir; ; p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err == nil {
			if fi.IsDir() {
				return nil
			}
			return fmt.Errorf("train: %s is a file, not a folder, so it cannot hold the session folder %s; "+
				"pass a folder to train.Dir (the session goes in <folder>/<name>), or move the file away", p, dir)
		}
		if filepath.Dir(p) == p {
			return nil
		}
	}
}

// writableHint says what to do about a session folder that cannot be written.
func writableHint(dir string) string {
	return fmt.Sprintf("make %s writable (chmod u+w, or run the notebook from a copy of the lessons in your own folder), "+
		"or store the session elsewhere with train.Dir(folder)", dir)
}

// probeWritable checks, before any training, that a save into dir can work: it creates
// and removes a temporary file there. Without it a read-only lessons folder is found
// out only when the run ends and its final save fails.
func probeWritable(name, dir string) error {
	f, err := atomicfile.CreateTemp(dir, tempPrefix)
	if err != nil {
		return fmt.Errorf("train: session %q cannot be saved in %s: %w; %s", name, dir, err, writableHint(dir))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}
