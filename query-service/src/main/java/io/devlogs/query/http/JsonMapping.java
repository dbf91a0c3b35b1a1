package io.devlogs.query.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The API's JSON conventions: instants as ISO-8601 UTC with nine fraction digits. */
public final class JsonMapping {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private JsonMapping() {}

  /** {@code 2024-05-01T10:00:00.123456789Z}; fixed width, so timestamps sort as text. */
  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  public static ObjectMapper objectMapper() {
    SimpleModule module = new SimpleModule("devlogs-api");
    module.addSerializer(
        Instant.class,
        new StdSerializer<>(Instant.class) {
          @Override
          public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(timestamp(value));
          }
        });
    return new ObjectMapper().registerModule(module);
  }
}
