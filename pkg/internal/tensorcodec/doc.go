// Package tensorcodec reads and writes Kosaku's two files of tensors — nn.Save's state
// dict and pkg/train's session — through one tensor codec, so that both share one
// element encoding, one checksum, one set of bounds checks and one fuzz target.
//
// Both layouts are streams: a header, the tensors' elements in row-major order, little
// endian (IEEE 754 for floats, two's complement for ints, one byte 0 or 1 for bools),
// and the IEEE CRC-32 of everything before it. Writing goes through a small buffer, so
// saving a model needs no copy of it in memory; reading checks every length against the
// bytes that remain before allocating, so a damaged or hostile file gives an error —
// never a panic or a huge allocation.
//
// The two layouts differ only in their headers and stay byte for byte what earlier
// Kosakus wrote, so files on disk keep loading (statedict.go, session.go). Errors about
// a file's contents match ErrCorrupt or ErrNewerFormat with errors.Is; pkg/nn and
// pkg/train export both.
package tensorcodec
