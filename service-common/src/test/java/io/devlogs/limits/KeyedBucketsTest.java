package io.devlogs.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyedBucketsTest {

  private final KeyedBuckets perKey = new KeyedBuckets(new Rate(10, 10), 100);
  private final KeyedBuckets perProject = new KeyedBuckets(new Rate(10, 15), 100);

  private List<KeyedBuckets.Claim> claims(String key, String project, long cost) {
    return List.of(
        new KeyedBuckets.Claim(perKey, key, cost),
        new KeyedBuckets.Claim(perProject, project, cost));
  }

  @Test
  void takesFromEveryBucketOrFromNoneAndNamesTheFirstThatHeldTooFew() {
    assertThat(KeyedBuckets.takeAll(claims("a", "p", 8), 0)).isEmpty();
    // Key b has 10 tokens, project p only 7 left: nothing is taken from b.
    Optional<KeyedBuckets.Refusal> refused = KeyedBuckets.takeAll(claims("b", "p", 8), 0);
    assertThat(refused).get().extracting(KeyedBuckets.Refusal::claim).isEqualTo(1);
    assertThat(refused.get().waitNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(KeyedBuckets.takeAll(List.of(new KeyedBuckets.Claim(perKey, "b", 10)), 0))
        .as("key b kept its whole burst")
        .isEmpty();
    assertThat(KeyedBuckets.takeAll(claims("a", "q", 8), 0))
        .get()
        .extracting(KeyedBuckets.Refusal::claim)
        .isEqualTo(0);
  }

  @Test
  void concurrentRequestsNeverTakeMoreThanTheBucketHolds() throws Exception {
    KeyedBuckets shared = new KeyedBuckets(new Rate(1, 500), 100);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String key = "key-" + t;
        work.add(
            () -> {
              int taken = 0;
              for (int i = 0; i < 1_000; i++) {
                List<KeyedBuckets.Claim> claims =
                    List.of(
                        new KeyedBuckets.Claim(perKey, key, 0),
                        new KeyedBuckets.Claim(shared, "project", 1));
                if (KeyedBuckets.takeAll(claims, 0).isEmpty()) {
                  taken++;
                }
              }
              return taken;
            });
      }
      int total = 0;
      for (Future<Integer> done : threads.invokeAll(work)) {
        total += done.get();
      }
      assertThat(total).isEqualTo(500);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void keepsAtMostItsBoundOfKeysAndKeepsTheBusyOne() {
    KeyedBuckets bounded = new KeyedBuckets(new Rate(1, 5), 3);
    List<KeyedBuckets.Claim> busy = List.of(new KeyedBuckets.Claim(bounded, "busy", 5));
    assertThat(KeyedBuckets.takeAll(busy, 0)).isEmpty();
    for (int i = 0; i < 10_000; i++) {
      KeyedBuckets.takeAll(List.of(new KeyedBuckets.Claim(bounded, "flood-" + i, 1)), 0);
      if (i % 2 == 0) {
        assertThat(KeyedBuckets.takeAll(busy, 0)).as("the busy key stays drained").isPresent();
      }
    }
    assertThat(bounded.size()).isLessThanOrEqualTo(3);
  }
}
