package org.eventcore.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * A record the codec reads and writes: an event record or a nested plain record.
 *
 * @param type the record
 * @param helperName base name of its generated read/write helper methods, unique within the codec
 * @param properties its components in declaration order
 * @param source the record, for diagnostics only; generators never read it
 */
public record RecordModel(ClassName type, String helperName, List<Property> properties, Element source) {
  public RecordModel {
    properties = List.copyOf(properties);
  }
}
