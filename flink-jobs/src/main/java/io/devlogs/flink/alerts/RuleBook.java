package io.devlogs.flink.alerts;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Every enabled rule as loaded at one moment, broadcast to every subtask that matches events.
 *
 * @param rules {@link LoadedRule#toJson} texts by {@link RuleKeys#of}
 */
@TypeInfo(RuleBook.TypeFactory.class)
public record RuleBook(Map<String, String> rules) {

  public RuleBook {
    rules = Map.copyOf(rules);
  }

  /** A POJO with Flink's map serializer (Kryo cannot rebuild the immutable map). */
  public static class TypeFactory extends TypeInfoFactory<RuleBook> {
    @Override
    public TypeInformation<RuleBook> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
      fields.put("rules", Types.MAP(Types.STRING, Types.STRING));
      return Types.POJO(RuleBook.class, fields);
    }
  }
}
