// The app shell: sign-in gate (a query key or a person's session), top navigation, the person's
// project, and the client-side routes. An invitation link and a public link (/p/) open without
// being signed in.

import { useEffect, useState, useSyncExternalStore } from "react";
import { Navigate, NavLink, Route, Routes, useLocation } from "react-router-dom";
import { chooseProject, loadSession, signOutEverywhere, signOutPerson } from "./api/people";
import {
  isSignedIn,
  onSessionChange,
  personSession,
  setPersonSession,
  signOut,
} from "./auth/session";
import { Empty, Loading } from "./components/States";
import { ReceiversPage } from "./pages/alerts/ReceiversPage";
import { RuleEditorPage } from "./pages/alerts/RuleEditorPage";
import { RulesPage } from "./pages/alerts/RulesPage";
import { SilencesPage } from "./pages/alerts/SilencesPage";
import { AuditPage } from "./pages/audit/AuditPage";
import { DashboardPage } from "./pages/dashboards/DashboardPage";
import { DashboardsPage } from "./pages/dashboards/DashboardsPage";
import { DeadLettersPage } from "./pages/deadletters/DeadLettersPage";
import { DerivedMetricsPage } from "./pages/derived/DerivedMetricsPage";
import { DerivedRuleEditorPage } from "./pages/derived/DerivedRuleEditorPage";
import { EventPage } from "./pages/event/EventPage";
import { InvitationPage } from "./pages/invitation/InvitationPage";
import { KeysPage } from "./pages/keys/KeysPage";
import { MembersPage } from "./pages/members/MembersPage";
import { MetricsPage } from "./pages/metrics/MetricsPage";
import { OpenPage } from "./pages/open/OpenPage";
import { PatternsPage } from "./pages/patterns/PatternsPage";
import { PublicLinkPage } from "./pages/public/PublicLinkPage";
import { SavedSearchesPage, SavedSearchOpen } from "./pages/searches/SavedSearchesPage";
import { SearchPage } from "./pages/search/SearchPage";
import { PublicLinksPage } from "./pages/share/PublicLinksPage";
import { SignInPage } from "./pages/signin/SignInPage";
import { StreamPage } from "./pages/stream/StreamPage";
import { StatusBanner } from "./status/StatusBanner";
import { TailPage } from "./pages/tail/TailPage";

const NAV = [
  { to: "/search", label: "Search" },
  { to: "/tail", label: "Live tail" },
  { to: "/metrics", label: "Metrics" },
  { to: "/derived-metrics", label: "Derived metrics" },
  { to: "/patterns", label: "Patterns" },
  { to: "/streams", label: "Stream" },
  { to: "/dead-letters", label: "Dead letters" },
  { to: "/alerts", label: "Alerts" },
];

/** Pages of a signed-in person only (a query key has no members, keys, audit log or boards). */
const PEOPLE_NAV = [
  { to: "/searches", label: "Saved searches" },
  { to: "/dashboards", label: "Dashboards" },
  { to: "/public-links", label: "Public links" },
  { to: "/members", label: "Members" },
  { to: "/keys", label: "Keys" },
  { to: "/audit", label: "Audit" },
];

function useSignedIn(): boolean {
  return useSyncExternalStore(onSessionChange, isSignedIn);
}

function usePerson() {
  return useSyncExternalStore(onSessionChange, personSession);
}

/** Asks once whether this browser's cookie holds a person's session. */
function useSessionCheck(): boolean {
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    loadSession(controller.signal)
      .then((session) => {
        if (session) setPersonSession(session);
      })
      .catch(() => {
        // The service is unreachable: the sign-in page says so on the next attempt.
      })
      .finally(() => {
        if (!controller.signal.aborted) setChecked(true);
      });
    return () => controller.abort();
  }, []);
  return checked;
}

