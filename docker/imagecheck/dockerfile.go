package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Instruction is one Dockerfile instruction with its continuation lines
// joined, as the builder sees it.
type Instruction struct {
	Line int    // first line of the instruction in the file
	Cmd  string // upper-case keyword: FROM, ENV, COPY, RUN, USER, ...
	Args string // the rest, continuation backslashes and newlines removed
}

// ParseDockerfile reads instructions in order. Like the builder it joins
// lines ending in a backslash, drops comment lines (also those inside a
// continuation) and blank lines. Parser directives and heredocs are not
// supported: the repository's Dockerfile uses neither, and a heredoc would be
// misread, so "<<" in a RUN is refused rather than replayed wrongly.
func ParseDockerfile(r io.Reader) ([]Instruction, error) {
	var out []Instruction
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var cur strings.Builder
	start, n := 0, 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \t\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue // comments and blank lines, also inside a continuation
		}
		if cur.Len() == 0 {
			start = n
		}
		if strings.HasSuffix(line, `\`) {
			cur.WriteString(strings.TrimSuffix(line, `\`))
			continue
		}
		cur.WriteString(line)
		in, err := splitInstruction(start, cur.String())
		if err != nil {
			return nil, err
		}
		out = append(out, in)
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if cur.Len() > 0 {
		return nil, fmt.Errorf("Dockerfile line %d: continuation runs past the end of the file", start)
	}
	return out, nil
}

func splitInstruction(line int, s string) (Instruction, error) {
	s = strings.TrimSpace(s)
	cmd, args, _ := strings.Cut(s, " ")
	in := Instruction{Line: line, Cmd: strings.ToUpper(cmd), Args: strings.TrimSpace(args)}
	if in.Cmd == "RUN" && strings.Contains(in.Args, "<<") {
		return in, fmt.Errorf("Dockerfile line %d: heredoc in RUN is not supported by the replay", line)
	}
	if strings.HasPrefix(in.Args, "[") && (in.Cmd == "RUN" || in.Cmd == "COPY") {
		return in, fmt.Errorf("Dockerfile line %d: exec (JSON) form of %s is not supported by the replay", line, in.Cmd)
	}
	return in, nil
}

// ParseEnv splits the arguments of ENV (or ARG) into key=value pairs, in
// order. Values may be double- or single-quoted; the legacy "ENV key value"
// form is accepted too.
func ParseEnv(args string) ([][2]string, error) {
	words, err := shellWords(args)
	if err != nil {
		return nil, err
	}
	if len(words) >= 2 && !strings.Contains(words[0].raw, "=") {
		// Legacy form: ENV key value with spaces.
		return [][2]string{{words[0].text, strings.TrimSpace(strings.TrimPrefix(args, words[0].raw))}}, nil
	}
	var kv [][2]string
	for _, w := range words {
		k, v, ok := strings.Cut(w.text, "=")
		if !ok {
			kv = append(kv, [2]string{k, ""}) // ARG without default
			continue
		}
		kv = append(kv, [2]string{k, v})
	}
	return kv, nil
}

type word struct{ raw, text string }

// shellWords splits on unquoted blanks and removes quotes (what the builder
// does for ENV, COPY and USER arguments).
func shellWords(s string) ([]word, error) {
	var out []word
	var raw, text strings.Builder
	quote := byte(0)
	flush := func() {
		if raw.Len() > 0 {
			out = append(out, word{raw.String(), text.String()})
		}
		raw.Reset()
		text.Reset()
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
			raw.WriteByte(c)
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
			raw.WriteByte(c)
		case quote == 0 && (c == ' ' || c == '\t'):
			flush()
		case c == '\\' && quote != '\'' && i+1 < len(s):
			raw.WriteByte(c)
			raw.WriteByte(s[i+1])
			text.WriteByte(s[i+1])
			i++
		default:
			raw.WriteByte(c)
			text.WriteByte(c)
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c quote in %q", quote, s)
	}
	flush()
	return out, nil
}

var varRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// Expand substitutes $VAR and ${VAR} from env, as the builder does in ENV,
// COPY, USER and WORKDIR (not in RUN: there the shell expands at run time).
func Expand(s string, env map[string]string) string {
	return varRef.ReplaceAllStringFunc(s, func(m string) string {
		sub := varRef.FindStringSubmatch(m)
		name := sub[1]
		if name == "" {
			name = sub[2]
		}
		return env[name]
	})
}

// CopyArgs is a parsed COPY: its --chown (empty if none), sources relative
// to the build context, and the destination.
type CopyArgs struct {
	Chown string
	Srcs  []string
	Dst   string
}

// ParseCopy parses COPY arguments after variable expansion. Flags other than
// --chown are refused: the replay would otherwise silently ignore them.
func ParseCopy(args string) (CopyArgs, error) {
	words, err := shellWords(args)
	if err != nil {
		return CopyArgs{}, err
	}
	var c CopyArgs
	var rest []string
	for _, w := range words {
		switch {
		case strings.HasPrefix(w.text, "--chown="):
			c.Chown = strings.TrimPrefix(w.text, "--chown=")
		case strings.HasPrefix(w.text, "--") && len(rest) == 0:
			return c, fmt.Errorf("COPY flag %s is not supported by the replay", w.text)
		default:
			rest = append(rest, w.text)
		}
	}
	if len(rest) < 2 {
		return c, fmt.Errorf("COPY needs a source and a destination: %q", args)
	}
	c.Srcs, c.Dst = rest[:len(rest)-1], rest[len(rest)-1]
	return c, nil
}

// Ignore holds the build context's .dockerignore patterns.
type Ignore []string

// ReadIgnore reads <context>/.dockerignore (none: nothing ignored).
func ReadIgnore(context string) (Ignore, error) {
	b, err := os.ReadFile(filepath.Join(context, ".dockerignore"))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ig Ignore
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if strings.HasPrefix(l, "!") {
			return nil, fmt.Errorf(".dockerignore exception %q is not supported by the replay", l)
		}
		ig = append(ig, strings.TrimPrefix(filepath.Clean(l), "/"))
	}
	return ig, nil
}

// Match reports whether rel (slash-separated, relative to the context) is
// excluded. Patterns are anchored at the context root, as Docker's are;
// a leading "**/" matches at any depth.
func (ig Ignore) Match(rel string) bool {
	parts := strings.Split(rel, "/")
	for _, p := range ig {
		if rest, ok := strings.CutPrefix(p, "**/"); ok {
			n := strings.Count(rest, "/") + 1
			for i := 0; i+n <= len(parts); i++ {
				if m, _ := filepath.Match(rest, strings.Join(parts[i:i+n], "/")); m {
					return true
				}
			}
			continue
		}
		n := strings.Count(p, "/") + 1
		if n <= len(parts) {
			if m, _ := filepath.Match(p, strings.Join(parts[:n], "/")); m {
				return true
			}
		}
	}
	return false
}
