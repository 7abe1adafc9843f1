package train

import (
	"fmt"
	"os"
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
	return fmt.Sprintf("make %s writable, or store the session elsewhere with train.Dir(folder)", dir)
}
