package org.eventcore.runtime;

/**
 * The store failed while performing {@link #operation()}: the database was unreachable, a connection could
 * not be acquired in time, a statement was rejected, a schema migration failed. Transient failures have
 * already been retried by the store within its bound before this is thrown. Nothing was written by a failed
 * append unless the message says the outcome is unknown.
 */
public final class StoreException extends EventCoreException {
  private static final long serialVersionUID = 1L;
  private final StoreOperation operation;

  public StoreException(StoreOperation operation, String message) {
    super(operation.label() + " failed: " + message);
    this.operation = operation;
  }

  public StoreException(StoreOperation operation, String message, Throwable cause) {
    super(operation.label() + " failed: " + message, cause);
    this.operation = operation;
  }

  /** What the store was doing. */
  public StoreOperation operation() {
    return operation;
  }
}
