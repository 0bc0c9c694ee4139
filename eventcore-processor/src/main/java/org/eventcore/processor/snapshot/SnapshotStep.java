package org.eventcore.processor.snapshot;

import javax.lang.model.element.TypeElement;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.ProcessingStep;
import org.eventcore.processor.codec.StateCodecGenerator;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.model.StateModel;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.GeneratedClass;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * {@code @Snapshot}: {@link SnapshotReader} reads and checks the state record, {@link StateCodecGenerator} writes
 * {@code <FlatName>_StateCodec}. The command bindings of the state refer to it ({@code stateCodec()}).
 */
public final class SnapshotStep extends ProcessingStep {
  public SnapshotStep(ElementSupport support, Diagnostics diagnostics, GeneratedClass common) {
    super(support, diagnostics, common, RuntimeTypes.SNAPSHOT, GeneratedNames::stateCodecName);
  }

  @Override
  public Output process(TypeElement type) {
    StateModel model = new SnapshotReader(support, diagnostics).read(type);
    if (model == null || diagnostics.errorCount() > 0) {
      return null;
    }
    return new Output(model.codec(), new StateCodecGenerator(model, common).generate());
  }
}
