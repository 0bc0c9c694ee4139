package org.eventcore.processor.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * The names an event record is stored under: its type name ({@code @EventType} value, or the simple name, with
 * the {@code .vN} suffix of {@code @EventType.version} above 1) and the former names ({@code @EventType.aliases})
 * that still decode to it. One rule for the family's codec and for the
 * projections that dispatch by stored type name; blank names are reported by {@link EventFamilyReader}.
 *
 * @param typeName the name new events are stored under
 * @param aliases former names, in declaration order
 */
public record TypeNames(String typeName, List<String> aliases) {
  public TypeNames {
    aliases = List.copyOf(aliases);
  }

  /** The names of {@code record}. */
  public static TypeNames of(ElementSupport support, TypeElement record) {
    String typeName = record.getSimpleName().toString();
    List<String> aliases = new ArrayList<>();
    Optional<AnnotationMirror> eventType = ElementSupport.annotation(record, RuntimeTypes.EVENT_TYPE);
    if (eventType.isPresent()) {
      String explicit = (String) support.value(eventType.get(), "value").getValue();
      if (!explicit.isEmpty()) {
        typeName = explicit;
      }
      typeName = GeneratedNames.storedTypeName(typeName, (Integer) support.value(eventType.get(), "version")
          .getValue());
      aliases.addAll(ElementSupport.strings(support.value(eventType.get(), "aliases")));
    }
    return new TypeNames(typeName, aliases);
  }

  /** The type name, then the aliases. */
  public List<String> all() {
    List<String> all = new ArrayList<>(aliases.size() + 1);
    all.add(typeName);
    all.addAll(aliases);
    return all;
  }
}
