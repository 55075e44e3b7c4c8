// Package atomicfile writes files so that a reader never sees a partial one.
//
// Write creates a temporary file in the destination's directory, lets the
// caller fill it, flushes it to disk (fsync), and renames it over the
// destination. A crash or an interrupted cell at any point leaves either the
// old file or the new one, never a mix: checkpoints and dataset caches rely on
// this. The directory is fsynced too, so the rename itself survives a crash.
package atomicfile
