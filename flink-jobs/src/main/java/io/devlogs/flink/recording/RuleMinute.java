package io.devlogs.flink.recording;

import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One recording rule's minute: the {@link GroupStats} of each group, at most {@code maxGroups} of
 * them; the events of every further group add up in {@link #other()}, so a rule whose group-by
 * meets an unbounded field (a user id) keeps bounded state and its totals stay right. The groups
 * kept are the first ones the minute saw. Mergeable.
 *
 * <p>Plain Java apart from its type information; a POJO for Flink's serializer.
 */
@TypeInfo(RuleMinute.TypeFactory.class)
public final class RuleMinute {

  private Map<String, GroupStats> groups = new HashMap<>();
  private GroupStats other = new GroupStats();

  public RuleMinute() {}

  /** Counts one matching event of {@code group}; {@code value} NaN when it carried none. */
  public RuleMinute add(String group, double value, int maxGroups) {
    GroupStats stats = groups.get(group);
    if (stats == null) {
      if (groups.size() >= maxGroups) {
        other.add(value);
        return this;
      }
      stats = new GroupStats();
      groups.put(group, stats);
    }
    stats.add(value);
    return this;
  }

  /**
   * Adds {@code that} minute's groups to this one's; groups beyond {@code maxGroups} go to the
   * other group.
   */
  public RuleMinute merge(RuleMinute that, int maxGroups) {
    for (Map.Entry<String, GroupStats> g : that.groups.entrySet()) {
      GroupStats stats = groups.get(g.getKey());
      if (stats == null && groups.size() < maxGroups) {
        stats = new GroupStats();
        groups.put(g.getKey(), stats);
      }
      (stats == null ? other : stats).merge(g.getValue());
    }
    other.merge(that.other);
    return this;
  }

  /** The groups kept, by their {@code group_key}. */
  public Map<String, GroupStats> groups() {
    return groups;
  }

  /** The events of the groups past the cap. */
  public GroupStats other() {
    return other;
  }

  // ---- POJO accessors for Flink's serializer; not for application code ----

  public Map<String, GroupStats> getGroups() {
    return groups;
  }

  public void setGroups(Map<String, GroupStats> groups) {
    this.groups = groups;
  }

  public GroupStats getOther() {
    return other;
  }

  public void setOther(GroupStats other) {
    this.other = other;
  }

  /** A POJO with Flink's map serializer for the groups (not Kryo). */
  public static class TypeFactory extends TypeInfoFactory<RuleMinute> {
    @Override
    public TypeInformation<RuleMinute> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
      TypeInformation<GroupStats> stats = TypeInformation.of(GroupStats.class);
      fields.put("groups", Types.MAP(Types.STRING, stats));
      fields.put("other", stats);
      return Types.POJO(RuleMinute.class, fields);
    }
  }
}
