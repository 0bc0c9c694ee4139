package org.eventcore.runtime.isolated;

import org.eventcore.runtime.StreamId;

/** A command that appends one {@link Counted} to its stream; its binding is written by hand below. */
record Count(StreamId stream) {}
