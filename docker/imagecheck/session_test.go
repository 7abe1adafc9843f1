package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// CheckPrefix must find a file the image's user cannot read, a setuid file
// and a cache directory the users group cannot write, and pass once fixed.
func TestCheckPrefixFindsWhatNeedsRoot(t *testing.T) {
	root := t.TempDir()
	r := &Replay{Root: root, goroot: "/usr/local/go", Log: &strings.Builder{}}
	r.rw = r.rewriter()
	r.env = map[string]string{}
	me, group := os.Getuid(), os.Getgid()
	r.setEnv("NB_UID", strconv.Itoa(me+1)) // the image's user is someone else
	r.setEnv("NB_GID", strconv.Itoa(group))
	r.setEnv("KOSAKU_HOME", r.Rewrite("/opt/kosaku"))
	r.setEnv("GOMODCACHE", r.Rewrite("/opt/kosaku/gomod"))
	r.setEnv("GOCACHE", r.Rewrite("/opt/kosaku/gocache"))
	for _, d := range []string{"/opt/kosaku/gomod", "/opt/kosaku/gocache/00", "/opt/conda/share/jupyter/kernels/kosaku", "/usr/local/bin/before-notebook.d"} {
		if err := os.MkdirAll(r.Rewrite(d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	secret := r.Rewrite("/opt/kosaku/bin-secret")
	suid := r.Rewrite("/opt/kosaku/suid")
	os.WriteFile(secret, []byte("x"), 0o600)
	os.WriteFile(suid, []byte("x"), 0o755)
	os.Chmod(suid, 0o755|os.ModeSetuid)
	err := CheckPrefix(r)
	if err == nil {
		t.Fatal("no problem found")
	}
	for _, want := range []string{"bin-secret", "suid: setuid", "gocache (", "not writable for the users group"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("report lacks %q:\n%v", want, err)
		}
	}
	os.Chmod(secret, 0o644)
	os.Chmod(suid, 0o755)
	for _, d := range []string{"/opt/kosaku/gomod", "/opt/kosaku/gocache", "/opt/kosaku/gocache/00"} {
		os.Chmod(r.Rewrite(d), 0o775)
	}
	if err := CheckPrefix(r); err != nil {
		t.Errorf("after fixing: %v", err)
	}
}
