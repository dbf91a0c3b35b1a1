// The app shell: sign-in gate, top navigation and the client-side routes.

import { useSyncExternalStore } from "react";
import { Navigate, NavLink, Route, Routes } from "react-router-dom";
import { onSessionChange, queryKey, signOut } from "./auth/session";
import { Empty } from "./components/States";
import { DeadLettersPage } from "./pages/deadletters/DeadLettersPage";
import { EventPage } from "./pages/event/EventPage";
import { MetricsPage } from "./pages/metrics/MetricsPage";
import { PatternsPage } from "./pages/patterns/PatternsPage";
import { SearchPage } from "./pages/search/SearchPage";
import { SignInPage } from "./pages/signin/SignInPage";
import { StreamPage } from "./pages/stream/StreamPage";
import { StatusBanner } from "./status/StatusBanner";
import { TailPage } from "./pages/tail/TailPage";

const NAV = [
  { to: "/search", label: "Search" },
  { to: "/tail", label: "Live tail" },
  { to: "/metrics", label: "Metrics" },
  { to: "/patterns", label: "Patterns" },
  { to: "/streams", label: "Stream" },
  { to: "/dead-letters", label: "Dead letters" },
];

function useSignedIn(): boolean {
  return useSyncExternalStore(onSessionChange, () => queryKey() !== null);
}

export function App() {
  const signedIn = useSignedIn();
  return (
    <>
      <header className="topbar">
        <span className="brand">devlogs</span>
        {signedIn && (
          <nav aria-label="Main">
            {NAV.map((item) => (
              <NavLink key={item.to} to={item.to} className="tab">
                {item.label}
              </NavLink>
            ))}
          </nav>
        )}
        {signedIn && (
          <button type="button" className="link sign-out" onClick={() => signOut()}>
            Sign out
          </button>
        )}
      </header>
      {signedIn && <StatusBanner />}
      <main>
        {signedIn ? (
          <Routes>
            <Route path="/" element={<Navigate to="/search" replace />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/tail" element={<TailPage />} />
            <Route path="/metrics" element={<MetricsPage />} />
            <Route path="/patterns" element={<PatternsPage />} />
            <Route path="/streams" element={<StreamPage />} />
            <Route path="/streams/:name" element={<StreamPage />} />
            <Route path="/events/:id" element={<EventPage />} />
            <Route path="/dead-letters" element={<DeadLettersPage />} />
            <Route path="*" element={<Empty>No such page.</Empty>} />
          </Routes>
        ) : (
          // The requested page stays in the URL and opens once the key is accepted.
          <SignInPage />
        )}
      </main>
    </>
  );
}
