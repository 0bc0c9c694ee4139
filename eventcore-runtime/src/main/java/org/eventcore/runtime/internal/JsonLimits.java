package org.eventcore.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one set of limits a stored value must keep so that it can be read back identically; the encoder rejects a
 * value outside them with an {@code InvalidInputException} before anything is written, and {@link Json#FACTORY},
 * which the decoder reads with, is built with the same numbers, so that every value written can be read.
 *
 * <table>
 *   <caption>limits of values in event payloads</caption>
 *   <tr><th>value</th><th>limit</th><th>why</th></tr>
 *   <tr><td>string (component value or map key)</td><td>at most {@value #MAX_STRING_LENGTH} chars, no U+0000,
 *       no lone surrogate</td><td>PostgreSQL jsonb refuses U+0000 (22P05) and stores a lone surrogate as '?';
 *       Jackson reads strings up to this length</td></tr>
 *   <tr><td>map key</td><td>at most {@value #MAX_NAME_LENGTH} chars</td><td>Jackson's name limit</td></tr>
 *   <tr><td>BigDecimal, BigInteger</td><td>at most {@value #MAX_NUMBER_LENGTH} characters in plain notation
 *       (sign, digits, point)</td><td>PostgreSQL prints a jsonb number in plain notation (1E+5000 comes back as
 *       5001 digits), and Jackson reads numbers up to this length</td></tr>
 *   <tr><td>nesting of objects and arrays</td><td>at most {@value #MAX_NESTING_DEPTH} levels</td><td>Jackson's
 *       nesting limit, for writing and reading alike</td></tr>
 * </table>
 */
public final class JsonLimits {
  /** Longest string value, in chars. */
  public static final int MAX_STRING_LENGTH = 20_000_000;
  /** Longest object key, in chars. */
  public static final int MAX_NAME_LENGTH = 50_000;
  /** Longest number, in characters of its plain notation. */
  public static final int MAX_NUMBER_LENGTH = 1_000;
  /** Deepest nesting of objects and arrays. */
  public static final int MAX_NESTING_DEPTH = 1_000;

  /** What {@link Json#FACTORY} reads within. */
  public static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
      .maxStringLength(MAX_STRING_LENGTH).maxNameLength(MAX_NAME_LENGTH).maxNumberLength(MAX_NUMBER_LENGTH)
      .maxNestingDepth(MAX_NESTING_DEPTH).build();
  /** What {@link Json#FACTORY} writes within. */
  public static final StreamWriteConstraints WRITE_CONSTRAINTS =
      StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build();

  /** Reads anything, to locate a problem in text that broke a limit. */
  private static final JsonFactory UNLIMITED = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build())
      .build();

  private JsonLimits() {}

  /** A value outside the limits: where ({@code $.items[2].name}) and what is wrong. */
  public record Problem(String path, String detail) {}

  /** Thrown while writing a value outside the limits; the encoder turns it into an InvalidInputException. */
  public static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    public Rejected(Problem problem) {
      super(problem.path() + ": " + problem.detail(), null, false, false);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  /**
   * Checks JSON text: strings and keys within their limits, no U+0000 (raw or as {@code \u0000}), no lone
   * surrogate. One pass over the text; only when that pass finds something suspicious, or the text is longer than
   * the key limit, is it parsed to locate the problem.
   *
   * @return the first problem, or null when there is none
   */
  public static Problem check(String json) {
    if (json.length() <= MAX_NAME_LENGTH && looksClean(json)) {
      return null;
    }
    return locate(json);
  }

  /** False when the text may hold U+0000 or a lone surrogate (raw or escaped); true means it holds neither. */
  private static boolean looksClean(String json) {
    int n = json.length();
    for (int i = 0; i < n; i++) {
      char c = json.charAt(i);
      if (c == '\\') {
        if (i + 5 < n && json.charAt(i + 1) == 'u'
            && (json.startsWith("0000", i + 2) || Character.toUpperCase(json.charAt(i + 2)) == 'D')) {
          return false; // \u0000, or an escaped surrogate that may be half of a pair: the parse decides
        }
        i++; // the escaped character
      } else if (c == 0) {
        return false;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(json.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** The JSON path of a parsing or writing context, such as {@code $.items[2].sku}. */
  public static String path(JsonStreamContext context) {
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null; c = c.getParent()) {
      chain.push(c);
    }
    StringBuilder sb = new StringBuilder("$");
    for (JsonStreamContext c : chain) {
      if (c.inArray() && c.hasCurrentIndex()) {
        sb.append('[').append(c.getCurrentIndex()).append(']');
      } else if (c.inObject() && c.hasCurrentName()) {
        String name = c.getCurrentName();
        if (isPlainName(name)) {
          sb.append('.').append(name);
        } else {
          sb.append("['").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("']");
        }
      }
    }
    return sb.toString();
  }

  /** The path of the value about to be written in a writing context (an array's next element). */
  public static String pathOfNextValue(JsonStreamContext context) {
    String path = path(context);
    if (context != null && context.inArray()) {
      int next = context.getCurrentIndex() + 1;
      path = context.hasCurrentIndex() ? path.substring(0, path.lastIndexOf('[')) : path;
      path = path + "[" + next + "]";
    }
    return path;
  }

  private static boolean isPlainName(String name) {
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!Character.isJavaIdentifierPart(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The problem with a number about to be written, or null: its plain notation (as PostgreSQL prints it back)
   * must fit {@link #MAX_NUMBER_LENGTH}.
   */
  public static String checkNumber(BigDecimal value) {
    long p = value.precision();
    long s = value.scale();
    long plain = (s <= 0 ? p - s : s >= p ? s + 2 : p + 1) + (value.signum() < 0 ? 1 : 0);
    return plain <= MAX_NUMBER_LENGTH ? null : "a BigDecimal of " + plain + " characters in plain notation (precision "
        + p + ", scale " + s + ") exceeds the limit of " + MAX_NUMBER_LENGTH + " characters that can be read back";
  }

  /** As {@link #checkNumber(BigDecimal)}, for an integer. */
  public static String checkNumber(BigInteger value) {
    long bits = value.bitLength();
    long atMost = (long) (bits * 0.30103) + 2; // digits + sign, from above
    if (atMost <= MAX_NUMBER_LENGTH) {
      return null;
    }
    long atLeast = (long) ((bits - 1) * 0.30103) + 1;
    long length = atLeast > MAX_NUMBER_LENGTH ? atLeast : value.toString().length();
    return length <= MAX_NUMBER_LENGTH ? null : "an integer of " + (atLeast > MAX_NUMBER_LENGTH ? "more than " : "")
        + length + " characters exceeds the limit of " + MAX_NUMBER_LENGTH + " characters that can be read back";
  }

  /** Parses the text to name the first value that breaks a limit. */
  private static Problem locate(String json) {
    try (JsonParser p = UNLIMITED.createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING) {
          String text = t == JsonToken.FIELD_NAME ? p.currentName() : p.getText();
          String what = t == JsonToken.FIELD_NAME ? "an object key" : "a string";
          int max = t == JsonToken.FIELD_NAME ? MAX_NAME_LENGTH : MAX_STRING_LENGTH;
          String detail = textProblem(text, what, max);
          if (detail != null) {
            return new Problem(path(p.getParsingContext()), detail);
          }
        }
      }
    } catch (IOException e) {
      return new Problem("$", "the payload is not well-formed JSON: " + e.getClass().getSimpleName());
    }
    return null;
  }

  /** What is wrong with one string value, or null. */
  private static String textProblem(String text, String what, int max) {
    if (text.length() > max) {
      return what + " of " + text.length() + " chars exceeds the limit of " + max + " chars that can be read back";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return what + " must not contain U+0000 (at index " + i + "): PostgreSQL cannot store it";
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return what + " must not contain a lone surrogate (U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
            + " at index " + i + "): it is not Unicode text and would be stored as '?'";
      }
    }
    return null;
  }
}
