package org.eventcore.runtime;

/**
 * A projection stopped because its handler failed on an event and its error policy says stop (or retries ran
 * out). Names the projection and the event (stream, version, type, position); the cause is the handler's
 * failure. The checkpoint stays before the event, so a restarted runner meets it again: a poison event never
 * silently vanishes.
 */
public final class ProjectionException extends EventCoreException {
  private static final long serialVersionUID = 1L;
  private final String projection;
  private final transient StoredEvent event;

  public ProjectionException(String projection, StoredEvent event, int attempts, Throwable cause) {
    super("projection '" + projection + "' stopped at event " + event.eventType() + " (stream '" + event.streamId()
        + "' version " + event.version() + ", position " + event.position() + ") after " + attempts + " attempt"
        + (attempts == 1 ? "" : "s") + ": " + cause, cause);
    this.projection = projection;
    this.event = event;
  }

  public String projection() {
    return projection;
  }

  /** The event the handler failed on. */
  public StoredEvent event() {
    return event;
  }
}
