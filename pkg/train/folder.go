package train

import (
	"fmt"
	"os"

	"github.com/kosaku-dl/kosaku/pkg/internal/atomicfile"
)

// makeSessionDir creates the session folder dir if needed.
func makeSessionDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("train: creating the session folder: %w; %s", err, writableHint(dir))
	}
	return nil
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
