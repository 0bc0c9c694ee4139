package org.eventcore.runtime.generated;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

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
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext c = parser.getParsingContext(); c != null; c = c.getParent()) {
      chain.push(c);
    }
    JsonStreamContext innermost = parser.getParsingContext();
    StringBuilder sb = new StringBuilder("$");
    for (JsonStreamContext c : chain) {
      if (enclosingObject && c == innermost) {
        break;
      }
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
}
