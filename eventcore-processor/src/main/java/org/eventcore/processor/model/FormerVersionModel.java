package org.eventcore.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * A former version of a stored event type ({@code @EventVersion}), ready for code generation: the codec reads its
 * rows into the old record, then calls its {@code upcast()}.
 *
 * @param record its components, read with the same rules as an event's
 * @param storedName the type name its rows are stored under
 * @param conversion what {@code upcast()} returns
 * @param returnType the declared return type of {@code upcast()}
 * @param elementType for a split, the type of the list's elements; otherwise the return type
 * @param next for a chain, the former version {@code upcast()} returns; otherwise null
 */
public record FormerVersionModel(RecordModel record, String storedName, Conversion conversion, TypeName returnType,
    TypeName elementType, ClassName next) {

  /** The shape of a conversion. */
  public enum Conversion {
    /** One current event of the family. */
    ONE,
    /** A {@code List} of current events: one stored row stands for several. */
    SPLIT,
    /** A newer former version, converted in turn. */
    CHAIN
  }
}
