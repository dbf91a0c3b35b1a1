package io.devlogs.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The tier of tests against the running local stack ({@code *IT}, run by failsafe after {@code
 * bin/devlogs up} and {@code eval "$(bin/devlogs env | sed 's/^/export /')"}):
 * {@code @ExtendWith(LocalStackExtension.class)} gives a {@link LocalStack} parameter to a test
 * class's constructor, its lifecycle methods and its tests. One instance serves the whole run.
 */
public final class LocalStackExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalStack.class;
  }

  @Override
  public LocalStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(LocalStackExtension.class))
        .getOrComputeIfAbsent(
            LocalStack.class, type -> LocalStack.fromEnvironment(), LocalStack.class);
  }
}
