package org.eventcore.processor.events;

import java.util.HashMap;
import java.util.Map;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.diagnostics.Message;
import org.eventcore.processor.model.EventModel;
import org.eventcore.processor.model.FamilyModel;
import org.eventcore.processor.model.FormerVersionModel;
import org.eventcore.processor.model.Property;
import org.eventcore.processor.model.RecordModel;

/**
 * Rules that compare parts of a read {@link FamilyModel} with each other: unique type names (aliases included),
 * unique JSON names per record (former versions included), and no component colliding with the discriminator property. Each problem is
 * reported once, on the second element involved.
 */
public final class EventFamilyValidator {
  private final Diagnostics diagnostics;

  public EventFamilyValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  public void validate(FamilyModel family) {
    String familyName = family.root().canonicalName();
    Map<String, EventModel> byName = new HashMap<>();
    for (EventModel event : family.events()) {
      checkName(event.typeName(), event, byName, familyName);
      for (String alias : event.aliases()) {
        checkName(alias, event, byName, familyName);
      }
      checkJsonNames(event.record());
      for (Property p : event.record().properties()) {
        if (p.jsonName().equals(family.typeProperty())) {
          diagnostics.error(Message.DISCRIMINATOR_CLASH, p.source(), p.name(), event.record().type().canonicalName(),
              p.jsonName(), familyName);
        }
      }
    }
    for (RecordModel nested : family.nestedRecords()) {
      checkJsonNames(nested);
    }
    for (FormerVersionModel former : family.formerVersions()) {
      checkJsonNames(former.record());
    }
  }

  private void checkName(String name, EventModel event, Map<String, EventModel> byName, String familyName) {
    EventModel previous = byName.putIfAbsent(name, event);
    if (previous != null) {
      diagnostics.error(Message.DUPLICATE_EVENT_NAME, event.record().source(), name,
          previous.record().type().canonicalName(), event.record().type().canonicalName(), familyName);
    }
  }

  private void checkJsonNames(RecordModel record) {
    Map<String, Property> byJson = new HashMap<>();
    for (Property p : record.properties()) {
      Property previous = byJson.putIfAbsent(p.jsonName(), p);
      if (previous != null) {
        diagnostics.error(Message.DUPLICATE_JSON_NAME, p.source(), p.jsonName(), previous.name(), p.name(),
            record.type().canonicalName());
      }
    }
  }
}
