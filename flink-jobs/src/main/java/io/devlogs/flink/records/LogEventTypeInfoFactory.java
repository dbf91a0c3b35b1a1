package io.devlogs.flink.records;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Serializes {@link LogEvent} as a POJO whose attributes use Flink's map serializer. Without it
 * Flink would fall back to Kryo for the {@code Map} field, which is slower and cannot copy the
 * unmodifiable map the record holds.
 */
public class LogEventTypeInfoFactory extends TypeInfoFactory<LogEvent> {
  @Override
  public TypeInformation<LogEvent> createTypeInfo(
      Type t, Map<String, TypeInformation<?>> genericParameters) {
    Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
    fields.put("projectId", Types.STRING);
    fields.put("eventId", Types.STRING);
    fields.put("epochNanos", Types.LONG);
    fields.put("level", Types.ENUM(Level.class));
    fields.put("service", Types.STRING);
    fields.put("stream", Types.STRING);
    fields.put("message", Types.STRING);
    fields.put("attributes", Types.MAP(Types.STRING, Types.STRING));
    fields.put("receivedAtMillis", Types.LONG);
    fields.put("sizeBytes", Types.INT);
    fields.put("retentionDays", Types.INT);
    fields.put("patternId", Types.STRING);
    return Types.POJO(LogEvent.class, fields);
  }
}
