// Package nbdisplay is Kosaku's one way to put outputs in a GoNB notebook: pkg/plot's
// charts and live chart and pkg/train's progress lines all go through it.
//
// Two kinds of output exist. A plain one (PNG, HTML) is sent once. An Output is redrawn
// in place: its first Update creates it and later ones replace it, through Jupyter's
// display updates (display_data, then update_display_data with the same display id),
// so that the saved notebook keeps exactly the last frame and no terminal control
// codes. Sync waits until GoNB has everything sent: outputs still in the pipe when a
// cell's program exits are lost. Outside a notebook every call does nothing; callers
// print or write files instead.
package nbdisplay

import (
	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// The MIME types Kosaku's outputs use.
const (
	PNGType  = protocol.MIMEImagePNG
	HTMLType = protocol.MIMETextHTML
	TextType = protocol.MIMETextPlain
)

// IsNotebook reports whether the program runs as a GoNB cell (gonbui.IsNotebook, which
// tests switch on with pkg/internal/fakegonb).
func IsNotebook() bool { return gonbui.IsNotebook }

// UniqueID returns an id no other cell's outputs use.
func UniqueID() string { return gonbui.UniqueId() }

// PNG displays one image.
func PNG(b []byte) { gonbui.DisplayPng(b) }

// HTML displays one HTML output.
func HTML(s string) { gonbui.DisplayHtml(s) }

// Sync waits until GoNB has every output sent so far.
func Sync() { gonbui.Sync() }

// Output is one output of the cell redrawn in place. Its display id, made of a prefix
// that says whose it is and a unique part, is drawn on first use. The zero value is
// not usable; make one with NewOutput.
type Output struct {
	prefix, id string
}

// NewOutput returns an output whose display id starts with prefix
// ("kosaku-progress-").
func NewOutput(prefix string) *Output { return &Output{prefix: prefix} }

// Update replaces the output's content with data of MIME type mime (creating the
// output the first time).
func (o *Output) Update(mime protocol.MIMEType, data any) {
	if !gonbui.IsNotebook {
		return
	}
	if o.id == "" {
		o.id = o.prefix + gonbui.UniqueId()
	}
	gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{mime: data}, DisplayID: o.id})
}

// ID returns the output's display id ("" before its first Update).
func (o *Output) ID() string { return o.id }
