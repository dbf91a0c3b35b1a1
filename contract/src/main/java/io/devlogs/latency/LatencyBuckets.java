package io.devlogs.latency;

/**
 * The fixed log-scale bucket layout of latency histograms and the percentile read from them: one
 * implementation for the Flink job, which fills the buckets of minute windows, and the query
 * service, which reads percentiles from minute buckets summed over hours and days.
 *
 * <p><b>Layout (fixed: stored in ClickHouse {@code event_windows}; changing it needs a new
 * column).</b> Bucket 0 holds durations of exactly 0. Bucket {@code i >= 1} holds durations in
 * {@code [MIN_MS * GAMMA^(i-1), MIN_MS * GAMMA^i)} with {@code MIN_MS = 0.001} (1 µs) and {@code
 * GAMMA = 1.02}; durations below 1 µs go to bucket 1 and durations above the last bucket ({@value
 * #MAX_BUCKET}, about 41 h) go to the last bucket. A bucket is read as {@code MIN_MS * GAMMA^(i-1)
 * * 2 * GAMMA / (GAMMA + 1)}, which is within {@code (GAMMA - 1) / (GAMMA + 1)} (0.99%) of every
 * value in the bucket (DDSketch-style). Buckets of different windows add up exactly, so a histogram
 * summed from minute buckets gives the same percentiles as one histogram over all its events.
 *
 * <p>Percentiles use the nearest-rank definition: p(q) is the value of rank {@code ceil(q * n)} in
 * ascending order. The bucket value is clamped to the exact minimum and maximum, so p0 and p100 are
 * exact.
 */
public final class LatencyBuckets {

  public static final double MIN_MS = 0.001;
  public static final double GAMMA = 1.02;
  public static final int MAX_BUCKET = 1299;

  /** Largest relative error of a percentile read from the buckets. */
  public static final double RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);

  private static final double LOG_GAMMA = Math.log(GAMMA);

  private LatencyBuckets() {}

  /** The bucket a duration in milliseconds falls in. */
  public static int bucketOf(double millis) {
    if (!(millis > 0)) {
      return 0;
    }
    double index = Math.floor(Math.log(millis / MIN_MS) / LOG_GAMMA) + 1;
    return (int) Math.max(1, Math.min(MAX_BUCKET, index));
  }

  /** The value a bucket stands for: within {@link #RELATIVE_ERROR} of every value in it. */
  public static double bucketValue(int bucket) {
    if (bucket <= 0) {
      return 0;
    }
    return MIN_MS * Math.pow(GAMMA, bucket - 1) * 2 * GAMMA / (GAMMA + 1);
  }

  /** Throws unless {@code bucket} is a bucket id of the layout. */
  public static void checkBucket(int bucket) {
    if (bucket < 0 || bucket > MAX_BUCKET) {
      throw new IllegalArgumentException("bucket " + bucket + " outside 0.." + MAX_BUCKET);
    }
  }

  /**
   * The nearest-rank percentile {@code q} in [0, 1] of {@code count} durations with the given
   * minimum and maximum, held in sparse buckets: {@code ids} ascending, {@code counts} their
   * counts. 0 when {@code count} is 0.
   */
  public static double percentile(
      int[] ids, long[] counts, long count, double min, double max, double q) {
    if (ids.length != counts.length) {
      throw new IllegalArgumentException(
          "bucket ids and counts differ in length: " + ids.length + " vs " + counts.length);
    }
    long rank = rank(count, q);
    long seen = 0;
    for (int i = 0; i < ids.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return percentile(ids[i], seen, count, min, max, q);
      }
    }
    return percentile(0, seen, count, min, max, q);
  }

  /**
   * The rank of the nearest-rank percentile {@code q} in [0, 1] among {@code count} values,
   * computed as {@code ceil(q * count)} in doubles, as a SQL expression {@code ceil(q * count)}
   * does, and at least 1.
   */
  public static long rank(long count, double q) {
    if (q < 0 || q > 1 || Double.isNaN(q)) {
      throw new IllegalArgumentException("percentile must be in [0, 1], got " + q);
    }
    return Math.max(1, (long) Math.ceil(q * count));
  }

  /**
   * The percentile {@code q} when the store already found the bucket holding its {@link #rank}:
   * {@code rankBucket}, the first bucket in ascending order whose running count reaches the rank,
   * and {@code bucketTotal}, the count of all buckets (below the rank when the buckets hold fewer
   * durations than {@code count}: the maximum is then the answer). 0 when {@code count} is 0.
   */
  public static double percentile(
      int rankBucket, long bucketTotal, long count, double min, double max, double q) {
    long rank = rank(count, q);
    if (count == 0) {
      return 0;
    }
    if (rank == 1) {
      return min;
    }
    if (rank >= count || bucketTotal < rank) {
      return max;
    }
    return Math.max(min, Math.min(max, bucketValue(rankBucket)));
  }
}
