package train

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/internal/nbdisplay"
	"github.com/kosaku-dl/kosaku/pkg/plot"
)

// progress shows one line per epoch. In a GoNB notebook the lines live in one HTML
// output redrawn in place (pkg/internal/nbdisplay, as pkg/plot's live chart), so the
// saved notebook keeps only the final text and no terminal escape codes; elsewhere each
// finished epoch prints a plain line. Runs of more than 50 epochs keep about 20 lines (every k-th epoch and
// the last), so that chapter 2's 2000 full-batch epochs do not flood the page.
type progress struct {
	s         *Session
	notebook  bool
	off       bool
	text      *nbdisplay.Output
	every     int
	kept      []string
	current   string
	lastDraw  time.Time
	chartOut  *nbdisplay.Output // nil without LiveChart, or after drawing it failed
	lastChart time.Time
	charted   int // history length of the last chart drawn
}

const (
	redrawEvery = 250 * time.Millisecond
	// A chart frame costs tens of milliseconds to render; a run of short epochs must
	// not spend its time drawing.
	rechartEvery = time.Second
)

func newProgress(s *Session) *progress {
	p := &progress{s: s, off: s.cfg.quiet, notebook: nbdisplay.IsNotebook(), every: 1,
		text: nbdisplay.NewOutput("kosaku-train-")}
	if p.notebook && s.cfg.chart {
		p.chartOut = nbdisplay.NewOutput("kosaku-train-chart-")
	}
	if n := s.target - s.rec.RunStart; n > 50 {
		p.every = int(math.Ceil(float64(n) / 20))
	}
	return p
}

// update redraws the line of the epoch in progress (notebook only), at most every 250 ms
// unless force is set.
func (p *progress) update(force bool) {
	if p.off || !p.notebook || (!force && time.Since(p.lastDraw) < redrawEvery) {
		return
	}
	p.current = p.line(p.s.rec.Current, false)
	p.draw()
}

// endEpoch shows the finished epoch's final line.
func (p *progress) endEpoch(r EpochRecord) {
	if p.off {
		return
	}
	p.current = ""
	e := r.Epoch
	if (e-p.s.rec.RunStart)%p.every != 0 && e != p.s.target {
		if p.notebook {
			p.current = p.line(r, true)
			p.draw()
		}
		return
	}
	line := p.line(r, true)
	p.kept = append(p.kept, line)
	if p.notebook {
		p.draw()
		if time.Since(p.lastChart) >= rechartEvery {
			p.chart()
		}
	} else {
		fmt.Fprintln(p.s.cfg.out, line)
	}
}

// chart redraws the live chart (LiveChart): the session's loss per epoch, and every
// logged metric whose name mentions "loss", as one image/png output updated in place.
func (p *progress) chart() {
	h := p.s.rec.History
	if p.chartOut == nil || len(h) == 0 || len(h) == p.charted {
		return
	}
	xs := make([]float64, len(h))
	for i, r := range h {
		xs[i] = float64(r.Epoch)
	}
	c := plot.Line(xs, History(h).Loss()).Label("loss")
	names := map[string]bool{}
	for _, r := range h {
		for n := range r.Metrics {
			if strings.Contains(n, "loss") {
				names[n] = true
			}
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, n := range sorted {
		c.Add(xs, History(h).Metric(n)).Label(n)
	}
	c.Title(p.s.name).XLabel("epoch").YLabel("loss").Grid()
	png, err := c.PNG()
	if err != nil {
		fmt.Fprintf(p.s.cfg.out, "train: drawing the live chart: %v\n", err)
		p.chartOut = nil
		return
	}
	p.chartOut.Update(nbdisplay.PNGType, png)
	p.lastChart, p.charted = time.Now(), len(h)
}

// interrupted marks the line of the epoch in progress as stopped.
func (p *progress) interrupted() {
	if p.off || !p.notebook {
		return
	}
	p.current = p.line(p.s.rec.Current, false) + " — interrupted"
	p.draw()
	nbdisplay.Sync()
}

// finish draws the final state and waits until GoNB has it, since display data still
// in the pipe is lost when the cell's program exits.
func (p *progress) finish() {
	if p.off || !p.notebook {
		return
	}
	p.current = ""
	p.draw()
	p.chart()
	nbdisplay.Sync()
}

func (p *progress) draw() {
	lines := p.kept
	if p.current != "" {
		lines = append(append([]string(nil), p.kept...), p.current)
	}
	p.text.Update(nbdisplay.HTMLType, `<pre style="margin:0">`+html.EscapeString(strings.Join(lines, "\n"))+`</pre>`)
	p.lastDraw = time.Now()
}

// line formats one epoch: "epoch 1/2  3000/3000 batches  loss 0.4213  accuracy
// 0.8812  1450 examples/s  41.4 s" when finished, with the time left instead of the
// time taken while it runs.
func (p *progress) line(r EpochRecord, final bool) string {
	s := p.s
	epoch := s.epoch
	if final {
		epoch = r.Epoch
	}
	parts := []string{fmt.Sprintf("epoch %d/%d", epoch, s.target)}
	if s.rec.LoaderBatches > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d batches", s.rec.Batch, s.rec.LoaderBatches))
		if final {
			parts[1] = fmt.Sprintf("%d/%d batches", r.Batches, s.rec.LoaderBatches)
		}
	}
	if r.Steps > 0 {
		parts = append(parts, fmt.Sprintf("loss %.4f", r.Loss()))
	}
	if r.Correct > 0 && r.Examples > 0 {
		parts = append(parts, fmt.Sprintf("accuracy %.4f", r.Accuracy()))
	}
	names := make([]string, 0, len(r.Metrics))
	for n := range r.Metrics {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%s %.4f", n, float64(r.Metrics[n])))
	}
	secs := r.Seconds
	if !final {
		secs = s.epochSeconds + time.Since(s.epochStarted).Seconds()
	}
	if r.Examples > 0 && secs > 0 {
		parts = append(parts, fmt.Sprintf("%.0f examples/s", float64(r.Examples)/secs))
	}
	switch {
	case final:
		parts = append(parts, formatSeconds(secs))
	case r.Batches > 0 && s.rec.LoaderBatches > 0:
		left := secs / float64(r.Batches) * float64(s.rec.LoaderBatches-s.rec.Batch)
		parts = append(parts, formatSeconds(left)+" left")
	}
	return strings.Join(parts, "  ")
}

func formatSeconds(s float64) string {
	switch {
	case s < 10:
		return fmt.Sprintf("%.2f s", s)
	case s < 120:
		return fmt.Sprintf("%.1f s", s)
	}
	d := time.Duration(s * float64(time.Second)).Round(time.Second)
	return d.String()
}
