package io.devlogs.query.tail;

/**
 * Counters of a {@link TailHub} since start: sockets open now, subscriptions accepted, refused
 * (limits), dropped (too slow), and events queued for a socket.
 */
public record TailStats(int open, long subscribed, long refused, long dropped, long delivered) {}
