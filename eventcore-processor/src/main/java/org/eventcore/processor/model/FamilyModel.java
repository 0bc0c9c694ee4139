package org.eventcore.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * An {@code @Events} family, ready for code generation.
 *
 * @param root the sealed root interface
 * @param codec the class to generate
 * @param typeProperty the discriminator property of embedded events
 * @param events the event records in flattened permits order
 * @param nestedRecords the plain records reachable from components, in discovery order
 * @param narrowings embedded event types other than a family root, needing a type check after decoding
 * @param formerVersions the former versions of stored types ({@code @Events.formerVersions}), in listed order
 * @param source the root, for diagnostics only; generators never read it
 */
public record FamilyModel(ClassName root, ClassName codec, String typeProperty, List<EventModel> events,
    List<RecordModel> nestedRecords, List<JsonType.Embedded> narrowings, List<FormerVersionModel> formerVersions,
    Element source) {
  public FamilyModel {
    events = List.copyOf(events);
    formerVersions = List.copyOf(formerVersions);
    nestedRecords = List.copyOf(nestedRecords);
    narrowings = List.copyOf(narrowings);
  }
}
