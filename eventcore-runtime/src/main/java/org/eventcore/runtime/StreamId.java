package org.eventcore.runtime;

/**
 * Identifies one event stream: the unit of per-stream ordering and optimistic concurrency.
 *
 * <p>Validated on construction: surrounding whitespace is trimmed; the result must be 1 to 255 characters
 * (Unicode code points), contain no control characters and no unpaired surrogates. Any other character,
 * quotes, semicolons, {@code %}, {@code _}, {@code *} included, is stored and read back verbatim.
 *
 * @param value the trimmed id
 * @throws InvalidInputException when the value breaks a rule; the message names the value and the rule
 */
public record StreamId(String value) implements Comparable<StreamId> {
  /** Maximum length in Unicode code points. */
  public static final int MAX_LENGTH = 255;

  public StreamId {
    if (value == null) {
      throw new InvalidInputException("stream id must not be null");
    }
    value = value.strip();
    int length = value.codePointCount(0, value.length());
    if (length == 0 || length > MAX_LENGTH) {
      throw new InvalidInputException(
          "stream id must be 1.." + MAX_LENGTH + " characters after trimming, got " + length
              + (length == 0 ? "" : " in '" + abbreviate(value) + "'"));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidInputException(String.format(
            "stream id must not contain control characters, got U+%04X at index %d in '%s'",
            (int) c, i, abbreviate(value)));
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new InvalidInputException(
            "stream id must be valid Unicode, got an unpaired surrogate at index " + i);
      }
      if (Character.isLowSurrogate(c)) {
        throw new InvalidInputException(
            "stream id must be valid Unicode, got an unpaired surrogate at index " + i);
      }
    }
  }

  /** Same as the constructor; reads better at call sites. */
  public static StreamId of(String value) {
    return new StreamId(value);
  }

  /** Builds {@code category + "-" + id}, e.g. {@code StreamId.of("account", uuid)}. */
  public static StreamId of(String category, Object id) {
    return new StreamId(category + "-" + id);
  }

  @Override
  public int compareTo(StreamId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s.replaceAll("\\p{Cntrl}", "?") : s.substring(0, 40).replaceAll("\\p{Cntrl}", "?") + "...";
  }
}
