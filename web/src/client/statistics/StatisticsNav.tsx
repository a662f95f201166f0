import { NavLink } from "react-router-dom";

import { useT } from "../../i18n";

/** The statistics' sub-pages: every figure analytics offers is one or two links away. */
export function StatisticsNav() {
  const t = useT();
  const links = [
    { to: "/app/statistics", label: t("statistics.nav.assessments"), end: true },
    { to: "/app/statistics/participants", label: t("statistics.nav.participants") },
    { to: "/app/statistics/trends/day", label: t("statistics.nav.day") },
    { to: "/app/statistics/trends/topic", label: t("statistics.nav.topic") },
    { to: "/app/statistics/trends/group", label: t("statistics.nav.group") },
  ];
  return (
    <nav className="statistics-nav" aria-label={t("statistics.nav.label")}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
