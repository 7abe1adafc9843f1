// Package atomicfile replaces files atomically (temporary file, fsync, rename) so that a
// reader, a crash or a SIGKILL sees either the old file or the new one, and cleans up
// the temporary files of writers that died — never those of a writer still at work.
// It is the one file writer of pkg/: nn.Save, pkg/train's sessions and the MNIST files
// pkg/datasets stores all go through it, so they agree on modes and clean-up. Open is
// the reading side the state dicts and sessions share.
//
// A temporary file is named <prefix><pid>-<random> and its writer holds an exclusive
// flock on it until the rename. Another process (a second notebook kernel on the same
// folder) can therefore tell a live writer's file from a dead one's: the lock of a
// killed process is released by the kernel. Linux (and any Unix with flock) is the
// target.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// staleAfter is how old a temporary file with an unlocked, live-looking writer must be
// before it counts as abandoned: it covers the instant between creating a temporary file
// and locking it, and a pid reused by an unrelated process.
const staleAfter = time.Minute

// CreateTemp creates a temporary file in dir named prefix<pid>-<random>, locked
// (flock LOCK_EX) for as long as it is open.
func CreateTemp(dir, prefix string) (*os.File, error) {
	f, err := os.CreateTemp(dir, prefix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("locking %s: %w", f.Name(), err)
	}
	return f, nil
}

// RemoveStale deletes the files dir/prefix* whose writer is gone: nobody holds their
// lock and either the pid in the name is not a running process or the file is older
// than a minute. It returns the names removed.
func RemoveStale(dir, prefix string) []string {
	matches, _ := filepath.Glob(filepath.Join(dir, prefix+"*"))
	var removed []string
	for _, m := range matches {
		if stale(m, strings.TrimPrefix(filepath.Base(m), prefix)) && os.Remove(m) == nil {
			removed = append(removed, m)
		}
	}
	return removed
}

func stale(path, rest string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close() // closing releases the lock taken below
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return false // its writer holds the lock: a save in progress
	}
	pidText, _, _ := strings.Cut(rest, "-")
	if pid, err := strconv.Atoi(pidText); err == nil && pid > 0 && !Alive(pid) {
		return true
	}
	st, err := f.Stat()
	return err == nil && time.Since(st.ModTime()) > staleAfter
}

// Alive reports whether a process with this pid runs (on this machine).
func Alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// Resolve follows path through symbolic links to the file that a write should replace,
// so that saving to a symlink replaces its target and keeps the link. A dangling link
// resolves to the file it names.
func Resolve(path string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// Open opens the stored file at path for reading and returns it with its size, the
// number of bytes its reader is to decode: the first step of nn.Load and of reading a
// pkg/train session. With refuseDir a folder at path is an error, matching
// syscall.EISDIR and reading "read <path>: is a directory", instead of a file whose
// reads fail. On an error no file is left open.
func Open(path string, refuseDir bool) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err == nil && refuseDir && fi.IsDir() {
		err = &fs.PathError{Op: "read", Path: path, Err: syscall.EISDIR}
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, fi.Size(), nil
}

// WriteFile replaces path with data atomically. path is resolved through symbolic links
// first (the link stays, its target is replaced). The new file keeps the mode of the
// file it replaces; a new file gets 0644 less the umask, as os.Create gives. tempPrefix
// names the temporary files (RemoveStale with the same prefix cleans up after a writer
// killed mid-save); stale ones are removed first.
func WriteFile(path string, data []byte, tempPrefix string) error {
	return WriteWith(path, tempPrefix, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteWith is WriteFile with the contents produced by write, streamed to the temporary
// file through a buffer instead of built in memory first.
func WriteWith(path, tempPrefix string, write func(io.Writer) error) error {
	path, err := Resolve(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	RemoveStale(dir, tempPrefix)
	mode := fs.FileMode(0o644) &^ umask()
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	f, err := CreateTemp(dir, tempPrefix)
	if err != nil {
		return err
	}
	tmp := f.Name()
	fail := func(what string, err error) error {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("%s %s: %w", what, tmp, err)
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		return fail("writing", err)
	}
	if err := bw.Flush(); err != nil {
		return fail("writing", err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail("setting the mode of", err)
	}
	if err := f.Sync(); err != nil {
		return fail("flushing", err)
	}
	// Rename before closing: the lock (released by Close) keeps RemoveStale in another
	// process away from the file until it has its final name.
	if err := os.Rename(tmp, path); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("renaming %s to %s: %w", tmp, path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", path, err)
	}
	// The rename is durable only once the folder's entry is on disk; not every file
	// system can sync a folder.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// umask reads the process's umask from /proc/self/status (changing it to read it, as
// syscall.Umask does, would race with other goroutines creating files); 022 if unknown.
func umask() fs.FileMode {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0o022
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "Umask:"); ok {
			if m, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32); err == nil {
				return fs.FileMode(m)
			}
		}
	}
	return 0o022
}
