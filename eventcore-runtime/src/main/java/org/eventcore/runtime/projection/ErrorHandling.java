package org.eventcore.runtime.projection;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import org.eventcore.runtime.ProjectionException;
import org.eventcore.runtime.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link ErrorPolicy} to one event: the only code that reacts to a handler failure. Failsafe runs the
 * handler call and retries it (RETRY: up to {@code maxAttempts} attempts in all, with the policy's doubling
 * backoff); only {@link Handler.Failure} is handled, so store exceptions pass through untouched. When the
 * attempts are used up, SKIP counts and logs the event and runs the delivery's skip action; STOP and RETRY throw
 * a {@link ProjectionException} naming the event.
 */
final class ErrorHandling {
  private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

  private final String projection;
  private final ErrorPolicy policy;
  private final RunnerState state;
  private final ProjectionMetrics metrics;
  private final int attempts;
  private final FailsafeExecutor<Object> failsafe;

  ErrorHandling(String projection, ErrorPolicy policy, RunnerState state, ProjectionMetrics metrics) {
    this.projection = projection;
    this.policy = policy;
    this.state = state;
    this.metrics = metrics;
    this.attempts = policy.action() == ErrorPolicy.Action.RETRY ? policy.maxAttempts() : 1;
    RetryPolicy<Object> retry = RetryPolicy.builder()
        .handle(Handler.Failure.class)
        .withMaxAttempts(attempts)
        .withDelayFn(ctx -> policy.delayAfter(Math.max(1, ctx.getAttemptCount())))
        // a stop requested meanwhile ends the retries after the current backoff: the event stays unprocessed
        .abortIf((result, failure) -> state.stopRequested())
        .onFailedAttempt(attempt -> state.handlerFailed())
        .onRetry(attempt -> {
          metrics.error("retry");
          StoredEvent e = ((Handler.Failure) attempt.getLastException()).event();
          log.warn("projection '{}' failed on event {} (stream '{}' version {}), attempt {} of {}: {}", projection,
              e.eventType(), e.streamId(), e.version(), attempt.getAttemptCount(), attempts,
              attempt.getLastException().getMessage());
        })
        .build();
    this.failsafe = Failsafe.with(retry);
  }

  /**
   * Runs {@code handlerCall} for {@code event} under the policy.
   *
   * @param handlerCall calls the handler (and, for a transactional delivery, commits with the checkpoint)
   * @param onSkip what the delivery does for an event the policy skips (e.g. move the checkpoint past it)
   * @return whether the event is done with (handled or skipped); false when a stop was requested while the policy
   *     was retrying it (the retries end after the current backoff, at most the policy's longest delay) or the
   *     thread was interrupted during a backoff: the event stays unprocessed and the checkpoint before it
   * @throws ProjectionException when the policy says stop
   */
  boolean apply(StoredEvent event, Runnable handlerCall, Runnable onSkip) {
    try {
      failsafe.run(handlerCall::run);
      state.handled(1);
      metrics.processed(1);
      return true;
    } catch (Handler.Failure failure) {
      if (policy.action() == ErrorPolicy.Action.RETRY && state.stopRequested()) {
        log.info("projection '{}' stopped while retrying event {} (stream '{}' version {}); it stays unprocessed",
            projection, event.eventType(), event.streamId(), event.version());
        return false;
      }
      if (policy.action() == ErrorPolicy.Action.SKIP) {
        metrics.error("skip");
        log.warn("projection '{}' skipped event {} (stream '{}' version {}, position {}): {}", projection,
            event.eventType(), event.streamId(), event.version(), event.position(), failure.getMessage(),
            failure.getCause());
        onSkip.run();
        state.handled(1);
        return true;
      }
      metrics.error("stop");
      throw new ProjectionException(projection, event, attempts, failure.getCause());
    } catch (FailsafeException interrupted) {
      // Failsafe only wraps checked exceptions, and the calls throw none but the backoff's InterruptedException
      Thread.currentThread().interrupt();
      state.requestStop();
      return false;
    }
  }
}
