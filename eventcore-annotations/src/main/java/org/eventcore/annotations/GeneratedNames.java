package org.eventcore.annotations;

/**
 * The one naming rule for generated classes, shared by the annotation processor (which names the files it
 * writes) and the runtime (which loads them). Generated classes live in the annotated type's package and are
 * named after its binary name with {@code $} replaced by {@code _}, plus a role suffix:
 * {@code com.acme.Bank$Event} gives {@code com.acme.Bank_Event_EventCodec}.
 */
public final class GeneratedNames {
  /** Suffix of the codec generated for an {@link Events} family. */
  public static final String CODEC_SUFFIX = "_EventCodec";
  /** Suffix of the binding generated for a {@link Command} record. */
  public static final String COMMAND_SUFFIX = "_CommandBinding";
  /** Suffix of the binding generated for a {@link Projection} class. */
  public static final String PROJECTION_SUFFIX = "_ProjectionBinding";
  /** Suffix of the state codec generated for a {@link Snapshot} state record. */
  public static final String STATE_CODEC_SUFFIX = "_StateCodec";

  private GeneratedNames() {}

  /**
   * Qualified name of the generated class for the type with the given binary name ({@code Class.getName()},
   * {@code Elements.getBinaryName()}).
   */
  public static String generatedName(String binaryName, String suffix) {
    int lastDot = binaryName.lastIndexOf('.');
    String pkg = lastDot < 0 ? "" : binaryName.substring(0, lastDot + 1);
    String flat = binaryName.substring(lastDot + 1).replace('$', '_');
    return pkg + flat + suffix;
  }

  /**
   * The stored type name of version {@code version} of type {@code typeName}: the name itself for version 1
   * (rows written before the type had versions), {@code typeName + ".v" + version} for later versions.
   */
  public static String storedTypeName(String typeName, int version) {
    return version == 1 ? typeName : typeName + ".v" + version;
  }

  /** Qualified name of the codec generated for an event family. */
  public static String codecName(String familyBinaryName) {
    return generatedName(familyBinaryName, CODEC_SUFFIX);
  }

  /** Qualified name of the binding generated for a projection class. */
  public static String projectionBindingName(String projectionBinaryName) {
    return generatedName(projectionBinaryName, PROJECTION_SUFFIX);
  }

  /** Qualified name of the state codec generated for a {@link Snapshot} state record. */
  public static String stateCodecName(String stateBinaryName) {
    return generatedName(stateBinaryName, STATE_CODEC_SUFFIX);
  }

  /** Qualified name of the binding generated for a command record. */
  public static String commandBindingName(String commandBinaryName) {
    return generatedName(commandBinaryName, COMMAND_SUFFIX);
  }
}
