package org.eventcore.runtime;

/**
 * Thrown by a command's {@code handle} when a business rule rejects it ("account acc-1 has insufficient
 * funds: balance 10, withdrawal 25"). Never retried; nothing is written. Subclass it for rejections callers
 * tell apart by type.
 */
public non-sealed class CommandRejectedException extends EventCoreException {
  private static final long serialVersionUID = 1L;

  public CommandRejectedException(String message) {
    super(message);
  }

  public CommandRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
