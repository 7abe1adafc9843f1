package plot

import (
	_ "embed"
	"encoding/base64"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-echarts/go-echarts/v2/render"

	"github.com/kosaku-dl/kosaku/pkg/internal/nbdisplay"
)

// echartsJS is Apache ECharts from the npm package echarts@5.6.0
// (dist/echarts.min.js, Apache-2.0, see assets/LICENSE.echarts), embedded so
// that interactive charts work offline and never load code from a remote
// host.
//
//go:embed assets/echarts.min.js
var echartsJS string

// EchartsVersion is the version of the embedded echarts script.
const EchartsVersion = "5.6.0"

// Interactive is a chart rendered by Apache ECharts (options built with
// go-echarts): zoom, values on hover and legend toggling. Its HTML carries
// the echarts script inline and, inside the chart's div, the PNG of the
// same chart, which stays visible wherever scripts do not run (untrusted or
// saved notebooks, GitHub, nbconvert without JavaScript).
type Interactive struct {
	title    string
	parts    []echartsPart
	fallback []byte
	ferr     error
	w, h     int
}

// echartsPart is one echarts instance: its option JSON and size in pixels.
type echartsPart struct {
	option string
	w, h   int
}

// optionOf renders a go-echarts chart's option JSON through RenderSnippet
// (the snippet, never go-echarts' full page, whose global CSS breaks the
// classic notebook's layout).
func optionOf(r render.Renderer) string {
	return r.RenderSnippet().Option
}

func newInteractive(title string, d drawer, parts []echartsPart) *Interactive {
	w, h := d.pixels()
	png, err := renderPNG(d)
	return &Interactive{title: title, parts: parts, fallback: png, ferr: err, w: w, h: h}
}

// HTML returns the notebook snippet: a div holding the PNG fallback, the
// inlined echarts script, and a script that replaces the fallback with
// the live chart once the div exists.
func (it *Interactive) HTML() string {
	id := "kosaku-echarts-" + uniqueID()
	var b strings.Builder
	fmt.Fprintf(&b, `<div id="%s" class="kosaku-chart" style="display:flex;flex-wrap:wrap;gap:8px;max-width:100%%">`, id)
	if it.ferr == nil {
		fmt.Fprintf(&b, `<img alt="%s" width="%d" height="%d" src="data:image/png;base64,%s">`,
			html.EscapeString(it.title), it.w, it.h, base64.StdEncoding.EncodeToString(it.fallback))
	}
	b.WriteString("</div>\n")
	// The wrapper hides define/exports/module from echarts' UMD header, so
	// RequireJS (classic Notebook, nbconvert HTML) does not capture it as an
	// anonymous module and echarts lands on window as a global.
	b.WriteString("<script type=\"text/javascript\">\n(function(define, exports, module){\nif (!window.echarts) {\n")
	b.WriteString(echartsJS)
	b.WriteString("\n}\n}).call(window);\n")
	opts := make([]string, len(it.parts))
	for i, p := range it.parts {
		opts[i] = fmt.Sprintf(`{"w":%d,"h":%d,"option":%s}`, p.w, p.h, p.option)
	}
	// Output areas can insert the script before the div is in the document:
	// retry for up to ten seconds instead of failing once.
	fmt.Fprintf(&b, `(function(){
var id = %q, parts = [%s], tries = 0;
function init() {
  var root = document.getElementById(id);
  if (!root || !window.echarts) { if (tries++ < 200) { setTimeout(init, 50); } return; }
  root.innerHTML = "";
  parts.forEach(function(p) {
    var d = document.createElement("div");
    d.style.width = p.w + "px"; d.style.height = p.h + "px";
    root.appendChild(d);
    echarts.init(d).setOption(p.option);
  });
}
init();
})();
</script>
`, id, scriptSafe(strings.Join(opts, ",")))
	return b.String()
}

// scriptSafe keeps a JSON text from closing the <script> element it is
// embedded in.
func scriptSafe(s string) string {
	return strings.ReplaceAll(s, "</", `<\/`)
}

// Show displays the interactive chart as one text/html output and waits
// until GoNB has it. Outside a notebook it writes an .html page into
// $KOSAKU_PLOT_DIR when that is set, else prints a line.
func (it *Interactive) Show() {
	if nbdisplay.IsNotebook() {
		nbdisplay.HTML(it.HTML())
		nbdisplay.Sync()
		return
	}
	showOutside("an .html file", ".html", it.Save)
}

// Save writes a standalone HTML page (the .html extension is required)
// that works offline.
func (it *Interactive) Save(path string) error {
	if strings.ToLower(filepath.Ext(path)) != ".html" {
		return fmt.Errorf("plot: cannot save an interactive chart as %q: use a .html file (or Save the still chart as .png/.svg)", path)
	}
	page := "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(it.title) +
		"</title></head>\n<body>\n" + it.HTML() + "</body></html>\n"
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		return fmt.Errorf("plot: saving chart: %w (check that the folder exists and is writable)", err)
	}
	return nil
}

// Options returns each echarts instance's option JSON, for inspection and
// tests.
func (it *Interactive) Options() []string {
	out := make([]string, len(it.parts))
	for i, p := range it.parts {
		out[i] = p.option
	}
	return out
}

var idCounter int

// uniqueID gives element ids unique across cells: GoNB's ids are random,
// and outside a notebook a counter is enough.
func uniqueID() string {
	if nbdisplay.IsNotebook() {
		return nbdisplay.UniqueID()
	}
	idCounter++
	return fmt.Sprintf("%d-%d", os.Getpid(), idCounter)
}
