package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEventStreamType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Serializes {@link WindowInput} as a POJO of Flink's own serializers (the event may be null). It
 * only crosses the shuffle to the windows and is never kept in state.
 */
public class WindowInputTypeInfoFactory extends TypeInfoFactory<WindowInput> {
  @Override
  public TypeInformation<WindowInput> createTypeInfo(
      Type t, Map<String, TypeInformation<?>> genericParameters) {
    Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
    fields.put("project", Types.STRING);
    fields.put("service", Types.STRING);
    fields.put("level", Types.ENUM(Level.class));
    fields.put("totals", TypeInformation.of(WindowAccumulator.class));
    fields.put("event", LogEventStreamType.INSTANCE);
    return Types.POJO(WindowInput.class, fields);
  }
}
