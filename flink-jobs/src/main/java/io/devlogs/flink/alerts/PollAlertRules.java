package io.devlogs.flink.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.streaming.api.functions.source.RichSourceFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules' source: loads every enabled rule every {@code refresh} and emits a {@link RuleBook}
 * when it differs from the last one emitted (once at start). Holds no state: after a restore it
 * loads again, and the matching operator compares the book with the rules in its broadcast state. A
 * load that fails keeps the rules the job has (nothing is emitted) and is logged at most once a
 * minute, with the number of failures.
 *
 * <p>A legacy {@code SourceFunction}: a polling loop of one subtask, which is all this needs.
 */
public class PollAlertRules extends RichSourceFunction<RuleBook> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PollAlertRules.class);
  private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

  private final RulesSource source;
  private final Duration refresh;
  private volatile boolean running = true;

  public PollAlertRules(RulesSource source, Duration refresh) {
    this.source = source;
    this.refresh = refresh;
  }

  @Override
  public void run(SourceContext<RuleBook> ctx) throws Exception {
    Map<String, String> last = null;
    int failures = 0;
    Instant lastWarning = Instant.EPOCH;
    while (running) {
      try {
        Map<String, String> rules = source.loadAll();
        if (failures > 0) {
          LOG.info("Alert rules loaded again from {} after {} failures", source, failures);
          failures = 0;
        }
        if (!rules.equals(last)) {
          synchronized (ctx.getCheckpointLock()) {
            ctx.collect(new RuleBook(rules));
          }
          last = rules;
        }
      } catch (Exception e) {
        failures++;
        Instant now = Instant.now();
        if (!now.isBefore(lastWarning.plus(WARNING_INTERVAL))) {
          LOG.warn(
              "Could not load alert rules from {} ({} consecutive failures); keeping the rules"
                  + " the job has: {}",
              source,
              failures,
              e.toString());
          lastWarning = now;
        }
      }
      try {
        Thread.sleep(refresh.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void cancel() {
    running = false;
  }

  @Override
  public void close() throws Exception {
    source.close();
    super.close();
  }
}
