package io.devlogs.ingest.formats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngestFormatsTest {

  private final IngestFormats formats = new IngestFormats(1000, 10_000);

  @Test
  void otlpJsonIsToldApartFromOurJsonByItsTopLevelKey() {
    assertThat(IngestFormats.isOtlpJson("{\"resourceLogs\":[]}".getBytes(UTF_8))).isTrue();
    assertThat(
            IngestFormats.isOtlpJson(
                "{\"msg\":{\"resourceLogs\":1},\"a\":[1],\"resourceLogs\":[]}".getBytes(UTF_8)))
        .isTrue();
    assertThat(IngestFormats.isOtlpJson("{\"msg\":{\"resourceLogs\":[]}}".getBytes(UTF_8)))
        .as("only a top-level key counts")
        .isFalse();
    assertThat(IngestFormats.isOtlpJson("[{\"resourceLogs\":[]}]".getBytes(UTF_8))).isFalse();
    assertThat(IngestFormats.isOtlpJson("{broken".getBytes(UTF_8))).isFalse();
  }

  @Test
  void choosesByContentType() {
    byte[] ours = "{}".getBytes(UTF_8);
    assertThat(formats.forLogs("application/json; charset=utf-8", ours))
        .isInstanceOf(DevlogsFormat.class);
    assertThat(formats.forLogs("application/json", "{\"resourceLogs\":[]}".getBytes(UTF_8)))
        .isInstanceOf(OtlpLogsFormat.class);
    assertThat(formats.forLogs("application/x-protobuf", ours)).isInstanceOf(OtlpLogsFormat.class);
    assertThat(formats.forLogs("TEXT/PLAIN", ours)).isInstanceOf(DevlogsFormat.class);
    assertThat(formats.forLoki("application/x-protobuf")).isInstanceOf(LokiPushFormat.class);
    assertThatThrownBy(() -> formats.forLogs("application/xml", ours))
        .isInstanceOf(UnsupportedFormatException.class)
        .hasMessageContaining("application/xml");
    assertThatThrownBy(() -> formats.forLoki("text/plain"))
        .isInstanceOf(UnsupportedFormatException.class)
        .hasMessageContaining("Loki");
  }
}
