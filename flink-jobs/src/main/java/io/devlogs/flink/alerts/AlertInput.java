package io.devlogs.flink.alerts;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * What the evaluation of one rule (its {@link #key}) receives: an event the rule's filter matched,
 * a closed minute of the derived metric it watches, the rule itself (new or changed), or the news
 * that it was disabled or deleted.
 *
 * @param key {@link RuleKeys#of} the rule
 * @param kind what this is
 * @param ruleVersion the version of the rule that matched the event (events)
 * @param eventId the matching event's id (events)
 * @param eventTimeMillis the matching event's time (events); the minute's start (minutes)
 * @param receivedAtMillis when ingest received the matching event (events)
 * @param error whether the matching event is an error or fatal one (events)
 * @param service the matching event's service (events)
 * @param durationMillis the duration the matching event carries, NaN when none (events of latency
 *     rules)
 * @param patternId the matching event's log pattern (events of new-pattern rules, else null)
 * @param example the matching event's message, cut to {@link #MAX_EXAMPLE} characters (events of
 *     new-pattern rules, else null)
 * @param rule the {@link LoadedRule#toJson} text (rules)
 * @param minute the watched groups' statistics of the minute, {@link DerivedMinute#encode}
 *     (minutes)
 */
@TypeInfo(AlertInput.TypeFactory.class)
public record AlertInput(
    String key,
    Kind kind,
    long ruleVersion,
    String eventId,
    long eventTimeMillis,
    long receivedAtMillis,
    boolean error,
    String service,
    double durationMillis,
    String patternId,
    String example,
    String rule,
    String minute) {

  /** The longest example message a new-pattern alert carries. */
  public static final int MAX_EXAMPLE = 200;

  /** What an input is. */
  public enum Kind {
    EVENT,
    MINUTE,
    RULE,
    REMOVED
  }

  public static AlertInput event(
      String key,
      long ruleVersion,
      String eventId,
      long eventTimeMillis,
      long receivedAtMillis,
      boolean error,
      String service) {
    return new AlertInput(
        key,
        Kind.EVENT,
        ruleVersion,
        eventId,
        eventTimeMillis,
        receivedAtMillis,
        error,
        service,
        Double.NaN,
        null,
        null,
        null,
        null);
  }

  /**
   * A closed minute of the derived metric a rule watches.
   *
   * @param ruleVersion the version of the alert rule that matched the minute
   */
  public static AlertInput minute(
      String key, long ruleVersion, long minuteStartMillis, DerivedMinute minute) {
    return new AlertInput(
        key,
        Kind.MINUTE,
        ruleVersion,
        null,
        minuteStartMillis,
        0,
        false,
        null,
        Double.NaN,
        null,
        null,
        null,
        minute.encode());
  }

  /** This event input with the event's duration (latency rules). */
  public AlertInput withDuration(double millis) {
    return new AlertInput(
        key,
        kind,
        ruleVersion,
        eventId,
        eventTimeMillis,
        receivedAtMillis,
        error,
        service,
        millis,
        patternId,
        example,
        rule,
        minute);
  }

  /** This event input with the event's pattern and message (new-pattern rules). */
  public AlertInput withPattern(String pattern, String message) {
    String cut =
        message == null || message.length() <= MAX_EXAMPLE
            ? message
            : message.substring(0, MAX_EXAMPLE);
    return new AlertInput(
        key,
        kind,
        ruleVersion,
        eventId,
        eventTimeMillis,
        receivedAtMillis,
        error,
        service,
        durationMillis,
        pattern,
        cut,
        rule,
        minute);
  }

  public static AlertInput rule(String key, String rule) {
    return new AlertInput(
        key, Kind.RULE, 0, null, 0, 0, false, null, Double.NaN, null, null, rule, null);
  }

  public static AlertInput removed(String key) {
    return new AlertInput(
        key, Kind.REMOVED, 0, null, 0, 0, false, null, Double.NaN, null, null, null, null);
  }

  /** Keys inputs by rule. */
  public static final class ByRule implements KeySelector<AlertInput, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(AlertInput input) {
      return input.key();
    }
  }

  /** A POJO of Flink's own field serializers. */
  public static class TypeFactory extends TypeInfoFactory<AlertInput> {
    @Override
    public TypeInformation<AlertInput> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
      fields.put("key", Types.STRING);
      fields.put("kind", Types.ENUM(Kind.class));
      fields.put("ruleVersion", Types.LONG);
      fields.put("eventId", Types.STRING);
      fields.put("eventTimeMillis", Types.LONG);
      fields.put("receivedAtMillis", Types.LONG);
      fields.put("error", Types.BOOLEAN);
      fields.put("service", Types.STRING);
      fields.put("durationMillis", Types.DOUBLE);
      fields.put("patternId", Types.STRING);
      fields.put("example", Types.STRING);
      fields.put("rule", Types.STRING);
      fields.put("minute", Types.STRING);
      return Types.POJO(AlertInput.class, fields);
    }
  }
}