export function App() {
  const signedIn = useSignedIn();
  const person = usePerson();
  const checked = useSessionCheck();
  const location = useLocation();

  if (location.pathname.startsWith("/invitations/") || location.pathname.startsWith("/p/")) {
    return (
      <>
        <header className="topbar">
          <span className="brand">devlogs</span>
        </header>
        <main>
          <Routes>
            <Route path="/invitations/:token" element={<InvitationPage />} />
            <Route path="/p/:token" element={<PublicLinkPage />} />
          </Routes>
        </main>
      </>
    );
  }

  return (
    <>
      <header className="topbar">
        <span className="brand">devlogs</span>
        {signedIn && (
          <nav aria-label="Main">
            {[...NAV, ...(person ? PEOPLE_NAV : [])].map((item) => (
              <NavLink key={item.to} to={item.to} className="tab">
                {item.label}
              </NavLink>
            ))}
          </nav>
        )}
        {person && <PersonMenu />}
        {signedIn && (
          <button
            type="button"
            className="link sign-out"
            onClick={() => (person ? void signOutPerson() : signOut())}
          >
            Sign out
          </button>
        )}
      </header>
      {signedIn && (!person || person.project) && <StatusBanner />}
      <main>
        {!signedIn && !checked ? (
          <Loading what="Checking your session" />
        ) : signedIn ? (
          person && !person.project ? (
            <Empty>
              You have no role on any project yet: ask an owner of your organisation to invite you
              to one.
            </Empty>
          ) : (
            <Routes>
              <Route path="/" element={<Navigate to="/search" replace />} />
              <Route path="/search" element={<SearchPage />} />
              <Route path="/tail" element={<TailPage />} />
              <Route path="/metrics" element={<MetricsPage />} />
              <Route path="/derived-metrics" element={<DerivedMetricsPage />} />
              <Route path="/derived-metrics/:id" element={<DerivedRuleEditorPage />} />
              <Route path="/patterns" element={<PatternsPage />} />
              <Route path="/streams" element={<StreamPage />} />
              <Route path="/streams/:name" element={<StreamPage />} />
              <Route path="/events/:id" element={<EventPage />} />
              <Route path="/dead-letters" element={<DeadLettersPage />} />
              <Route path="/alerts" element={<RulesPage />} />
              <Route path="/alerts/rules/:id" element={<RuleEditorPage />} />
              <Route path="/alerts/silences" element={<SilencesPage />} />
              <Route path="/alerts/receivers" element={<ReceiversPage />} />
              <Route path="/members" element={<MembersPage />} />
              <Route path="/keys" element={<KeysPage />} />
              <Route path="/audit" element={<AuditPage />} />
              <Route path="/searches" element={<SavedSearchesPage />} />
              <Route path="/searches/:id" element={<SavedSearchOpen />} />
              <Route path="/dashboards" element={<DashboardsPage />} />
              <Route path="/dashboards/:id" element={<DashboardPage />} />
              <Route path="/public-links" element={<PublicLinksPage />} />
              <Route path="/open" element={<OpenPage />} />
              <Route path="*" element={<Empty>No such page.</Empty>} />
            </Routes>
          )
        ) : (
          // The requested page stays in the URL and opens once signed in.
          <SignInPage />
        )}
      </main>
    </>
  );
}

/** The person, their project (a choice among theirs) and signing out of every browser. */
function PersonMenu() {
  const person = usePerson();
  const [problem, setProblem] = useState<string | null>(null);
  if (!person) return null;
  return (
    <div className="person">
      <span className="person-email">{person.user.email}</span>
      {person.projects.length > 0 && (
        <select
          aria-label="Project"
          value={person.project?.projectId ?? ""}
          onChange={(e) =>
            chooseProject(e.target.value).catch((err: Error) => setProblem(err.message))
          }
        >
          {person.projects.map((p) => (
            <option key={p.projectId} value={p.projectId}>
              {p.projectName} ({p.role})
            </option>
          ))}
        </select>
      )}
      <button type="button" className="link" onClick={() => void signOutEverywhere()}>
        Sign out of all browsers
      </button>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
