package io.devlogs.flink.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternMinerTest {

  private final PatternOptions options = PatternOptions.defaults();

  @Test
  void messagesOfOneShapeShareAPatternWhoseTemplateGeneralises() {
    PatternMiner miner = new PatternMiner("p1", options);

    PatternMiner.Match first = miner.add("login of alice succeeded from web", 1_000, 1);
    PatternMiner.Match second = miner.add("login of bob succeeded from web", 2_000, 2);
    PatternMiner.Match third = miner.add("login of carol succeeded from web", 3_000, 3);
    PatternMiner.Match other = miner.add("disk full on /var", 4_000, 4);

    assertThat(first.change()).isEqualTo(PatternMiner.Change.CREATED);
    assertThat(second.change()).isEqualTo(PatternMiner.Change.GENERALISED);
    assertThat(second.cluster().templateText()).isEqualTo("login of <*> succeeded from web");
    assertThat(second.cluster().version()).isEqualTo(2);
    assertThat(second.cluster().firstSeenMillis()).isEqualTo(1_000);
    assertThat(second.cluster().example()).isEqualTo("login of alice succeeded from web");
    assertThat(third.change()).isEqualTo(PatternMiner.Change.NONE);
    assertThat(List.of(second.id(), third.id())).containsOnly(first.id());
    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(miner.size()).isEqualTo(2);
  }

  @Test
  void likeDrainAWordWithoutDigitsAmongTheFirstTokensStartsItsOwnPattern() {
    PatternMiner miner = new PatternMiner("p1", options);

    String alice = miner.add("user alice logged in", 0, 0).id();

    assertThat(miner.add("user bob logged in", 0, 0).id()).isNotEqualTo(alice);
    assertThat(miner.add("user 42 logged in", 0, 0).id())
        .as("a word with digits goes down the wildcard branch")
        .isNotEqualTo(alice);
  }

  /**
   * Why the job keys the miner by the whole project, not by Drain's first levels: a first token
   * without a node of its own descends to the wildcard node and joins a pattern begun by a
   * variable.
   */
  @Test
  void aFirstTokenWithoutANodeOfItsOwnJoinsAPatternBegunByAVariable() {
    PatternMiner miner = new PatternMiner("p1", options);

    String connected = miner.add("42 connected to db", 0, 0).id();

    assertThat(miner.add("alice connected to db", 0, 0).id()).isEqualTo(connected);
  }

  @Test
  void aMessageMadeOnlyOfVariablesJoinsItsOwnPattern() {
    PatternMiner miner = new PatternMiner("p1", options);

    PatternMiner.Match first = miner.add("12345", 0, 0);
    PatternMiner.Match second = miner.add("67890", 0, 0);

    assertThat(first.change()).isEqualTo(PatternMiner.Change.CREATED);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.change()).isEqualTo(PatternMiner.Change.NONE);
  }

  @Test
  void theIdIsFixedByProjectAndFirstTemplateAcrossRuns() {
    PatternMiner a = new PatternMiner("p1", options);
    PatternMiner b = new PatternMiner("p1", options);
    PatternMiner otherProject = new PatternMiner("p2", options);

    String id = a.add("job 17 finished in 3s", 0, 0).id();

    assertThat(b.add("job 99 finished in 12s", 0, 0).id()).isEqualTo(id);
    assertThat(otherProject.add("job 17 finished in 3s", 0, 0).id()).isNotEqualTo(id);
    assertThat(id).matches("[0-9a-f]{16}");
  }

  @Test
  void beyondTheBoundTheLeastRecentlySeenPatternIsEvicted() {
    PatternMiner miner = new PatternMiner("p1", new PatternOptions(2, 64, 0.5, 4, 100));
    String a = miner.add("alpha starts now", 0, 1).id();
    String b = miner.add("beta stops here today", 0, 2).id();
    miner.add("alpha starts now", 0, 3); // a is now more recent than b

    PatternMiner.Match c = miner.add("gamma is a third shape of message", 0, 4);

    assertThat(c.change()).isEqualTo(PatternMiner.Change.CREATED);
    assertThat(c.evicted()).isEqualTo(b);
    assertThat(miner.size()).isEqualTo(2);
    assertThat(miner.add("alpha starts now", 0, 5).id()).isEqualTo(a);
    PatternMiner.Match back = miner.add("beta stops here today", 0, 6);
    assertThat(back.change()).isEqualTo(PatternMiner.Change.CREATED);
    assertThat(back.id()).as("the same first template gives the same id again").isEqualTo(b);
  }

  @Test
  void aRestoredMinerMatchesAsTheOriginalDid() {
    PatternMiner original = new PatternMiner("p1", options);
    String id = original.add("connection from 10.0.0.1 closed by peer", 0, 1).id();
    original.add("connection from 10.0.0.2 reset by peer", 0, 2);

    PatternMiner restored = new PatternMiner("p1", options);
    original.patterns().forEach(restored::restore);

    PatternMiner.Match m = restored.add("connection from 10.0.0.3 closed by peer", 0, 3);
    assertThat(m.id()).isEqualTo(id);
    assertThat(m.change()).isEqualTo(PatternMiner.Change.NONE);
  }

  @Test
  void aLongMessageIsBoundedAndItsExampleCut() {
    PatternMiner miner = new PatternMiner("p1", new PatternOptions(10, 8, 0.5, 4, 100));
    String longMessage = "word ".repeat(1_000);

    PatternMiner.Match m = miner.add(longMessage, 0, 0);

    assertThat(m.cluster().template()).hasSize(9);
    assertThat(m.cluster().example()).hasSize(PatternMiner.MAX_EXAMPLE_CHARS);
  }
}
