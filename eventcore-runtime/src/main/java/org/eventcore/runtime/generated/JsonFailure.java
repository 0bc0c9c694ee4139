package org.eventcore.runtime.generated;

/**
 * A value that does not fit its Java type, found while a generated codec reads a payload: the JSON path and what
 * is wrong, without the event type. {@link JsonReading#readPayload} adds the stored event type and rethrows it as
 * a {@link org.eventcore.runtime.SerializationException}; it never reaches application code.
 */
public final class JsonFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final String detail;

  JsonFailure(String path, String detail, Throwable cause) {
    super(path + ": " + detail, cause);
    this.path = path;
    this.detail = detail;
  }

  /** The JSON path of the offending value, such as {@code $.items[2].sku}. */
  public String path() {
    return path;
  }

  /** What is wrong. */
  public String detail() {
    return detail;
  }
}
