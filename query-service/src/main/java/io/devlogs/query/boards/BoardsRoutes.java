package io.devlogs.query.boards;

import io.devlogs.query.PeopleDeps;
import io.devlogs.query.QueryDeps;
import io.devlogs.query.load.StoreGate;
import io.devlogs.query.signin.PeopleOptions;
import io.devlogs.query.streams.StreamCursors;
import io.javalin.Javalin;

/**
 * The routes of saved searches, dashboards and sharing (issue 18): under {@code /v1/project/} with
 * a session and a role on its project, and the public links' {@code /v1/public/{token}}. Routes
 * that read the event stores go through the store gate.
 */
public final class BoardsRoutes {
  private BoardsRoutes() {}

  public static void register(Javalin app, QueryDeps deps, PeopleDeps people) {
    StoreGate gate = deps.load().storeGate();
    SavedSearchesController searches = new SavedSearchesController(people);
    DashboardsController dashboards = new DashboardsController(people);
    PublicLinksController publicLinks = new PublicLinksController(people, deps.logSearch());
    MemberLinksController memberLinks = new MemberLinksController(people);
    PeopleOptions.PublicLinkLimits limits = people.options().publicLinks();
    PublicLinkReader reader =
        new PublicLinkReader(
            people.boards().publicLinks(),
            deps.streams(),
            new StreamCursors(deps.cursorSeal()),
            deps.load().rateLimiter(),
            new PublicLinkReadAudit(
                people.audit(), limits.auditWindow(), limits.auditAddresses(), people.clock()),
            people.clock());
    app.get("/v1/project/searches", searches::list);
    app.post("/v1/project/searches", searches::create);
    app.get("/v1/project/searches/{searchId}", searches::get);
    app.put("/v1/project/searches/{searchId}", searches::update);
    app.delete("/v1/project/searches/{searchId}", searches::delete);
    app.get("/v1/project/dashboards", dashboards::list);
    app.post("/v1/project/dashboards", dashboards::create);
    app.post("/v1/project/dashboards/import", dashboards::importDocument);
    app.get("/v1/project/dashboards/{dashboardId}", dashboards::get);
    app.put("/v1/project/dashboards/{dashboardId}", dashboards::update);
    app.delete("/v1/project/dashboards/{dashboardId}", dashboards::delete);
    app.get("/v1/project/dashboards/{dashboardId}/export", dashboards::export);
    app.post("/v1/project/links", memberLinks::create);
    app.get("/v1/project/public-links", publicLinks::list);
    app.post("/v1/project/public-links", gate.around(publicLinks::create));
    app.delete("/v1/project/public-links/{linkId}", publicLinks::revoke);
    app.get("/v1/public/{token}", gate.around(reader::read));
  }
}
