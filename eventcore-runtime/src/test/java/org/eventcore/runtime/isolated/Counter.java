package org.eventcore.runtime.isolated;

import java.util.concurrent.atomic.AtomicLong;

/** A projection counting {@link Counted} events; its binding is written by hand below. */
final class Counter {
  final AtomicLong seen = new AtomicLong();
}
