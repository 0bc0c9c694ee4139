package org.eventcore.examples.codec;

import org.eventcore.annotations.Events;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/** Fixture family whose record validates in its canonical constructor. */
@Events
public sealed interface Guarded {
  record Positive(@Stream StreamId stream, int n) implements Guarded {
    public Positive {
      if (n <= 0) {
        throw new IllegalArgumentException("n must be positive, got " + n);
      }
    }
  }
}
