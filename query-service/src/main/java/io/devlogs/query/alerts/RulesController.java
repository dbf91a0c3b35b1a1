package io.devlogs.query.alerts;

import io.devlogs.alerts.AlertRule;
import io.devlogs.query.alerts.notify.NotificationStore;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.logs.Histogram;
import io.devlogs.query.logs.LogQuery;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.records.TimeRange;
import io.devlogs.recording.RecordingRule;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The project's alert rules: {@code GET/POST /v1/alerts/rules}, {@code GET/PUT/DELETE
 * /v1/alerts/rules/{id}}, {@code POST /v1/alerts/rules/{id}/enable|disable} (mute), and the 24-hour
 * preview of a stored rule ({@code GET /v1/alerts/rules/{id}/preview}) or of a draft ({@code POST
 * /v1/alerts/preview}). The project is always the key's; another project's rule is 404, and a
 * {@code derived_metric} rule naming another project's recording rule is 400 on {@code
 * definition.recording_rule_id}, as an id that does not exist is.
 */
public final class RulesController {
  private final RuleStore rules;
  private final NotificationStore notifications;
  private final LogSearch logSearch;
  private final DerivedMetrics derivedMetrics;
  private final Clock clock;

  public RulesController(
      RuleStore rules,
      NotificationStore notifications,
      LogSearch logSearch,
      DerivedMetrics derivedMetrics,
      Clock clock) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.notifications = Objects.requireNonNull(notifications, "notifications");
    this.logSearch = Objects.requireNonNull(logSearch, "logSearch");
    this.derivedMetrics = Objects.requireNonNull(derivedMetrics, "derivedMetrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Response body of the list. */
  public record Rules(List<StoredRule> rules) {}

  public void list(Context ctx) {
    new RequestParams(ctx.queryParamMap()).rejectUnknown(Set.of());
    String projectId = Authentication.projectId(ctx);
    ctx.json(new Rules(rules.list(projectId).stream().map(RuleStore.RuleRow::view).toList()));
  }

  public void get(Context ctx) {
    ctx.json(find(ctx).view());
  }

  public void create(Context ctx) {
    String projectId = Authentication.projectId(ctx);
    RuleRequest request = RuleRequest.parse(ctx.body(), projectId, RuleRequest.UNSAVED_ID, 1);
    checkReceivers(projectId, request.receivers());
    checkRecordingRule(projectId, request.rule());
    ctx.status(HttpStatus.CREATED).json(rules.create(projectId, request).view());
  }

  public void update(Context ctx) {
    String projectId = Authentication.projectId(ctx);
    UUID id = PathIds.of(ctx, "alert rule");
    RuleRequest request = RuleRequest.parse(ctx.body(), projectId, id.toString(), 1);
    checkReceivers(projectId, request.receivers());
    checkRecordingRule(projectId, request.rule());
    ctx.json(
        rules
            .update(projectId, id, request)
            .orElseThrow(() -> PathIds.notFound("alert rule", id))
            .view());
  }

  public void delete(Context ctx) {
    UUID id = PathIds.of(ctx, "alert rule");
    if (!rules.delete(Authentication.projectId(ctx), id)) {
      throw PathIds.notFound("alert rule", id);
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  public void enable(Context ctx) {
    setEnabled(ctx, true);
  }

  /** Mutes the rule: the job stops evaluating it and resolves its open alerts. */
  public void disable(Context ctx) {
    setEnabled(ctx, false);
  }

  private void setEnabled(Context ctx, boolean enabled) {
    UUID id = PathIds.of(ctx, "alert rule");
    ctx.json(
        rules
            .setEnabled(Authentication.projectId(ctx), id, enabled)
            .orElseThrow(() -> PathIds.notFound("alert rule", id))
            .view());
  }

  /** The preview of a stored rule over the last 24 hours. */
  public void previewStored(Context ctx) {
    new RequestParams(ctx.queryParamMap()).rejectUnknown(Set.of());
    ctx.json(preview(Authentication.projectId(ctx), find(ctx).rule()));
  }

  /** The preview of a rule being edited (the body of a create), before it is saved. */
  public void previewDraft(Context ctx) {
    String projectId = Authentication.projectId(ctx);
    AlertRule rule = RuleRequest.parse(ctx.body(), projectId, RuleRequest.UNSAVED_ID, 1).rule();
    checkRecordingRule(projectId, rule);
    ctx.json(preview(projectId, rule));
  }

  private RulePreview.Result preview(String projectId, AlertRule rule) {
    Instant to = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(RulePreview.STEP);
    Instant evaluateFrom = to.minus(RulePreview.SPAN);
    if (RulePreview.unavailable(rule).isPresent()) {
      return RulePreview.unavailable(rule, evaluateFrom, to);
    }
    if (rule.metric().isPresent()) {
      Optional<RecordingRule> recording = recordingRule(projectId, rule);
      if (recording.isEmpty()) {
        return RulePreview.unavailable(
            rule, evaluateFrom, to, "no preview: the recording rule is gone");
      }
      DerivedMetrics.WatchedMinutes minutes =
          derivedMetrics.minutes(
              projectId,
              recording.get(),
              rule.metric().get(),
              new TimeRange(RulePreview.countsFrom(rule, evaluateFrom), to));
      return minutes.unavailable() == null
          ? RulePreview.evaluateDerived(rule, minutes.values(), evaluateFrom, to)
          : RulePreview.unavailable(rule, evaluateFrom, to, minutes.unavailable());
    }
    Instant countsFrom = RulePreview.countsFrom(rule, evaluateFrom);
    Histogram counts =
        logSearch.histogram(
            projectId,
            new LogQuery(new TimeRange(countsFrom, to), filters(rule)),
            RulePreview.STEP);
    return RulePreview.evaluate(rule, counts, evaluateFrom, to);
  }

  /** The rule's filter as search's filters: the same events the job counts. */
  static SearchFilters filters(AlertRule rule) {
    return new SearchFilters(
        rule.filter().levels(),
        rule.filter().service().map(Set::of).orElse(Set.of()),
        Optional.empty(),
        rule.filter().terms(),
        rule.filter().attributes());
  }

  private RuleStore.RuleRow find(Context ctx) {
    UUID id = PathIds.of(ctx, "alert rule");
    return rules
        .get(Authentication.projectId(ctx), id)
        .orElseThrow(() -> PathIds.notFound("alert rule", id));
  }

  /**
   * 400 when a derived_metric rule names a recording rule the project does not have: another
   * project's rule looks exactly like one that does not exist.
   */
  private void checkRecordingRule(String projectId, AlertRule rule) {
    if (rule.metric().isPresent() && recordingRule(projectId, rule).isEmpty()) {
      throw JsonBody.badField(
          "definition.recording_rule_id",
          "no recording rule " + rule.metric().get().recordingRuleId());
    }
  }

  /** The project's recording rule a derived_metric rule names; empty for other kinds. */
  private Optional<RecordingRule> recordingRule(String projectId, AlertRule rule) {
    return rule.metric()
        .flatMap(m -> derivedMetrics.rule(projectId, UUID.fromString(m.recordingRuleId())));
  }

  private void checkReceivers(String projectId, List<UUID> receivers) {
    if (receivers.isEmpty()) {
      return;
    }
    List<UUID> unknown = notifications.unknown(projectId, receivers);
    if (!unknown.isEmpty()) {
      int index = receivers.indexOf(unknown.get(0));
      throw JsonBody.badField("receivers[" + index + "]", "no receiver " + unknown.get(0));
    }
  }
}
