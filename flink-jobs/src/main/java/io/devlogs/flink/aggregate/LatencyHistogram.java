package io.devlogs.flink.aggregate;

import io.devlogs.latency.LatencyBuckets;
import java.util.Arrays;

/**
 * A mergeable histogram of durations in milliseconds with log-scale buckets, from which percentiles
 * are read with at most {@link LatencyBuckets#RELATIVE_ERROR} relative error. Counts are kept
 * sparse: sorted bucket ids with their counts, only non-empty buckets. The bucket layout and the
 * percentile definition are {@link LatencyBuckets}'s (shared with the query service, which reads
 * the same buckets back from ClickHouse); this class adds the mutable state the window operator
 * keeps.
 *
 * <p>Plain Java, no Flink types. The getters and setters exist so Flink serializes the histogram as
 * a POJO (compact, no Kryo); callers use {@link #add}, {@link #merge} and {@link #percentile}. The
 * class stays in this package under this name: it is part of the window state in savepoints.
 */
public final class LatencyHistogram {

  private static final int[] NO_IDS = new int[0];
  private static final long[] NO_COUNTS = new long[0];

  private int[] bucketIds = NO_IDS;
  private long[] bucketCounts = NO_COUNTS;
  private long count;
  private double sum;
  private double min;
  private double max;

  /** An empty histogram. */
  public LatencyHistogram() {}

  /**
   * A histogram from stored buckets (e.g. summed minute rows) and the exact count, sum, min and max
   * of the durations it holds.
   */
  public static LatencyHistogram of(
      int[] ids, long[] counts, long count, double sum, double min, double max) {
    if (ids.length != counts.length) {
      throw new IllegalArgumentException(
          "bucket ids and counts differ in length: " + ids.length + " vs " + counts.length);
    }
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < ids.length; i++) {
      h.addToBucket(ids[i], counts[i]);
    }
    h.count = count;
    h.sum = sum;
    h.min = min;
    h.max = max;
    return h;
  }

  /** Adds one duration; negative, NaN and infinite values are ignored and return false. */
  public boolean add(double millis) {
    if (!(millis >= 0) || Double.isInfinite(millis)) {
      return false;
    }
    addToBucket(LatencyBuckets.bucketOf(millis), 1);
    min = count == 0 ? millis : Math.min(min, millis);
    max = count == 0 ? millis : Math.max(max, millis);
    count++;
    sum += millis;
    return true;
  }

  /** Adds every duration of {@code other} to this histogram. */
  public void merge(LatencyHistogram other) {
    if (other.count == 0) {
      return;
    }
    for (int i = 0; i < other.bucketIds.length; i++) {
      addToBucket(other.bucketIds[i], other.bucketCounts[i]);
    }
    min = count == 0 ? other.min : Math.min(min, other.min);
    max = count == 0 ? other.max : Math.max(max, other.max);
    count += other.count;
    sum += other.sum;
  }

  /** The nearest-rank percentile for {@code q} in [0, 1], or 0 when the histogram is empty. */
  public double percentile(double q) {
    return LatencyBuckets.percentile(bucketIds, bucketCounts, count, min, max, q);
  }

  private void addToBucket(int bucket, long n) {
    LatencyBuckets.checkBucket(bucket);
    if (n <= 0) {
      return;
    }
    int at = Arrays.binarySearch(bucketIds, bucket);
    if (at >= 0) {
      bucketCounts[at] += n;
      return;
    }
    // A new bucket: copy into arrays one longer, so the arrays are always exactly the non-empty
    // buckets (compact in state and in ClickHouse). After the first events of a window most
    // durations fall into buckets that already exist.
    int insert = -at - 1;
    int[] ids = new int[bucketIds.length + 1];
    long[] counts = new long[bucketIds.length + 1];
    System.arraycopy(bucketIds, 0, ids, 0, insert);
    System.arraycopy(bucketCounts, 0, counts, 0, insert);
    ids[insert] = bucket;
    counts[insert] = n;
    System.arraycopy(bucketIds, insert, ids, insert + 1, bucketIds.length - insert);
    System.arraycopy(bucketCounts, insert, counts, insert + 1, bucketIds.length - insert);
    bucketIds = ids;
    bucketCounts = counts;
  }

  /** A deep copy. */
  public LatencyHistogram copy() {
    LatencyHistogram h = new LatencyHistogram();
    h.bucketIds = bucketIds.clone();
    h.bucketCounts = bucketCounts.clone();
    h.count = count;
    h.sum = sum;
    h.min = min;
    h.max = max;
    return h;
  }

  /** Ids of the non-empty buckets, ascending (a copy). */
  public int[] bucketIds() {
    return bucketIds.clone();
  }

  /** Counts of the non-empty buckets, in the order of {@link #bucketIds()} (a copy). */
  public long[] bucketCounts() {
    return bucketCounts.clone();
  }

  public long count() {
    return count;
  }

  public double sum() {
    return sum;
  }

  /** The smallest duration added, or 0 when empty. */
  public double min() {
    return min;
  }

  /** The largest duration added, or 0 when empty. */
  public double max() {
    return max;
  }

  // ---- POJO accessors for Flink's serializer; not for application code ----

  public int[] getBucketIds() {
    return bucketIds;
  }

  public void setBucketIds(int[] bucketIds) {
    this.bucketIds = bucketIds;
  }

  public long[] getBucketCounts() {
    return bucketCounts;
  }

  public void setBucketCounts(long[] bucketCounts) {
    this.bucketCounts = bucketCounts;
  }

  public long getCount() {
    return count;
  }

  public void setCount(long count) {
    this.count = count;
  }

  public double getSum() {
    return sum;
  }

  public void setSum(double sum) {
    this.sum = sum;
  }

  public double getMin() {
    return min;
  }

  public void setMin(double min) {
    this.min = min;
  }

  public double getMax() {
    return max;
  }

  public void setMax(double max) {
    this.max = max;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram h
        && count == h.count
        && Double.compare(sum, h.sum) == 0
        && Double.compare(min, h.min) == 0
        && Double.compare(max, h.max) == 0
        && Arrays.equals(bucketIds, h.bucketIds)
        && Arrays.equals(bucketCounts, h.bucketCounts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bucketIds) + Arrays.hashCode(bucketCounts) + Long.hashCode(count);
  }

  @Override
  public String toString() {
    return "LatencyHistogram{count="
        + count
        + ", sum="
        + sum
        + ", min="
        + min
        + ", max="
        + max
        + ", buckets="
        + bucketIds.length
        + "}";
  }
}
