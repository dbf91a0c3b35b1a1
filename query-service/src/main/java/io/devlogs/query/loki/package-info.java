/**
 * Loki's HTTP read API over devlogs' events, so that Grafana's stock Loki data source, Explore and
 * logcli read devlogs with only the URL and the key changed ({@link
 * io.devlogs.query.loki.LokiRoutes}): {@code query_range} and {@code query} (LogQL through {@link
 * io.devlogs.query.logql}), {@code labels}, {@code label/<name>/values}, {@code series}, {@code
 * index/stats}, {@code index/volume}, {@code detected_fields}, {@code patterns}, {@code
 * status/buildinfo} and the live {@code tail}. The project comes from the key, sent as bearer token
 * or as the password of basic auth; the rate limits, store gate and result cache of the {@code /v1}
 * routes apply.
 *
 * <h2>What differs from Loki</h2>
 *
 * <ul>
 *   <li>A stream is {@code service}, {@code level} (lower case) and {@code stream}; attributes are
 *       labels a query can select and filter on, but not part of a stream's identity (as Loki's
 *       structured metadata). Empty labels are left out of answers.
 *   <li>{@code interval} of {@code query_range} is ignored; an instant log query is refused (as
 *       Loki 2.9 and later); {@code stats} counts what the query returned, not what ClickHouse
 *       read; {@code index/stats} reports {@code chunks} equal to {@code streams}.
 *   <li>The tail starts now: {@code start} and {@code limit} replay no past events.
 *   <li>{@code detected_labels}, {@code detected_field/<name>/values}, {@code index/volume_range},
 *       {@code format_query}, {@code drilldown-limits}, rules and push are not served here (404 in
 *       Loki's shape; push is ingest's {@code /loki/api/v1/push}).
 * </ul>
 */
package io.devlogs.query.loki;
