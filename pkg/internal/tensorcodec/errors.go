package tensorcodec

import (
	"errors"
	"fmt"
)

// ErrCorrupt is matched (errors.Is) by every error about a file that is not what it
// should be: another kind of file, a truncated or damaged one, one whose lengths lie.
// Saving again (or starting over) is the way out; updating Kosaku is not.
var ErrCorrupt = errors.New("corrupt Kosaku file")

// ErrNewerFormat is matched by the error for a file written by a newer Kosaku in a
// format this one does not know: not damage, so the file should be kept and Kosaku
// updated.
var ErrNewerFormat = errors.New("written by a newer Kosaku")

// kind is the leading words of a layout's corrupt-file errors ("not a valid Kosaku
// state dict", "corrupt session file"); each layout keeps the words it always printed.
type kind string

func (k kind) Error() string        { return string(k) }
func (k kind) Is(target error) bool { return target == ErrCorrupt }

// errorf is a corrupt-file error of this kind: "<kind>: <detail>".
func (k kind) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", k, fmt.Sprintf(format, args...))
}

// NewerFormatError is a file whose format version is newer than this Kosaku reads.
// Callers add what to do, which depends on the file.
type NewerFormatError struct {
	Version int // the file's
	Newest  int // the newest this Kosaku reads
}

func (e *NewerFormatError) Error() string {
	return fmt.Sprintf("written by a newer Kosaku (format %d); this one reads up to %d", e.Version, e.Newest)
}

// Is makes errors.Is(err, ErrNewerFormat) true.
func (e *NewerFormatError) Is(target error) bool { return target == ErrNewerFormat }
