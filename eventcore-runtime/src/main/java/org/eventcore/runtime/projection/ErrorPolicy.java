package org.eventcore.runtime.projection;

import java.time.Duration;
import org.eventcore.runtime.InvalidInputException;

/**
 * What a runner does when a projection's handler throws on an event.
 *
 * <ul>
 *   <li>{@link #stop()} (default): the runner stops with a {@code ProjectionException} naming the event; the
 *       checkpoint stays before it.</li>
 *   <li>{@link #skip()}: logs a warning naming the event and the error, counts it, moves on.</li>
 *   <li>{@link #retry(int, Duration, Duration)}: calls the handler again after an exponential backoff, up to
 *       {@code maxAttempts} attempts in all, then stops as above.</li>
 * </ul>
 *
 * @param action stop, skip or retry
 * @param maxAttempts attempts in all for retry (1 for the others)
 * @param initialDelay first retry delay
 * @param maxDelay cap on the delay
 */
public record ErrorPolicy(Action action, int maxAttempts, Duration initialDelay, Duration maxDelay) {
  /** The three reactions. */
  public enum Action { STOP, SKIP, RETRY }

  public ErrorPolicy {
    if (action == null) {
      throw new InvalidInputException("error policy action must not be null");
    }
    if (maxAttempts < 1) {
      throw new InvalidInputException("error policy maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (initialDelay == null || initialDelay.isNegative() || maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new InvalidInputException("error policy delays must satisfy 0 <= initialDelay <= maxDelay, got "
          + initialDelay + " and " + maxDelay);
    }
  }

  public static ErrorPolicy stop() {
    return new ErrorPolicy(Action.STOP, 1, Duration.ZERO, Duration.ZERO);
  }

  public static ErrorPolicy skip() {
    return new ErrorPolicy(Action.SKIP, 1, Duration.ZERO, Duration.ZERO);
  }

  public static ErrorPolicy retry(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    return new ErrorPolicy(Action.RETRY, maxAttempts, initialDelay, maxDelay);
  }

  /** Delay before attempt {@code attempt + 1}, doubling from the initial delay. */
  Duration delayAfter(int attempt) {
    long millis = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
