package io.devlogs.ingest.formats;

import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Function;

/**
 * devlogs' own formats on {@code POST /v1/logs} (JSON, NDJSON, text): 200 {@code {"accepted": n}}
 * when every event is valid, else 400 naming the rejected events with both counts.
 */
final class DevlogsFormat implements IngestFormat {

  private final Function<byte[], DecodedBody> decoder;

  DevlogsFormat(Function<byte[], DecodedBody> decoder) {
    this.decoder = decoder;
  }

  @Override
  public DecodedBody decode(byte[] body) {
    return decoder.apply(body);
  }

  @Override
  public void answerAccepted(Context ctx, DecodedBody body) {
    if (body.problems().isEmpty()) {
      ctx.json(Map.of("accepted", body.events().size()));
    } else {
      ctx.status(400).json(ProblemReport.partialAnswer(body));
    }
  }
}
