package org.eventcore.testing;

/**
 * Whitespace-insensitive comparison of JSON text. PostgreSQL's JSONB re-renders payloads (a space after ':' and
 * ','), so contract tests compare payloads with whitespace outside string literals removed.
 */
public final class JsonText {
  private JsonText() {}

  /** The JSON text without insignificant whitespace. */
  public static String normalize(String json) {
    StringBuilder out = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\' && i + 1 < json.length()) {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        out.append(c);
      } else if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
