package org.eventcore.runtime.command;

import java.time.Duration;
import org.eventcore.runtime.InvalidInputException;

/**
 * How the {@link CommandExecutor} retries a command whose append met a version conflict: it re-reads the
 * streams, re-folds the state and re-decides, after an exponential backoff with jitter. Business rejections and
 * store failures are never retried here.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>maxAttempts</td><td>6 (the first try and 5 retries)</td></tr>
 *   <tr><td>initialDelay</td><td>5 ms, doubled per retry</td></tr>
 *   <tr><td>maxDelay</td><td>500 ms</td></tr>
 *   <tr><td>jitter</td><td>0.25 (each delay varies by up to ±25%)</td></tr>
 * </table>
 *
 * @param maxAttempts total attempts, at least 1
 * @param initialDelay delay before the first retry, &gt; 0
 * @param maxDelay cap on any delay, &gt;= initialDelay
 * @param jitter relative random variation of each delay, in [0, 1)
 */
public record ConflictRetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double jitter) {
  private static final ConflictRetryPolicy DEFAULTS =
      new ConflictRetryPolicy(6, Duration.ofMillis(5), Duration.ofMillis(500), 0.25);

  public ConflictRetryPolicy {
    if (maxAttempts < 1) {
      throw new InvalidInputException("retry maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (initialDelay == null || initialDelay.isNegative() || initialDelay.isZero()) {
      throw new InvalidInputException("retry initialDelay must be > 0, got " + initialDelay);
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new InvalidInputException(
          "retry maxDelay must be >= initialDelay (" + initialDelay + "), got " + maxDelay);
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new InvalidInputException("retry jitter must be in [0, 1), got " + jitter);
    }
  }

  /** The documented defaults. */
  public static ConflictRetryPolicy defaults() {
    return DEFAULTS;
  }

  /** One attempt, no retry: conflicts surface at once as {@code ConcurrencyConflictException}. */
  public static ConflictRetryPolicy noRetry() {
    return DEFAULTS.withMaxAttempts(1);
  }

  public ConflictRetryPolicy withMaxAttempts(int attempts) {
    return new ConflictRetryPolicy(attempts, initialDelay, maxDelay, jitter);
  }

  public ConflictRetryPolicy withBackoff(Duration initial, Duration max) {
    return new ConflictRetryPolicy(maxAttempts, initial, max, jitter);
  }

  public ConflictRetryPolicy withJitter(double relativeJitter) {
    return new ConflictRetryPolicy(maxAttempts, initialDelay, maxDelay, relativeJitter);
  }
}
