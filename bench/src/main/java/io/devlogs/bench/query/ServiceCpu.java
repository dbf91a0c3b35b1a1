package io.devlogs.bench.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The CPU seconds a query service's process has used, from its own {@code /metrics} ({@code
 * process_cpu_seconds_total}), so a crowd's report says what each request cost the service, also
 * for a service of another machine or build ({@code --url}).
 */
final class ServiceCpu {

  private static final String METRIC = "process_cpu_seconds_total ";

  private ServiceCpu() {}

  /** The service's CPU seconds now, or empty when its {@code /metrics} does not say. */
  static OptionalDouble read(HttpClient http, String baseUrl) {
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        return OptionalDouble.empty();
      }
      return answer
          .body()
          .lines()
          .filter(line -> line.startsWith(METRIC))
          .mapToDouble(line -> Double.parseDouble(line.substring(METRIC.length()).trim()))
          .findFirst();
    } catch (IOException | NumberFormatException e) {
      return OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
  }

  /**
   * The service's share of the machine over {@code wallSeconds} and its CPU per request, at {@code
   * requestsPerSecond}.
   */
  static String describe(
      OptionalDouble before, OptionalDouble after, double wallSeconds, double requestsPerSecond) {
    if (before.isEmpty() || after.isEmpty()) {
      return "query service CPU: not measured (its /metrics has no process_cpu_seconds_total)";
    }
    double seconds = after.getAsDouble() - before.getAsDouble();
    return String.format(
        "%s, %.2f ms per request",
        CrowdReport.cpuShare("query service process", seconds, wallSeconds),
        1000 * seconds / (requestsPerSecond * wallSeconds));
  }
}
