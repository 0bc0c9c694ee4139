package org.eventcore.runtime.generated;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import org.eventcore.runtime.internal.JsonLimits;

/**
 * JSON paths of failures, such as {@code $.items[2].sku}, computed from Jackson's parsing context only when
 * something fails, so the happy path pays nothing for them.
 */
final class JsonPath {
  private JsonPath() {}

  /** The JSON path of the parser's current position, such as {@code $.items[2].sku}. */
  static String of(JsonParser parser) {
    return of(parser, false);
  }

  /**
   * The path of the current value, or with {@code enclosingObject} that of the object the current field belongs
   * to (for a failure about the object as a whole, such as its type property).
   */
  static String of(JsonParser parser, boolean enclosingObject) {
    JsonStreamContext innermost = parser.getParsingContext();
    return JsonLimits.path(enclosingObject && innermost != null ? innermost.getParent() : innermost);
  }
}
