package io.devlogs.flink.parse;

import io.devlogs.flink.records.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a text line yielded: the detected format, the event time (or {@link TimestampParser#NONE}
 * when the line carries none), the level (null when it carries none), the message and attributes. A
 * mutable holder filled by one format reader; not shared between threads.
 */
final class ParsedLine {

  /** Format names, as reports and tests see them. */
  static final String LOGFMT = "logfmt";

  static final String LOG4J = "log4j";
  static final String PYTHON = "python";
  static final String KLOG = "klog";
  static final String SYSLOG_3164 = "syslog-rfc3164";
  static final String SYSLOG_5424 = "syslog-rfc5424";
  static final String ACCESS_LOG = "access-log";
  static final String TIMESTAMPED = "timestamped";
  static final String CRI = "cri";

  /** Read by {@link LinePrefix}: a time and/or level found in a line of no known shape. */
  static final String DETECTED = "detected";

  static final String PLAIN = "plain";

  String format = PLAIN;
  long epochNanos = TimestampParser.NONE;
  Level level;
  String message = "";

  /** Service, stream and event id a structured (logfmt) line names itself, else null. */
  String service;

  String stream;
  String id;
  final Map<String, String> attributes = new LinkedHashMap<>();

  ParsedLine() {}

  /** Makes this a copy of {@code other}. */
  void copyFrom(ParsedLine other) {
    format = other.format;
    epochNanos = other.epochNanos;
    level = other.level;
    message = other.message;
    service = other.service;
    stream = other.stream;
    id = other.id;
    attributes.clear();
    attributes.putAll(other.attributes);
  }

  ParsedLine reset() {
    format = PLAIN;
    epochNanos = TimestampParser.NONE;
    level = null;
    message = "";
    service = null;
    stream = null;
    id = null;
    attributes.clear();
    return this;
  }
}
