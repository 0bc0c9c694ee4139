package org.eventcore.runtime;

/**
 * The store failed while performing {@link #operation()}: the database was unreachable, a connection could
 * not be acquired in time, a statement was rejected, a schema migration failed. Transient failures have
 * already been retried by the store within its bound before this is thrown. Nothing was written by a failed
 * append, except when it is an {@link AppendOutcomeUnknownException}: then the store could not tell, and the
 * exception carries the event ids to check.
 */
public sealed class StoreException extends EventCoreException permits AppendOutcomeUnknownException {
  private static final long serialVersionUID = 1L;
  private final StoreOperation operation;
  private final boolean retryable;

  public StoreException(StoreOperation operation, String message) {
    this(operation, message, null, false);
  }

  public StoreException(StoreOperation operation, String message, Throwable cause) {
    this(operation, message, cause, false);
  }

  /**
   * @param retryable see {@link #retryable()}
   */
  public StoreException(StoreOperation operation, String message, Throwable cause, boolean retryable) {
    super(operation.label() + " failed: " + message, cause);
    this.operation = operation;
    this.retryable = retryable;
  }

  /** What the store was doing. */
  public StoreOperation operation() {
    return operation;
  }

  /**
   * True when the failure was transient, nothing was written, and the store did not retry only because a retry
   * inside the store was not safe (a read that had already handed events to its consumer): the caller may run
   * the whole operation again from the start, as the {@code CommandExecutor} does.
   */
  public boolean retryable() {
    return retryable;
  }
}
