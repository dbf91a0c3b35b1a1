package io.devlogs.ingest.formats;

import io.devlogs.http.ErrorBody;
import io.devlogs.http.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a client is told about rejected events: the counts, and each rejected event's line, index or
 * record and problem, at most {@link #MAX_LISTED} of them.
 */
public final class ProblemReport {

  /** The most problems listed in one answer; the count of the others is given instead. */
  public static final int MAX_LISTED = 100;

  private ProblemReport() {}

  /** The code when no event of the body is valid: too large (413) if all were, else 400. */
  public static ErrorCode codeWhenNothingValid(DecodedBody body) {
    return body.problems().stream().allMatch(EventProblem::tooLarge)
        ? ErrorCode.TOO_LARGE
        : ErrorCode.INVALID_EVENTS;
  }

  /** A one-line summary naming the first problem. */
  public static String message(DecodedBody body) {
    List<EventProblem> problems = body.problems();
    EventProblem first = problems.get(0);
    if (body.events().isEmpty() && problems.size() == 1) {
      return "invalid event at " + first.describe();
    }
    String prefix =
        body.events().isEmpty()
            ? "all " + problems.size() + " events are invalid"
            : problems.size()
                + " of "
                + body.total()
                + " events rejected, the other "
                + body.events().size()
                + " were accepted";
    return prefix + "; first: " + first.describe();
  }

  /** {@code accepted}, {@code rejected}, {@code problems} and {@code problemsNotListed}. */
  public static Map<String, Object> detail(DecodedBody body) {
    List<Map<String, Object>> listed = new ArrayList<>();
    for (EventProblem problem : body.problems()) {
      if (listed.size() == MAX_LISTED) {
        break;
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put(problem.position().name().toLowerCase(Locale.ROOT), problem.number());
      entry.put("problem", problem.problem());
      listed.add(entry);
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("accepted", body.events().size());
    detail.put("rejected", body.problems().size());
    detail.put("problems", listed);
    detail.put("problemsNotListed", body.problems().size() - listed.size());
    return detail;
  }

  /** The error body naming the rejected events, with both counts. */
  public static ErrorBody answer(ErrorCode code, DecodedBody body) {
    return ErrorBody.ofEvents(
        code, message(body), body.events().size(), body.problems().size(), detail(body));
  }

  /** The error body of a partly accepted request. */
  public static ErrorBody partialAnswer(DecodedBody body) {
    return answer(ErrorCode.INVALID_EVENTS, body);
  }
}
