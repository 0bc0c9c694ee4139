package org.eventcore.runtime.projection;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StoredEvent;

/**
 * Which events a global read returns. Stores apply the filter in their query, before the page limit, so a page
 * is full whenever enough matching events exist.
 *
 * @param eventTypes stored type names to include; empty means every type
 * @param streamPrefix literal prefix of the stream id (no wildcards: {@code %} and {@code _} are literal), or null
 * @param streamPattern glob over the whole stream id, or null: {@code *} any run of characters, {@code ?} one
 *     character, {@code [abc]}, {@code [a-z]} and {@code [!abc]} classes, {@code \} escapes the next character
 */
public record EventFilter(Set<String> eventTypes, String streamPrefix, String streamPattern) {
  private static final EventFilter ALL = new EventFilter(Set.of(), null, null);

  public EventFilter {
    if (eventTypes == null) {
      eventTypes = Set.of();
    } else {
      for (String t : eventTypes) {
        if (t == null || t.isBlank()) {
          throw new InvalidInputException("event type filter entries must be non-blank, got " + eventTypes);
        }
      }
      eventTypes = Set.copyOf(new LinkedHashSet<>(eventTypes));
    }
    if (streamPrefix != null && streamPrefix.isEmpty()) {
      throw new InvalidInputException("stream prefix filter must be non-empty (use null for no prefix)");
    }
    if (streamPattern != null) {
      Glob.toRegex(streamPattern);
    }
  }

  /** Every event. */
  public static EventFilter all() {
    return ALL;
  }

  public EventFilter withEventTypes(Set<String> types) {
    return new EventFilter(types, streamPrefix, streamPattern);
  }

  public EventFilter withStreamPrefix(String prefix) {
    return new EventFilter(eventTypes, prefix, streamPattern);
  }

  public EventFilter withStreamPattern(String glob) {
    return new EventFilter(eventTypes, streamPrefix, glob);
  }

  /**
   * The filter as a predicate, for stores that filter in memory: the glob is compiled once here, not per event,
   * so take one matcher per read.
   */
  public Predicate<StoredEvent> matcher() {
    Pattern pattern = streamPattern == null ? null : Pattern.compile(Glob.toRegex(streamPattern));
    return e -> {
      if (!eventTypes.isEmpty() && !eventTypes.contains(e.eventType())) {
        return false;
      }
      String id = e.streamId().value();
      if (streamPrefix != null && !id.startsWith(streamPrefix)) {
        return false;
      }
      return pattern == null || pattern.matcher(id).matches();
    };
  }

  /**
   * The glob as an anchored regular expression that means the same in Java and in PostgreSQL's {@code ~}
   * operator (only non-alphanumeric characters are escaped, which both read as literals).
   */
  public String streamPatternRegex() {
    return streamPattern == null ? null : Glob.toRegex(streamPattern);
  }

  /** The prefix as a LIKE pattern with {@code \} as escape character and {@code %}, {@code _}, {@code \} escaped. */
  public String streamPrefixLikePattern() {
    if (streamPrefix == null) {
      return null;
    }
    return streamPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  /** Glob to regex translation. */
  static final class Glob {
    private Glob() {}

    static String toRegex(String glob) {
      if (glob.isEmpty()) {
        throw new InvalidInputException("stream pattern must be non-empty");
      }
      StringBuilder re = new StringBuilder("^");
      int i = 0;
      while (i < glob.length()) {
        char c = glob.charAt(i);
        switch (c) {
          case '*' -> re.append(".*");
          case '?' -> re.append('.');
          case '\\' -> {
            if (i + 1 >= glob.length()) {
              throw new InvalidInputException("stream pattern '" + glob + "' ends with an escape character");
            }
            appendLiteral(re, glob.charAt(++i));
          }
          case '[' -> {
            int end = glob.indexOf(']', i + 2);
            if (end < 0) {
              throw new InvalidInputException(
                  "stream pattern '" + glob + "' has an unclosed '[' at index " + i);
            }
            re.append('[');
            int j = i + 1;
            if (glob.charAt(j) == '!') {
              re.append('^');
              j++;
            }
            for (; j < end; j++) {
              char k = glob.charAt(j);
              if (k == '-' && j > i + 1 && j < end - 1) {
                re.append('-');
              } else {
                appendLiteral(re, k);
              }
            }
            re.append(']');
            i = end;
          }
          default -> appendLiteral(re, c);
        }
        i++;
      }
      return re.append('$').toString();
    }

    private static void appendLiteral(StringBuilder re, char c) {
      if (!Character.isLetterOrDigit(c) && c < 128) {
        re.append('\\');
      }
      re.append(c);
    }
  }
}
