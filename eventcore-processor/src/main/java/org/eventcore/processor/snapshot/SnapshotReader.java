package org.eventcore.processor.snapshot;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.codec.TypeResolver;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.diagnostics.Message;
import org.eventcore.processor.model.Property;
import org.eventcore.processor.model.RecordModel;
import org.eventcore.processor.model.StateModel;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * Reads a {@code @Snapshot} state into a {@link StateModel}: it must be a non-generic, accessible record with a
 * version of at least 1, and its components are resolved by the event codec's {@link TypeResolver}, so a state
 * is encodable exactly when an event record with the same components would be, with the same diagnostics on the
 * same components.
 */
final class SnapshotReader {
  private final ElementSupport support;
  private final Diagnostics diagnostics;

  SnapshotReader(ElementSupport support, Diagnostics diagnostics) {
    this.support = support;
    this.diagnostics = diagnostics;
  }

  /** The model, or null when something was reported. */
  StateModel read(TypeElement state) {
    String name = state.getQualifiedName().toString();
    if (state.getKind() != ElementKind.RECORD) {
      diagnostics.error(Message.SNAPSHOT_NOT_RECORD, state, name, ElementSupport.describeKind(state.getKind()),
          state.getSimpleName());
      return null;
    }
    if (!state.getTypeParameters().isEmpty()) {
      diagnostics.error(Message.GENERIC_SNAPSHOT_UNSUPPORTED, state, name, state.getTypeParameters());
      return null;
    }
    String pkg = support.packageName(state);
    if (!support.isAccessibleFrom(state, pkg)) {
      diagnostics.error(Message.SNAPSHOT_NOT_ACCESSIBLE, state, name, pkg);
      return null;
    }
    AnnotationMirror mirror = ElementSupport.annotation(state, RuntimeTypes.SNAPSHOT).orElseThrow();
    AnnotationValue versionValue = support.value(mirror, "version");
    int version = (Integer) versionValue.getValue();
    if (version < 1) {
      diagnostics.error(Message.INVALID_SNAPSHOT_VERSION, state, mirror, versionValue, name, version);
    }
    TypeResolver resolver = new TypeResolver(support, diagnostics, pkg);
    String helper = resolver.helperName(state);
    List<Property> properties = resolver.readProperties(state);
    if (diagnostics.errorCount() > 0) {
      return null;
    }
    ClassName codec = ClassName.bestGuess(GeneratedNames.stateCodecName(support.binaryName(state)));
    return new StateModel(codec, version, new RecordModel(ClassName.get(state), helper, properties, state),
        resolver.nestedRecords(), resolver.narrowings());
  }
}
