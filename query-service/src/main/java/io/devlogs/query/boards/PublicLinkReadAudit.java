package io.devlogs.query.boards;

import io.devlogs.query.people.Auditor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Audits reads of public links ({@code public_link_read}, actor {@code link:<id>}, the reader's
 * address) without letting a busy link flood the audit log: in each window of a link (from its
 * first read) the first read from each address is written, for at most {@code addresses} addresses;
 * every other read is only counted, and the count goes into the link's next entry ("and N more
 * reads since ..."), or into an entry of its own once the window has passed. So a link read 10,000
 * times a minute from one address writes one entry per window, and the entries still add up to
 * every read. Counts are kept in this process: each instance audits the reads it served, and a
 * restart loses at most one window's unwritten counts.
 */
final class PublicLinkReadAudit {
  static final String ACTION = "public_link_read";

  private final Auditor audit;
  private final Duration window;
  private final int addresses;
  private final Clock clock;
  private final Map<UUID, LinkWindow> windows = new HashMap<>();
  private Instant lastSweep;

  /** One link's current window: the addresses written and the reads not written yet. */
  private static final class LinkWindow {
    final String projectId;
    final Instant started;
    final Set<String> written = new HashSet<>();
    long unwritten;
    Instant unwrittenSince;

    LinkWindow(String projectId, Instant started) {
      this.projectId = projectId;
      this.started = started;
    }
  }

  /** An entry to write once the lock is released. */
  private record Entry(UUID link, String projectId, String address, String detail) {}

  PublicLinkReadAudit(Auditor audit, Duration window, int addresses, Clock clock) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.window = Objects.requireNonNull(window, "window");
    this.addresses = addresses;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lastSweep = clock.instant();
  }

  /** Counts a read of the link from the address, and audits it if it is the first of its kind. */
  void read(UUID link, String projectId, String address) {
    Instant now = clock.instant();
    Entry written = null;
    Entry swept = null;
    synchronized (this) {
      LinkWindow current = windows.get(link);
      if (current != null && !now.isBefore(current.started.plus(window))) {
        LinkWindow next = new LinkWindow(projectId, now);
        next.unwritten = current.unwritten;
        next.unwrittenSince = current.unwrittenSince;
        current = next;
        windows.put(link, current);
      } else if (current == null) {
        current = new LinkWindow(projectId, now);
        windows.put(link, current);
      }
      if (current.written.size() < addresses && current.written.add(String.valueOf(address))) {
        written = new Entry(link, projectId, address, firstReadDetail(current));
        current.unwritten = 0;
        current.unwrittenSince = null;
      } else {
        if (current.unwritten == 0) {
          current.unwrittenSince = now;
        }
        current.unwritten++;
      }
      swept = sweep(now, link);
    }
    if (written != null) {
      write(written);
    }
    if (swept != null) {
      write(swept);
    }
  }

  private String firstReadDetail(LinkWindow current) {
    String first = "first read from this address in the link's " + window + " audit window";
    return current.unwritten == 0
        ? first
        : first
            + "; and "
            + current.unwritten
            + " more reads since "
            + current.unwrittenSince
            + " not written one by one";
  }

  /**
   * Once a window: drops links whose window has passed, returning the unwritten count of one of
   * them (not {@code reading}) as an entry; the others wait for the next sweeps.
   */
  private Entry sweep(Instant now, UUID reading) {
    if (now.isBefore(lastSweep.plus(window))) {
      return null;
    }
    Entry pending = null;
    for (Iterator<Map.Entry<UUID, LinkWindow>> it = windows.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<UUID, LinkWindow> e = it.next();
      LinkWindow w = e.getValue();
      if (e.getKey().equals(reading) || now.isBefore(w.started.plus(window))) {
        continue;
      }
      if (w.unwritten > 0) {
        if (pending != null) {
          continue;
        }
        pending =
            new Entry(
                e.getKey(),
                w.projectId,
                null,
                w.unwritten + " reads since " + w.unwrittenSince + " not written one by one");
      }
      it.remove();
    }
    if (pending == null) {
      lastSweep = now;
    }
    return pending;
  }

  private void write(Entry entry) {
    audit.onProject(
        entry.projectId(),
        "link:" + entry.link(),
        ACTION,
        entry.link().toString(),
        entry.address(),
        entry.detail());
  }
}
