package io.devlogs.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamChunkCodecTest {

  static StreamChunkEvent event(long ts, String id) {
    return new StreamChunkEvent(
        ts, id, "INFO", "runner", "event " + id, Map.of("step", id), ts + 40, 40, 120);
  }

  @Test
  void decodesWhatItEncodedInStreamOrder() {
    List<StreamChunkEvent> events =
        List.of(
            event(1_700_000_000_123L, "b"),
            event(1_700_000_000_123L, "a"),
            new StreamChunkEvent(
                -9_000_000_000_000L, // 1684: timestamps before the epoch
                "",
                "",
                "",
                "línea 1\nline 2 \u0000 \uD83D\uDE00",
                Map.of("", "", "k\u00e9", "v".repeat(70_000)),
                1_700_000_000_000L,
                -5,
                0),
            event(1_700_000_009_999L, "c"));
    List<StreamChunkEvent> decoded = StreamChunkCodec.decode(StreamChunkCodec.encode(events));
    List<StreamChunkEvent> expected = new ArrayList<>(events);
    expected.sort(StreamChunkEvent.ORDER);
    assertThat(decoded).containsExactlyElementsOf(expected);
    assertThat(decoded.get(1).eventId()).isEqualTo("a");
  }

  @Test
  void theBlockIsByteForByteFormatOne() {
    // A chunk replayed after an upgrade must get the id it had before: its block cannot change.
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("k\u00e9", "v\uD83D\uDE00");
    attributes.put("lone", "x\uD800y"); // an unpaired surrogate is written as '?'
    List<StreamChunkEvent> events =
        List.of(
            new StreamChunkEvent(
                1_700_000_000_123L,
                "b",
                "INFO",
                "runner",
                "plain ascii",
                Map.of("step", "2"),
                1_700_000_000_163L,
                40,
                120),
            new StreamChunkEvent(
                -9_000_000_000_000L,
                "",
                "",
                "",
                "l\u00ednea 1\nline 2 \u0000",
                attributes,
                1_700_000_000_000L,
                -5,
                0));
    assertThat(HexFormat.of().formatHex(StreamChunkCodec.encode(events)))
        .isEqualTo(
            "0102ffbfec9cef8b04000000116cc3ad6e656120310a6c696e652032200002036bc3a90576f09f9880"
                + "046c6f6e6503783f7980e0979be9ee040900f6e1979be9ee04016204494e464f0672756e6e65720b"
                + "706c61696e20617363696901047374657001325050f001");
  }

  @Test
  void theSameEventsInAnyOrderAreTheSameBlockAndId() {
    List<StreamChunkEvent> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(event(1_000 + i % 7, "e" + i));
    }
    byte[] block = StreamChunkCodec.encode(events);
    Collections.shuffle(events);
    byte[] again = StreamChunkCodec.encode(events);
    assertThat(again).isEqualTo(block);
    assertThat(StreamChunkCodec.id(again)).isEqualTo(StreamChunkCodec.id(block)).hasSize(16);
    events.remove(3);
    assertThat(StreamChunkCodec.id(StreamChunkCodec.encode(events)))
        .isNotEqualTo(StreamChunkCodec.id(block));
  }

  @Test
  void refusesAnotherFormatAndBrokenBlocks() {
    byte[] block = StreamChunkCodec.encode(List.of(event(5, "a")));
    byte[] otherFormat = block.clone();
    otherFormat[0] = 2;
    assertThatThrownBy(() -> StreamChunkCodec.decode(otherFormat))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format 2");
    assertThatThrownBy(() -> StreamChunkCodec.decode(Arrays.copyOf(block, block.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StreamChunkCodec.decode(Arrays.copyOf(block, block.length + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after its last event");
    assertThatThrownBy(() -> StreamChunkCodec.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSliceIsTenSecondsAlignedToTheEpoch() {
    assertThat(StreamChunks.sliceOf(1_700_000_009_999L)).isEqualTo(1_700_000_000_000L);
    assertThat(StreamChunks.sliceOf(1_700_000_010_000L)).isEqualTo(1_700_000_010_000L);
    assertThat(StreamChunks.sliceOf(-1)).isEqualTo(-10_000L);
    assertThat(86_400_000L % StreamChunks.SLICE_MILLIS).as("no slice crosses a day").isZero();
  }

  @Test
  void mergeOrdersByTimeThenIdAndKeepsEachEventOnce() {
    List<StreamChunkEvent> first = List.of(event(10, "b"), event(10, "d"), event(12, "a"));
    List<StreamChunkEvent> replayed = List.of(event(10, "a"), event(10, "d"), event(12, "a"));
    StreamChunkEvent sameIdLater = event(11, "b");
    List<StreamChunkEvent> merged =
        StreamChunks.merge(List.of(first, replayed, List.of(sameIdLater)));
    assertThat(merged)
        .extracting(e -> e.tsMillis() + ":" + e.eventId())
        .containsExactly("10:a", "10:b", "10:d", "11:b", "12:a");
    assertThat(event(10, "b").isAfter(10, "a")).isTrue();
    assertThat(event(10, "b").isAfter(10, "b")).isFalse();
    assertThat(event(9, "z").isAfter(10, "a")).isFalse();
    // Code point order, as Cassandra orders text: U+FFFD before an emoji (a surrogate pair).
    assertThat(StreamChunkEvent.compareIds("\uFFFD", "\uD83D\uDE00")).isNegative();
    assertThat(StreamChunkEvent.compareIds("a", "ab")).isNegative();
    assertThat(
            StreamChunks.merge(
                List.of(List.of(event(1, "\uD83D\uDE00")), List.of(event(1, "\uFFFD")))))
        .extracting(StreamChunkEvent::eventId)
        .containsExactly("\uFFFD", "\uD83D\uDE00");
  }
}
