package train

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/optim"
)

// TestNewerFormatIsNotCorrupt: a session written by a newer Kosaku (its header says
// format 2) is reported as such — update, or Restart — not as a corrupt file to delete;
// Restart still trains over it. A damaged version line is still corrupt.
func TestNewerFormatIsNotCorrupt(t *testing.T) {
	dir := t.TempDir()
	trainTiny(t, dir, 1, nil, Quiet())
	path := filepath.Join(dir, "tiny", fileName)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A future format may lay out (and check) everything after the first line its own way.
	newer := append([]byte("KOSAKU-SESSION 2\n"), data[len(fileMagic):len(data)-7]...)
	os.WriteFile(path, newer, 0o644)
	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05, optim.Momentum(0.9))
	want := "session " + path + " was written by a newer Kosaku (format 2); this one reads up to 1: update Kosaku or start over with train.Restart()"
	for what, err := range map[string]error{
		"Open": func() error { _, err := Open("tiny", m.named(), opt, Dir(dir), Quiet()); return err }(),
		"Load": func() error { _, err := Load("tiny", m.named(), Dir(dir)); return err }(),
	} {
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "corrupt") || strings.Contains(err.Error(), "delete") ||
			!errors.Is(err, ErrNewerFormat) || errors.Is(err, ErrCorrupt) {
			t.Fatalf("%s of a format-2 session: %v", what, err)
		}
	}
	if _, err := Open("tiny", m.named(), opt, Dir(dir), Quiet(), Restart()); err != nil {
		t.Fatalf("Restart over a newer session: %v", err)
	}
	for _, first := range []string{"KOSAKU-SESSION x\n", "KOSAKU-SESSION 0\n", "KOSAKU-SESSION -3\n"} {
		os.WriteFile(path, append([]byte(first), data[len(fileMagic):]...), 0o644)
		if _, err := Load("tiny", m.named(), Dir(dir)); err == nil || !strings.Contains(err.Error(), "corrupt session file") || !errors.Is(err, ErrCorrupt) {
			t.Fatalf("version line %q: %v", strings.TrimSpace(first), err)
		}
	}
}
