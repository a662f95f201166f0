import { Link } from "react-router-dom";

import { useLanguage } from "../../i18n";
import { formatDate } from "../../ui/components";
import { DueBadge } from "../shared/DueBadge";
import { webLink } from "../shared/links";
import { Stat } from "../shared/Stat";
import type { Dashboard } from "./types";

export function RequestsSection({ section }: { section: Dashboard["requests"] }) {
  const { t, locale } = useLanguage();
  return (
    <section className="card" aria-labelledby="officer-dash-requests">
      <div className="officer-section-head">
        <h2 id="officer-dash-requests">
          <Link to={webLink(section.link) ?? "/app/privacy/requests"}>{t("officer.requests.title")}</Link>
        </h2>
      </div>
      <dl className="officer-stats">
        <Stat label={t("officer.dashboard.open")} value={section.open} to={webLink(section.link)} />
        <Stat label={t("officer.dashboard.overdue")} value={section.overdue} to={webLink(section.overdue_link)} />
        <Stat label={t("officer.dashboard.dueSoon", { days: section.due_within_days })} value={section.due_soon} to={webLink(section.due_soon_link)} />
        <Stat label={t("officer.dashboard.awaitingDecision")} value={section.awaiting_decision} to={webLink(section.awaiting_decision_link)} />
        <Stat label={t("officer.dashboard.awaitingOfficer")} value={section.awaiting_officer_decision} />
      </dl>
      <h3>{t("officer.dashboard.mostUrgent")}</h3>
      {section.most_urgent.length === 0 ? (
        <p>{t("officer.dashboard.noOpenRequests")}</p>
      ) : (
        <ul className="officer-list">
          {section.most_urgent.map((item) => (
            <li key={item.id}>
              <Link to={`/app/privacy/requests/${item.id}`}>{item.reference}</Link> · {t(`officer.type.${item.request_type}`)} ·{" "}
              {t(`officer.state.${item.state}`)} · {t("officer.requests.dueOn", { date: formatDate(item.due_at, locale, false) })}{" "}
              <DueBadge clock={{ days_left: item.days_left, overdue: item.overdue, nearly_due: !item.overdue && item.days_left <= 7, paused: false }} />
              {item.officer_decides ? ` · ${t("officer.dashboard.youDecide")}` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
