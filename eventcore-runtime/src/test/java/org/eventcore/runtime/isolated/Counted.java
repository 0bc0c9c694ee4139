package org.eventcore.runtime.isolated;

import org.eventcore.runtime.StreamId;

/** The one event of the isolated scenario. */
record Counted(StreamId stream) {}
