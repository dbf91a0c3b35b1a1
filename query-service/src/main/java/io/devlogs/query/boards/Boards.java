package io.devlogs.query.boards;

import io.devlogs.query.people.PeopleDatabase;
import java.util.Objects;

/** The stores of saved searches, dashboards and public links, all in PostgreSQL. */
public record Boards(SavedSearches searches, Dashboards dashboards, PublicLinks publicLinks) {
  public Boards {
    Objects.requireNonNull(searches, "searches");
    Objects.requireNonNull(dashboards, "dashboards");
    Objects.requireNonNull(publicLinks, "publicLinks");
  }

  public static Boards over(PeopleDatabase database) {
    return new Boards(
        new SavedSearches(database), new Dashboards(database), new PublicLinks(database));
  }
}
