package org.eventcore.runtime;

/**
 * Root of every exception EventCore throws. One subtype per thing a caller handles differently:
 *
 * <ul>
 *   <li>{@link CommandRejectedException}: a business rule rejected the command; never retried.</li>
 *   <li>{@link VersionConflictException}: a stream moved past the version the writer read; the executor
 *       re-reads and re-decides.</li>
 *   <li>{@link ConcurrencyConflictException}: conflicts persisted through every retry the policy allows.</li>
 *   <li>{@link StoreException}: the store failed (unavailable, timed out, rejected a statement) while doing a
 *       named operation; transient failures were already retried. Its one subtype,
 *       {@link AppendOutcomeUnknownException}, says an append may or may not have been written.</li>
 *   <li>{@link InvalidInputException}: a bad argument or configuration value; nothing was written.</li>
 *   <li>{@link SerializationException}: an event could not be encoded or decoded.</li>
 *   <li>{@link ProjectionException}: a projection stopped on an event its handler could not process.</li>
 * </ul>
 *
 * <p>Every subtype is final except {@link CommandRejectedException}, which applications subclass for rejections
 * they tell apart by type, and {@link StoreException}, sealed with its one subtype.
 */
public abstract sealed class EventCoreException extends RuntimeException
    permits CommandRejectedException,
        VersionConflictException,
        ConcurrencyConflictException,
        StoreException,
        InvalidInputException,
        SerializationException,
        ProjectionException {
  private static final long serialVersionUID = 1L;

  protected EventCoreException(String message) {
    super(message);
  }

  protected EventCoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
