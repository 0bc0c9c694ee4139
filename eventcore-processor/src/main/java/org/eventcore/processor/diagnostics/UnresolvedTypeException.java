package org.eventcore.processor.diagnostics;

/**
 * Thrown by readers when the annotated type references a type that does not exist (yet): the processor defers
 * the annotated type to the next round, and reports {@link Message#UNDEFINED_TYPE} if it never appears.
 */
public final class UnresolvedTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String typeName;

  public UnresolvedTypeException(String typeName) {
    super(typeName, null, false, false);
    this.typeName = typeName;
  }

  /** The unresolved type as written in the source. */
  public String typeName() {
    return typeName;
  }
}
