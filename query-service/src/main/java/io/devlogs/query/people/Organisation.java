package io.devlogs.query.people;

/** An organisation: it owns projects, and people belong to it. */
public record Organisation(String id, String name) {}
