package org.eventcore.processor.events;

import javax.lang.model.element.TypeElement;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.ProcessingStep;
import org.eventcore.processor.codec.EventCodecGenerator;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.model.FamilyModel;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.GeneratedClass;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * {@code @Events}: {@link EventFamilyReader} reads the family, {@link EventFamilyValidator} checks names across
 * records, {@link EventCodecGenerator} writes {@code <FlatName>_EventCodec}.
 */
public final class EventsStep implements ProcessingStep {
  private final ElementSupport support;
  private final Diagnostics diagnostics;
  private final GeneratedClass common;

  public EventsStep(ElementSupport support, Diagnostics diagnostics, GeneratedClass common) {
    this.support = support;
    this.diagnostics = diagnostics;
    this.common = common;
  }

  @Override
  public String annotation() {
    return RuntimeTypes.EVENTS;
  }

  @Override
  public String generatedName(String binaryName) {
    return GeneratedNames.codecName(binaryName);
  }

  @Override
  public Output process(TypeElement type) {
    FamilyModel model = new EventFamilyReader(support, diagnostics).read(type);
    if (model == null) {
      return null;
    }
    new EventFamilyValidator(diagnostics).validate(model);
    if (diagnostics.errorCount() > 0) {
      return null;
    }
    return new Output(model.codec(), new EventCodecGenerator(model, common).generate());
  }
}
