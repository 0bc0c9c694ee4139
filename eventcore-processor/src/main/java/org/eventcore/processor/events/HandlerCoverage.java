package org.eventcore.processor.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * The one coverage rule for methods that handle the events of a family (a command's apply methods, a projection's
 * on-handlers): every event record goes to exactly one most-specific handler, whose parameter is the record or a
 * sealed sub-interface above it, or else to the single catch-all taking the family root. Two catch-alls, or two
 * non-root handlers covering one record, are ambiguous; a record with neither is missing.
 *
 * @param <H> the caller's handler description
 */
public final class HandlerCoverage<H> {
  /** Where the callers report what the rule finds, each in its own words. */
  public interface Problems<H> {
    /** Both handlers cover {@code record}, or both are catch-alls when {@code record} is null. */
    void ambiguous(H first, H second, TypeElement record);

    /** No handler covers {@code record} and there is no catch-all. */
    void missing(TypeElement record);
  }

  /**
   * The handler chosen for one event record.
   *
   * @param record the event record
   * @param handler the most specific handler covering it, or null when the catch-all takes it
   */
  public record Choice<H>(TypeElement record, H handler) {}

  private final List<Choice<H>> choices;
  private final H catchAll;

  private HandlerCoverage(List<Choice<H>> choices, H catchAll) {
    this.choices = List.copyOf(choices);
    this.catchAll = catchAll;
  }

  /**
   * Applies the rule.
   *
   * @param handlers the family's handlers in declaration order; the first of two conflicting ones is kept
   * @param parameter the event type a handler takes: the root, a sealed sub-interface or a record of the family
   */
  public static <H> HandlerCoverage<H> cover(Types types, EventHierarchy family, List<H> handlers,
      Function<H, TypeElement> parameter, Problems<H> problems) {
    TypeElement root = family.root();
    List<H> roots = handlers.stream().filter(h -> parameter.apply(h).equals(root)).collect(Collectors.toList());
    for (H extra : roots.subList(Math.min(1, roots.size()), roots.size())) {
      problems.ambiguous(roots.get(0), extra, null);
    }
    Set<List<H>> reported = new HashSet<>();
    List<Choice<H>> choices = new ArrayList<>();
    for (TypeElement record : family.records()) {
      List<H> specific = handlers.stream()
          .filter(h -> !parameter.apply(h).equals(root))
          .filter(h -> types.isAssignable(record.asType(), parameter.apply(h).asType()))
          .collect(Collectors.toList());
      if (specific.size() > 1) {
        for (H extra : specific.subList(1, specific.size())) {
          if (reported.add(List.of(specific.get(0), extra))) {
            problems.ambiguous(specific.get(0), extra, record);
          }
        }
      } else if (specific.size() == 1) {
        choices.add(new Choice<>(record, specific.get(0)));
      } else if (!roots.isEmpty()) {
        choices.add(new Choice<>(record, null));
      } else {
        problems.missing(record);
      }
    }
    return new HandlerCoverage<>(choices, roots.isEmpty() ? null : roots.get(0));
  }

  /** One choice per covered record, in flattened permits order. */
  public List<Choice<H>> choices() {
    return choices;
  }

  /** The handler taking the family root, or null. */
  public H catchAll() {
    return catchAll;
  }
}
