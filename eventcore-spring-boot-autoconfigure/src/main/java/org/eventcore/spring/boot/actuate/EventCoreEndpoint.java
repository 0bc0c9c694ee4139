package org.eventcore.spring.boot.actuate;

import java.util.List;
import org.eventcore.spring.boot.EventCoreProjections;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code eventcore} actuator endpoint ({@code GET /actuator/eventcore}, expose it with
 * {@code management.endpoints.web.exposure.include=eventcore}): the store's horizon and every projection with its
 * state, lag and checkpoint; {@code GET /actuator/eventcore/{name}} for one projection.
 */
@Endpoint(id = "eventcore")
public final class EventCoreEndpoint {
  private final EventCoreProjections projections;

  public EventCoreEndpoint(EventCoreProjections projections) {
    this.projections = projections;
  }

  /** The store's reachability and horizon, and every projection. */
  @ReadOperation
  public Report report() {
    ProjectionsReport r = ProjectionsReport.of(projections);
    return new Report(r.storeReachable(), r.horizon().map(h -> h.newest().toString()).orElse(null),
        r.horizon().map(h -> h.pendingEvents()).orElse(null), r.blockerAge().toMillis(),
        r.projections().stream().map(EventCoreEndpoint::view).toList());
  }

  /** One projection, or null (404) when there is none of that name. */
  @ReadOperation
  public ProjectionView projection(@Selector String name) {
    return ProjectionsReport.of(projections).projections().stream().filter(p -> p.name().equals(name))
        .map(EventCoreEndpoint::view).findFirst().orElse(null);
  }

  private static ProjectionView view(ProjectionsReport.Projection p) {
    return new ProjectionView(p.name(), p.state().name(), p.checkpoint().map(Object::toString).orElse(null),
        p.lag(), p.eventsProcessed(), p.errors(), p.failure());
  }

  /**
   * The endpoint's answer.
   *
   * @param storeReachable whether the store answered
   * @param newest the newest event's position ({@code transactionId:sequence}), or null
   * @param pendingEvents committed events not yet readable by projections, or null
   * @param blockerAgeMillis how long the oldest running transaction has held the horizon back (0: none)
   * @param projections every auto-run projection
   */
  public record Report(boolean storeReachable, String newest, Long pendingEvents, long blockerAgeMillis,
      List<ProjectionView> projections) {}

  /**
   * One projection.
   *
   * @param name its name
   * @param status its runner's state here: NEW, STANDBY, LEADING, STOPPED or FAILED
   * @param checkpoint its checkpoint ({@code transactionId:sequence}), or null before its first event
   * @param lag positions behind the newest event, -1 when the store is unreachable
   * @param eventsProcessed events handled by this instance since start
   * @param errors handler failures since start
   * @param failure why it stopped, or null
   */
  public record ProjectionView(String name, String status, String checkpoint, long lag, long eventsProcessed,
      long errors, String failure) {}
}
