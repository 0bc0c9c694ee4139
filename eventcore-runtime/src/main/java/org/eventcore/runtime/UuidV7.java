package org.eventcore.runtime;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered UUIDs (RFC 9562 version 7). Ids minted by one JVM are strictly increasing: the 48-bit
 * millisecond timestamp is followed by a 12-bit counter that carries into the timestamp when one millisecond
 * mints more than 4096 ids.
 */
public final class UuidV7 {
  private static final AtomicLong LAST = new AtomicLong();
  private static final long NODE_BITS = new SecureRandom().nextLong();

  private UuidV7() {}

  /** A new UUIDv7, greater than every one this JVM minted before. */
  public static UUID next() {
    long now = System.currentTimeMillis() << 12;
    long stamp;
    while (true) {
      long last = LAST.get();
      stamp = Math.max(now, last + 1);
      if (LAST.compareAndSet(last, stamp)) {
        break;
      }
    }
    long millis = stamp >>> 12;
    long counter = stamp & 0xFFF;
    long msb = (millis << 16) | 0x7000L | counter;
    long random = ThreadLocalRandom.current().nextLong() ^ NODE_BITS;
    long lsb = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }
}
