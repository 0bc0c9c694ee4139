package org.eventcore.processor.model;

import java.util.List;

/**
 * One event record of a family.
 *
 * @param record its components
 * @param typeName the stored type name
 * @param aliases former type names that also decode to it
 * @param streamComponent the name of its {@code @Stream} component
 */
public record EventModel(RecordModel record, String typeName, List<String> aliases, String streamComponent) {
  public EventModel {
    aliases = List.copyOf(aliases);
  }
}
