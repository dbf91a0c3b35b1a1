package io.devlogs.query.deadletters;

/** How many dead letters of one cause a project has in a time range. */
public record CauseCount(String cause, long count) {}
