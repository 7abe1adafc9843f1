package main

import (
	"os"
	"strings"
	"testing"
)

func TestParseDockerfileJoinsContinuationsAndDropsComments(t *testing.T) {
	src := `# top comment
FROM base:1

RUN a \
 && b \
# a comment inside the continuation
 && c
env A=1 \
    B="two words" C=${A}x
COPY --chown=${U}:${G} go.mod go.sum /opt/k/src/
USER ${U}
`
	ins, err := ParseDockerfile(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Instruction{
		{2, "FROM", "base:1"},
		{4, "RUN", "a  && b  && c"},
		{8, "ENV", "A=1     B=\"two words\" C=${A}x"},
		{10, "COPY", "--chown=${U}:${G} go.mod go.sum /opt/k/src/"},
		{11, "USER", "${U}"},
	}
	if len(ins) != len(want) {
		t.Fatalf("got %d instructions %+v, want %d", len(ins), ins, len(want))
	}
	for i := range want {
		if ins[i] != want[i] {
			t.Errorf("instruction %d: got %+v, want %+v", i, ins[i], want[i])
		}
	}
	kv, err := ParseEnv(ins[2].Args)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(kv); got != 3 || kv[0] != [2]string{"A", "1"} || kv[1] != [2]string{"B", "two words"} || kv[2] != [2]string{"C", "${A}x"} {
		t.Errorf("ParseEnv: %q", kv)
	}
	c, err := ParseCopy(Expand(ins[3].Args, map[string]string{"U": "1000", "G": "100"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Chown != "1000:100" || strings.Join(c.Srcs, ",") != "go.mod,go.sum" || c.Dst != "/opt/k/src/" {
		t.Errorf("ParseCopy: %+v", c)
	}
}

func TestParseDockerfileRefusesWhatTheReplayCannotDo(t *testing.T) {
	for _, src := range []string{
		"RUN <<EOF\necho\nEOF\n",
		`RUN ["echo", "x"]` + "\n",
		"RUN a \\\n",
	} {
		if _, err := ParseDockerfile(strings.NewReader(src)); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
	if _, err := ParseCopy("--from=build /a /b"); err == nil {
		t.Error("COPY --from accepted")
	}
}

func TestExpand(t *testing.T) {
	env := map[string]string{"NB_UID": "1000", "PATH": "/usr/bin"}
	if got := Expand("/x:${PATH}:$NB_UID/${MISSING}y", env); got != "/x:/usr/bin:1000/y" {
		t.Errorf("Expand = %q", got)
	}
}

func TestIgnoreMatchesLikeDocker(t *testing.T) {
	ig := Ignore{".git", "**/.kosaku", "bench", "*.test"}
	for rel, want := range map[string]bool{
		".git":                      true,
		".git/config":               true,
		"lessons/.kosaku":           true,
		"lessons/.kosaku/run1.json": true,
		".kosaku/bin/gonb":          true,
		"bench/out.txt":             true,
		"nbrun.test":                true,
		"kernel/nbrun/nbrun.test":   false, // anchored at the root, as in Docker
		"pkg/bench.go":              false,
		"lessons/00.ipynb":          false,
	} {
		if got := ig.Match(rel); got != want {
			t.Errorf("Match(%q) = %v, want %v", rel, got, want)
		}
	}
}

// The repository's Dockerfile must stay within what the replay understands,
// and the steps the checks rely on must be there, in this order.
func TestRepositoryDockerfileParses(t *testing.T) {
	f, err := os.Open("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ins, err := ParseDockerfile(f)
	if err != nil {
		t.Fatal(err)
	}
	var seq []string
	for _, in := range ins {
		switch in.Cmd {
		case "FROM", "ENV", "ARG", "COPY", "RUN", "USER", "WORKDIR", "LABEL", "EXPOSE", "ENTRYPOINT", "CMD":
		default:
			t.Errorf("line %d: %s is not replayed", in.Line, in.Cmd)
		}
		if in.Cmd == "COPY" {
			if _, err := ParseCopy(in.Args); err != nil {
				t.Errorf("line %d: %v", in.Line, err)
			}
		}
		if in.Cmd == "ENV" || in.Cmd == "ARG" {
			if _, err := ParseEnv(in.Args); err != nil {
				t.Errorf("line %d: %v", in.Line, err)
			}
		}
		seq = append(seq, in.Cmd)
	}
	if seq[0] != "FROM" {
		t.Errorf("first instruction %s, want FROM", seq[0])
	}
	joined := strings.Join(seq, " ")
	if !strings.Contains(joined, "ENV") || !strings.HasSuffix(joined, "USER WORKDIR") {
		t.Errorf("instruction sequence %s: want an ENV and to end as the user in its home", joined)
	}
}

// Paths are rewritten into the replay once: PATH=/opt/kosaku/bin:${PATH}
// keeps the base PATH's replay paths as they are, with the root under /tmp/.
func TestReplayRewritesOnce(t *testing.T) {
	r := &Replay{Root: "/tmp/ic", goroot: "/usr/lib/go"}
	r.rw = r.rewriter()
	r.env = map[string]string{}
	r.setEnv("PATH", r.Rewrite("/opt/conda/bin:/usr/local/bin:/usr/bin"))
	r.setEnv("NB_USER", "jovyan")
	for raw, want := range map[string]string{
		"/opt/kosaku/bin:/usr/local/go/bin:${PATH}": "/tmp/ic/opt/kosaku/bin:/usr/lib/go/bin:/tmp/ic/opt/conda/bin:/tmp/ic/usr/local/bin:/usr/bin",
		"/home/${NB_USER}":                          "/tmp/ic/home/jovyan",
		"/opt/conda/bin/python":                     "/usr/bin/python3",
		"/tmp/kernel-check.ipynb":                   "/tmp/ic/tmp/kernel-check.ipynb",
	} {
		if got := r.value(raw, nil); got != want {
			t.Errorf("value(%q) = %q, want %q", raw, got, want)
		}
	}
}
