package io.devlogs.query.http;

/** The one JSON error shape of the query API. */
public record ErrorBody(String error, String detail) {}
