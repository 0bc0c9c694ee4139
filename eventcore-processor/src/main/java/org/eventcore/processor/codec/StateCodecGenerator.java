package org.eventcore.processor.codec;

import static org.eventcore.processor.util.GeneratedClass.override;
import static org.eventcore.processor.util.RuntimeTypes.IO_EXCEPTION;
import static org.eventcore.processor.util.RuntimeTypes.JSON_GENERATOR;
import static org.eventcore.processor.util.RuntimeTypes.JSON_PARSER;
import static org.eventcore.processor.util.RuntimeTypes.STATE_CODEC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import org.eventcore.processor.model.JsonType;
import org.eventcore.processor.model.RecordModel;
import org.eventcore.processor.model.StateModel;
import org.eventcore.processor.util.GeneratedClass;

/**
 * Generates {@code <FlatName>_StateCodec} from a {@link StateModel}: the state record written as one JSON object
 * of its components and read back through its canonical constructor, by the same helpers as event records
 * ({@link RecordCode}). Output depends only on the model.
 */
public final class StateCodecGenerator {
  private final StateModel model;
  private final GeneratedClass common;
  private final RecordCode records;

  public StateCodecGenerator(StateModel model, GeneratedClass common) {
    this.model = model;
    this.common = common;
    NameAllocator fieldNames = new NameAllocator();
    fieldNames.newName("INSTANCE");
    NameAllocator methods = new NameAllocator();
    for (String name : List.of("stateType", "version", "writeState", "readState")) {
      methods.newName(name);
    }
    methods.newName(writeName(model.record()));
    methods.newName(readName(model.record()));
    for (RecordModel r : model.nestedRecords()) {
      methods.newName("write" + r.helperName());
      methods.newName("read" + r.helperName());
    }
    for (JsonType.Embedded e : model.narrowings()) {
      methods.newName(e.narrowHelper());
    }
    records = new RecordCode(model.codec(), methods, fieldNames);
  }

  private static String writeName(RecordModel r) {
    return "write" + r.helperName() + "Fields";
  }

  private static String readName(RecordModel r) {
    return "read" + r.helperName() + "Fields";
  }

  public TypeSpec generate() {
    RecordModel state = model.record();
    TypeSpec.Builder type = common.start(model.codec(), ParameterizedTypeName.get(STATE_CODEC, state.type()),
        "Snapshot JSON codec of the", state.type(), "state", "StateCodecs");
    List<MethodSpec> helpers = new ArrayList<>();
    helpers.add(records.writeFields(state, writeName(state)));
    helpers.add(records.readFields(state, readName(state), false));
    for (RecordModel nested : model.nestedRecords()) {
      helpers.add(records.writeNested(nested));
      helpers.add(records.readFields(nested, "read" + nested.helperName(), true));
    }
    for (JsonType.Embedded narrowing : model.narrowings()) {
      helpers.add(records.narrow(narrowing));
    }
    helpers.addAll(records.helpers());
    records.addNameFields(type);
    type.addMethod(override("stateType", ParameterizedTypeName.get(ClassName.get(Class.class), state.type()))
        .addStatement("return $T.class", state.type()).build());
    type.addMethod(override("version", TypeName.INT).addStatement("return $L", model.version()).build());
    type.addMethod(override("writeState", TypeName.VOID)
        .addParameter(state.type(), "state").addParameter(JSON_GENERATOR, "generator")
        .addException(IO_EXCEPTION)
        .addStatement("generator.writeStartObject()")
        .addStatement("$L(generator, state)", writeName(state))
        .addStatement("generator.writeEndObject()")
        .build());
    type.addMethod(override("readState", state.type())
        .addParameter(JSON_PARSER, "parser")
        .addException(IO_EXCEPTION)
        .addStatement("return $L(parser)", readName(state))
        .build());
    type.addMethods(helpers);
    return type.build();
  }
}
