package io.devlogs.query.recording;

import io.devlogs.query.alerts.PathIds;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.TimeRange;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The project's recording rules (derived metrics): {@code GET/POST /v1/recording/rules}, {@code
 * GET/PUT/DELETE /v1/recording/rules/{id}} and the metric per minute, {@code GET
 * /v1/recording/rules/{id}/series?from&to}. The project is always the caller's; another project's
 * rule is 404 like a missing one.
 */
public final class RecordingRulesController {

  static final Duration DEFAULT_SPAN = Duration.ofHours(1);

  /** A day of minutes. */
  static final Duration MAX_SPAN = Duration.ofDays(1);

  private static final String WHAT = "recording rule";

  private final RecordingRuleStore rules;
  private final RecordedMinutes minutes;
  private final Clock clock;

  public RecordingRulesController(RecordingRuleStore rules, RecordedMinutes minutes, Clock clock) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.minutes = Objects.requireNonNull(minutes, "minutes");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Response body of the list. */
  public record Rules(List<StoredRecordingRule> rules) {}

  public void list(Context ctx) {
    new RequestParams(ctx.queryParamMap()).rejectUnknown(Set.of());
    ctx.json(
        new Rules(
            rules.list(Authentication.projectId(ctx)).stream()
                .map(RecordingRuleStore.RuleRow::view)
                .toList()));
  }

  public void get(Context ctx) {
    ctx.json(find(ctx).view());
  }

  public void create(Context ctx) {
    String projectId = Authentication.projectId(ctx);
    ctx.status(HttpStatus.CREATED)
        .json(
            rules
                .create(
                    projectId,
                    RecordingRuleRequest.parse(
                        ctx.body(), projectId, RecordingRuleRequest.UNSAVED_ID))
                .view());
  }

  public void update(Context ctx) {
    String projectId = Authentication.projectId(ctx);
    UUID id = PathIds.of(ctx, WHAT);
    ctx.json(
        rules
            .update(projectId, id, RecordingRuleRequest.parse(ctx.body(), projectId, id.toString()))
            .orElseThrow(() -> PathIds.notFound(WHAT, id))
            .view());
  }

  public void delete(Context ctx) {
    UUID id = PathIds.of(ctx, WHAT);
    if (!rules.delete(Authentication.projectId(ctx), id)) {
      throw PathIds.notFound(WHAT, id);
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /**
   * The metric per minute and group over {@code from .. to} (default the last hour, at most 1 d).
   */
  public void series(Context ctx) {
    RequestParams params = new RequestParams(ctx.queryParamMap());
    params.rejectUnknown(Set.of("from", "to"));
    RecordingRuleStore.RuleRow row = find(ctx);
    TimeRange asked = params.timeRange(clock.instant(), DEFAULT_SPAN, MAX_SPAN);
    TimeRange range =
        new TimeRange(
            asked.from().truncatedTo(ChronoUnit.MINUTES),
            asked
                .to()
                .truncatedTo(ChronoUnit.MINUTES)
                .plus(
                    asked.to().truncatedTo(ChronoUnit.MINUTES).equals(asked.to())
                        ? Duration.ZERO
                        : Duration.ofMinutes(1)));
    ctx.json(minutes.series(Authentication.projectId(ctx), row.rule(), range));
  }

  private RecordingRuleStore.RuleRow find(Context ctx) {
    UUID id = PathIds.of(ctx, WHAT);
    return rules
        .get(Authentication.projectId(ctx), id)
        .orElseThrow(() -> PathIds.notFound(WHAT, id));
  }
}
