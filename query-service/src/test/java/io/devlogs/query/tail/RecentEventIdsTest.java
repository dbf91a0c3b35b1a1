package io.devlogs.query.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentEventIdsTest {

  @Test
  void anEventIsFirstOnlyOncePerProject() {
    RecentEventIds ids = new RecentEventIds(10);
    assertThat(ids.firstTime("p1", "e1")).isTrue();
    assertThat(ids.firstTime("p1", "e1")).isFalse();
    assertThat(ids.firstTime("p2", "e1")).as("another project's event of the same id").isTrue();
    assertThat(ids.firstTime("p1", "e2")).isTrue();
  }

  @Test
  void projectAndIdDoNotRunIntoEachOther() {
    RecentEventIds ids = new RecentEventIds(10);
    assertThat(ids.firstTime("p1", "e1")).isTrue();
    assertThat(ids.firstTime("p1e", "1")).isTrue();
    assertThat(ids.firstTime("p", "1e1")).isTrue();
  }

  @Test
  void onlyTheLastCapacityEventsAreRemembered() {
    RecentEventIds ids = new RecentEventIds(3);
    for (String id : new String[] {"a", "b", "c", "d"}) {
      assertThat(ids.firstTime("p", id)).isTrue();
    }
    assertThat(ids.firstTime("p", "d")).isFalse();
    assertThat(ids.firstTime("p", "b")).isFalse();
    assertThat(ids.firstTime("p", "a")).as("the oldest was forgotten").isTrue();
  }

  @Test
  void aManyThousandEventWindowHasNoCollisions() {
    RecentEventIds ids = new RecentEventIds(RecentEventIds.DEFAULT_CAPACITY);
    for (int i = 0; i < RecentEventIds.DEFAULT_CAPACITY; i++) {
      assertThat(ids.firstTime("p_tail", "evt-" + i)).isTrue();
    }
    assertThat(ids.firstTime("p_tail", "evt-0")).isFalse();
  }

  @Test
  void refusesAnEmptyCapacity() {
    assertThatThrownBy(() -> new RecentEventIds(0)).hasMessageContaining("at least 1");
  }
}
