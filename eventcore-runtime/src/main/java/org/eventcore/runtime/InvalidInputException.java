package org.eventcore.runtime;

/**
 * A bad argument or configuration value: the message names the thing, the value and the rule it breaks
 * ("stream id must be 1..255 characters after trimming, got 300"). Thrown before anything is written.
 */
public final class InvalidInputException extends EventCoreException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
