import { useT } from "../../i18n";
import type { Activity } from "./types";

/** One processing activity: the category of data, its purposes and legal bases, retention, recipients. */
export function ActivityCard({ activity, estonian }: { activity: Activity; estonian: boolean }) {
  const t = useT();
  const headingId = `officer-activity-${activity.id}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{estonian && activity.category_et ? activity.category_et : activity.category}</h3>
      {activity.description ? <p>{activity.description}</p> : null}
      <dl className="officer-facts">
        <dt>{t("officer.register.subjects")}</dt>
        <dd>{t(`officer.subject.${activity.subject_kind}`)}</dd>
        <dt>{t("officer.register.role")}</dt>
        <dd>{t(`officer.register.roles.${activity.soket_role}`)}</dd>
        <dt>{t("officer.register.controller")}</dt>
        <dd>{activity.controller}</dd>
        <dt>{t("officer.register.source")}</dt>
        <dd>{activity.source}</dd>
        <dt>{t("officer.register.purposes")}</dt>
        <dd>
          <ul className="officer-list">
            {activity.purposes.map((purpose) => (
              <li key={purpose.purpose}>
                {estonian && purpose.purpose_et ? purpose.purpose_et : purpose.purpose} — {t(`officer.register.basis.${purpose.legal_basis}`)}
                {purpose.basis_note ? ` (${purpose.basis_note})` : ""}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t("officer.register.retention")}</dt>
        <dd>{activity.retention}</dd>
        <dt>{t("officer.register.recipients")}</dt>
        <dd>{activity.recipients.length ? activity.recipients.join("; ") : "—"}</dd>
        <dt>{t("officer.register.processorsOf")}</dt>
        <dd>{activity.processors.length ? activity.processors.map((processor) => processor.company).join("; ") : "—"}</dd>
      </dl>
    </article>
  );
}
