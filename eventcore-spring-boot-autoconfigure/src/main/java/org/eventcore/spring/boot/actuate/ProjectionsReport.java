package org.eventcore.spring.boot.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.projection.Horizon;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.spring.boot.EventCoreProjections;

/**
 * One snapshot of the store's horizon and of every auto-run projection, shared by the health indicator and the
 * {@code eventcore} endpoint. Costs one horizon query, plus one checkpoint query per projection that this
 * instance does not lead (the leader may be another instance).
 *
 * @param storeReachable whether the horizon query succeeded
 * @param storeError why it failed (exception type and message), or null
 * @param horizon the horizon, when reachable
 * @param projections one entry per runner
 */
public record ProjectionsReport(boolean storeReachable, String storeError, Optional<Horizon> horizon,
    List<Projection> projections) {

  /**
   * One projection.
   *
   * @param name its name
   * @param state what its runner here is doing (STANDBY: another instance leads)
   * @param checkpoint the last position processed (by whichever instance leads), if any
   * @param lag positions between the checkpoint and the newest event ({@code newest.sequence - checkpoint.sequence});
   *     for a projection that handles few of the store's event types this overstates the events it has left; -1
   *     when the store is unreachable
   * @param eventsProcessed events this instance's runner handled since it started
   * @param errors handler failures since it started
   * @param failure why it stopped (type and message), or null
   */
  public record Projection(String name, ProjectionRunner.State state, Optional<Position> checkpoint, long lag,
      long eventsProcessed, long errors, String failure) {}

  /** Takes the snapshot. */
  public static ProjectionsReport of(EventCoreProjections projections) {
    ProjectionSource source = projections.source();
    Horizon horizon = null;
    String storeError = null;
    try {
      horizon = source.horizon();
    } catch (RuntimeException e) {
      storeError = describe(e);
    }
    List<Projection> list = new ArrayList<>();
    for (ProjectionRunner<?> runner : projections.runners().values()) {
      ProjectionRunner.Status s = runner.status();
      Optional<Position> checkpoint = s.checkpoint();
      if (horizon != null && s.state() != ProjectionRunner.State.LEADING) {
        try {
          checkpoint = source.checkpoint(s.name());
        } catch (RuntimeException e) {
          storeError = describe(e);
        }
      }
      long lag = horizon == null ? -1
          : Math.max(0, horizon.newest().sequence() - checkpoint.orElse(Position.START).sequence());
      list.add(new Projection(s.name(), s.state(), checkpoint, lag, s.eventsProcessed(), s.errors(),
          s.failure().map(ProjectionsReport::describe).orElse(null)));
    }
    return new ProjectionsReport(storeError == null, storeError, Optional.ofNullable(horizon), List.copyOf(list));
  }

  /** The age of the transaction holding the horizon back, zero when none does (or the store is unreachable). */
  public Duration blockerAge() {
    return horizon.flatMap(Horizon::blocker).map(Horizon.Blocker::age).orElse(Duration.ZERO);
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
