// The alerts area's own tabs: rules (with what is firing), silences, receivers and failed
// notifications.

import { NavLink } from "react-router-dom";

const TABS = [
  { to: "/alerts", label: "Rules & firing", end: true },
  { to: "/alerts/silences", label: "Silences", end: false },
  { to: "/alerts/receivers", label: "Receivers & failures", end: false },
];

export function AlertsNav() {
  return (
    <nav className="alerts-nav" aria-label="Alerts">
      {TABS.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.end} className="tab">
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
