package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertSeverity;
import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * How the job serializes an {@link AlertTransition} between operators: a POJO of Flink's field
 * serializers (the contract's record knows nothing of Flink, so no annotation names a factory).
 */
public final class AlertTransitionType {
  private AlertTransitionType() {}

  public static final TypeInformation<AlertTransition> INFO = create();

  private static TypeInformation<AlertTransition> create() {
    Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
    fields.put("project", Types.STRING);
    fields.put("ruleId", Types.STRING);
    fields.put("ruleName", Types.STRING);
    fields.put("ruleVersion", Types.LONG);
    fields.put("fingerprint", Types.STRING);
    fields.put("state", Types.ENUM(AlertState.class));
    fields.put("previousState", Types.ENUM(AlertState.class));
    fields.put("severity", Types.ENUM(AlertSeverity.class));
    fields.put("labels", Types.MAP(Types.STRING, Types.STRING));
    fields.put("summary", Types.STRING);
    fields.put("value", Types.DOUBLE);
    fields.put("threshold", Types.DOUBLE);
    fields.put("at", Types.INSTANT);
    fields.put("triggerEventId", Types.STRING);
    fields.put("triggerEventTime", Types.INSTANT);
    fields.put("idempotencyKey", Types.STRING);
    return Types.POJO(AlertTransition.class, fields);
  }
}
