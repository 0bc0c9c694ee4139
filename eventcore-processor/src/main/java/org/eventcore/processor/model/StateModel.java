package org.eventcore.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * A {@code @Snapshot} state record, ready for code generation.
 *
 * @param codec the class to generate
 * @param version the declared snapshot version, at least 1
 * @param record the state record and its components
 * @param nestedRecords the plain records reachable from components, in discovery order
 * @param narrowings embedded event types other than a family root, needing a type check after decoding
 */
public record StateModel(ClassName codec, int version, RecordModel record, List<RecordModel> nestedRecords,
    List<JsonType.Embedded> narrowings) {
  public StateModel {
    nestedRecords = List.copyOf(nestedRecords);
    narrowings = List.copyOf(narrowings);
  }
}
