package io.devlogs.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StructuredEventBoundsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String problem(String json) throws Exception {
    JsonNode event = JSON.readTree(json);
    return StructuredEventBounds.problem(event);
  }

  private static String attributes(int n) {
    return IntStream.range(0, n).mapToObj(i -> "\"k" + i + "\":1").collect(Collectors.joining(","));
  }

  @Test
  void theJobsFieldsDoNotCountAsAttributes() throws Exception {
    String fields =
        "\"ts\":1,\"level\":\"info\",\"msg\":\"m\",\"service\":\"s\",\"stream\":\"r\",\"id\":\"i\",";
    assertThat(problem("{" + fields + attributes(EventBounds.MAX_ATTRIBUTES) + "}")).isNull();
    assertThat(problem("{" + fields + attributes(EventBounds.MAX_ATTRIBUTES + 1) + "}"))
        .isEqualTo("event has 1001 attributes, the limit is 1000");
  }

  @Test
  void nestedObjectsCountOnceFlattenedAndTheirNamesJoinWithDots() throws Exception {
    String name = "n".repeat(600);
    assertThat(problem("{\"" + name + "\":{\"" + name + "\":1}}"))
        .startsWith("attribute name of 1201 characters");
    assertThat(problem("{\"a\":{" + attributes(EventBounds.MAX_ATTRIBUTES) + "}}")).isNull();
  }

  @Test
  void theServiceIsTheFirstKeyPresentLikeTheJobPicksIt() throws Exception {
    String longName = "x".repeat(EventBounds.MAX_SERVICE_CHARS + 1);
    assertThat(problem("{\"app\":\"" + longName + "\"}")).startsWith("service of 513");
    // "service" wins, so a long "app" is an attribute, whose values are not bounded.
    assertThat(problem("{\"service\":\"s\",\"app\":\"" + longName + "\"}")).isNull();
    assertThat(problem("{\"service\":{\"name\":\"" + longName + "\"}}")).startsWith("service of");
  }

  @Test
  void idAndStreamAreBoundedAndNullsAreAbsent() throws Exception {
    assertThat(problem("{\"id\":\"" + "i".repeat(513) + "\"}")).startsWith("id of 513");
    assertThat(problem("{\"stream\":\"" + "s".repeat(1025) + "\"}")).startsWith("stream of 1025");
    assertThat(problem("{\"" + "n".repeat(2000) + "\":null}")).isNull();
  }

  @Test
  void parserLimitsAreNamedAsBounds() {
    ObjectMapper bounded =
        new ObjectMapper(
            JsonFactory.builder()
                .streamReadConstraints(StructuredEventBounds.READ_CONSTRAINTS)
                .build());
    assertThatThrownBy(() -> bounded.readTree("[".repeat(1001) + "]".repeat(1001)))
        .isInstanceOfSatisfying(
            StreamConstraintsException.class,
            e ->
                assertThat(StructuredEventBounds.problem(e))
                    .isEqualTo("JSON nested deeper than 1000 levels (1001)"));
    assertThatThrownBy(() -> bounded.readTree("{\"n\":" + "9".repeat(1001) + "}"))
        .isInstanceOfSatisfying(
            StreamConstraintsException.class,
            e ->
                assertThat(StructuredEventBounds.problem(e))
                    .isEqualTo("number of 1001 characters, the limit is 1000"));
    assertThat(StructuredEventBounds.READ_CONSTRAINTS.getMaxNameLength())
        .as("names are bounded by EventBounds, with a message naming the bound")
        .isEqualTo(Integer.MAX_VALUE);
  }
}
