import { Link } from "react-router-dom";

import { useLanguage } from "../i18n";
import { formatDay } from "./dates";
import type { PublicVersion } from "./types";

/** The versions announced to take effect later: label, date and what changes. */
export function UpcomingVersions({ versions }: { versions: PublicVersion[] }) {
  const { t, locale } = useLanguage();
  if (versions.length === 0) return <p>{t("public.upcoming.none")}</p>;
  return (
    <ul className="pub-plain-list">
      {versions.map((version) => (
        <li key={version.label} className="card">
          <h3>{t("public.version.heading", { label: version.label })}</h3>
          <p>{t("public.version.takesEffect", { date: formatDay(version.effective_on, locale) })}</p>
          <p className="pub-summary">
            <strong>{t("public.version.changes")}</strong> {version.summary}
          </p>
          <p>
            <Link to={`/privacy-policy/${encodeURIComponent(version.label)}`}>
              {t("public.version.read", { label: version.label })}
            </Link>
          </p>
        </li>
      ))}
    </ul>
  );
}
