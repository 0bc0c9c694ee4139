package org.eventcore.runtime;

/**
 * A command kept meeting version conflicts through every attempt its retry policy allows. Nothing of the last
 * attempt was written. The cause is the last {@link VersionConflictException}.
 */
public final class ConcurrencyConflictException extends EventCoreException {
  private static final long serialVersionUID = 1L;
  private final String commandType;
  private final int attempts;

  public ConcurrencyConflictException(String commandType, int attempts, VersionConflictException last) {
    super("command " + commandType + " gave up after " + attempts + " attempt" + (attempts == 1 ? "" : "s")
        + " on concurrency conflicts; last: " + last.getMessage(), last);
    this.commandType = commandType;
    this.attempts = attempts;
  }

  /** Simple name of the command's type. */
  public String commandType() {
    return commandType;
  }

  /** Attempts made, all ending in a conflict. */
  public int attempts() {
    return attempts;
  }

  /** The last conflict. */
  public VersionConflictException lastConflict() {
    return (VersionConflictException) getCause();
  }
}
