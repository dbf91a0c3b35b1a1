package io.devlogs.query.alerts;

import io.devlogs.alerts.AlertRule;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The project's silences: {@code GET /v1/alerts/silences} (those not ended; {@code expired=true}:
 * all), {@code POST /v1/alerts/silences} and {@code POST /v1/alerts/silences/{id}/expire}.
 *
 * <p>Body of a create: {@code {"ruleId": "...", "matchers": {"team": "payments"}, "startsAt":
 * "...", "endsAt": "..." or "durationSeconds": 3600, "createdBy": "ana", "comment": "deploy"}};
 * {@code ruleId} absent mutes every rule of the project, {@code startsAt} defaults to now.
 */
public final class SilencesController {
  public static final Set<String> FIELDS =
      Set.of("ruleId", "matchers", "startsAt", "endsAt", "durationSeconds", "createdBy", "comment");
  public static final Duration MAX_DURATION = Duration.ofDays(90);

  private final SilenceStore silences;
  private final RuleStore rules;
  private final Clock clock;

  public SilencesController(SilenceStore silences, RuleStore rules, Clock clock) {
    this.silences = Objects.requireNonNull(silences, "silences");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Response body of the list. */
  public record Silences(List<Silence> silences) {}

  public void list(Context ctx) {
    RequestParams params = new RequestParams(ctx.queryParamMap());
    params.rejectUnknown(Set.of("expired"));
    boolean expired = params.single("expired").map("true"::equals).orElse(false);
    ctx.json(new Silences(silences.list(Authentication.projectId(ctx), expired, now())));
  }

  public void create(Context ctx) {
    String projectId = Authentication.projectId(ctx);
    Instant now = now();
    SilenceStore.NewSilence silence = parse(ctx.body(), now);
    if (silence.ruleId().isPresent() && rules.get(projectId, silence.ruleId().get()).isEmpty()) {
      throw JsonBody.badField("ruleId", "no alert rule " + silence.ruleId().get());
    }
    ctx.status(HttpStatus.CREATED).json(silences.create(projectId, silence, now));
  }

  public void expire(Context ctx) {
    UUID id = PathIds.of(ctx, "silence");
    ctx.json(
        silences
            .expire(Authentication.projectId(ctx), id, now())
            .orElseThrow(() -> PathIds.notFound("silence", id)));
  }

  /** Now, to the microsecond PostgreSQL keeps (it rounds), so "active" agrees with the row. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Reads and checks a create's body; 400 naming the field. Pure. */
  static SilenceStore.NewSilence parse(String body, Instant now) {
    JsonBody json = JsonBody.parse(body, FIELDS);
    Optional<UUID> ruleId = json.uuid("ruleId");
    Map<String, String> matchers =
        json.stringMap("matchers", AlertRule.MAX_LABELS, AlertRule.MAX_LABEL_VALUE_LENGTH);
    Instant startsAt = json.instant("startsAt").orElse(now);
    Optional<Instant> endsAt = json.instant("endsAt");
    Optional<Integer> seconds = json.integer("durationSeconds", 1, (int) MAX_DURATION.toSeconds());
    if (endsAt.isPresent() == seconds.isPresent()) {
      throw JsonBody.badField("endsAt", "give either endsAt or durationSeconds");
    }
    Instant end = endsAt.orElseGet(() -> startsAt.plusSeconds(seconds.get()));
    if (!end.isAfter(startsAt)) {
      throw JsonBody.badField("endsAt", "must be after startsAt (" + startsAt + ")");
    }
    if (!end.isAfter(now)) {
      throw JsonBody.badField("endsAt", "must be in the future");
    }
    if (Duration.between(startsAt, end).compareTo(MAX_DURATION) > 0) {
      throw JsonBody.badField(
          "endsAt", "a silence lasts at most " + MAX_DURATION.toDays() + " days");
    }
    return new SilenceStore.NewSilence(
        ruleId,
        matchers,
        startsAt,
        end,
        json.text("createdBy", 200).orElse(""),
        json.text("comment", 2000).orElse(""));
  }
}
