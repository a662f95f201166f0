import { Link } from "react-router-dom";

import { useLanguage } from "../../i18n";
import { formatDate } from "../../ui/components";
import { TimeLeft } from "../breaches/TimeLeft";
import { webLink } from "../shared/links";
import { Stat } from "../shared/Stat";
import type { Dashboard } from "./types";

export function BreachesSection({ section }: { section: Dashboard["breaches"] }) {
  const { t, locale } = useLanguage();
  return (
    <section className="card" aria-labelledby="officer-dash-breaches">
      <h2 id="officer-dash-breaches">
        <Link to={webLink(section.link) ?? "/app/privacy/breaches"}>{t("officer.breaches.title")}</Link>
      </h2>
      <dl className="officer-stats">
        <Stat label={t("officer.dashboard.breachesOpen")} value={section.open} to={webLink(section.link)} />
        <Stat label={t("officer.dashboard.overdue")} value={section.overdue} />
      </dl>
      {section.most_urgent.length === 0 ? (
        <p>{t("officer.dashboard.noOpenBreaches")}</p>
      ) : (
        <ul className="officer-list">
          {section.most_urgent.map((item) => (
            <li key={item.id}>
              <Link to={`/app/privacy/breaches/${item.id}`}>{item.reference}</Link> ·{" "}
              {t("officer.breaches.deadlineAt", { at: formatDate(item.deadline, locale) })} · <TimeLeft deadline={item.deadline} notified={false} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
