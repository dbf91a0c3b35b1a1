/**
 * LogQL, the query language of Grafana Loki, over devlogs' ClickHouse events: {@link
 * io.devlogs.query.logql.LogqlParser} reads a query into the immutable {@link
 * io.devlogs.query.logql.LogqlAst}; {@link io.devlogs.query.logql.LogqlSql} compiles it to SQL with
 * every value bound, the project and time range from the caller; {@link
 * io.devlogs.query.logql.EventPredicate} runs a log query over one {@code ParsedEvent} (live tail,
 * alert rules) with the same results.
 *
 * <h2>Supported</h2>
 *
 * <ul>
 *   <li>Stream selectors {@code {name op "value", ...}} with {@code = != =~ !~}. Labels: {@code
 *       service}, {@code stream}, {@code level} (lower case: {@code error}) and every attribute by
 *       its key (dots allowed: {@code http.status}). A missing label reads as "". At least one
 *       matcher must not match "" (Loki's rule).
 *   <li>Line filters {@code |= != |~ !~}, chained; case-sensitive, as in Loki.
 *   <li>{@code | json} and {@code | logfmt}: accepted; the labels they would extract are the
 *       attributes the job already extracted at ingest.
 *   <li>Label filters {@code = == != =~ !~} with strings, {@code == != > >= < <=} with numbers,
 *       durations ({@code 500ms}, {@code 1h30m}) and byte sizes ({@code 10KB}, {@code 1KiB});
 *       {@code and} (also {@code ,}, a space or another {@code |}) binds tighter than {@code or};
 *       parentheses.
 *   <li>{@code count_over_time}, {@code rate}, {@code bytes_over_time}, {@code bytes_rate}, {@code
 *       sum_/avg_/max_/min_over_time} and {@code quantile_over_time} with {@code | unwrap label};
 *       the pipeline before or after the range ({@code rate({a="b"}[1m] |= "x")}).
 *   <li>{@code sum avg min max count topk bottomk} with {@code by (...)} or {@code without (...)}
 *       before or after the parenthesis, nested.
 * </ul>
 *
 * <h2>Different from Loki</h2>
 *
 * <ul>
 *   <li>Regular expressions are RE2 (as in Loki); label matchers are anchored, line filters not;
 *       {@code .} does not match a line break. Case-insensitive flags ({@code (?i)}) are refused:
 *       ClickHouse 18.16 answers them wrongly.
 *   <li>A numeric comparison is false when the label is missing or not a number (Loki keeps the
 *       line and sets {@code __error__}); devlogs never sets {@code __error__}. Label values read
 *       as numbers are {@code -?digits[.digits]}, as durations a number and one unit of {@code ns
 *       us ms s m h}, as byte sizes a number and an optional unit of {@code b kb kib mb mib gb gib
 *       tb tib} (any case).
 *   <li>{@code | json} and {@code | logfmt} do not parse the message again at query time.
 *   <li>A range aggregation's series are identified by {@code service}, {@code level}, {@code
 *       stream} and the labels an enclosing {@code by} names, not by every attribute; {@code
 *       unwrap} skips events whose label is not a number.
 * </ul>
 *
 * <h2>Refused with a clear error</h2>
 *
 * Binary and set operations between queries, {@code offset}, {@code line_format}, {@code
 * label_format}, {@code pattern}, {@code regexp}, {@code unpack}, {@code decolorize}, {@code drop},
 * {@code keep}, parameters of {@code json}/{@code logfmt}, {@code or} between line filters, {@code
 * |>} pattern filters, {@code ip()}, unwrap conversions ({@code duration()}, {@code bytes()}),
 * grouping on a range aggregation, {@code absent_/first_/last_/stddev_/stdvar_over_time}, {@code
 * rate_counter}, {@code stddev}, {@code stdvar}, {@code sort}, {@code sort_desc}, {@code
 * label_replace}, {@code vector}, {@code approx_topk}.
 */
package io.devlogs.query.logql;
