import { Link } from "react-router-dom";

import { useLanguage } from "../../i18n";
import { formatDate } from "../../ui/components";
import { Stat } from "../shared/Stat";
import type { Dashboard } from "./types";
import { TableWrap } from "../shared/TableWrap";

export function RetentionSection({ section }: { section: Dashboard["retention"] }) {
  const { t, locale } = useLanguage();
  const dry = section.last_dry_run;
  return (
    <section className="card" aria-labelledby="officer-dash-retention">
      <h2 id="officer-dash-retention">
        <Link to="/app/privacy/retention">{t("officer.retention.title")}</Link>
      </h2>
      <dl className="officer-stats">
        <Stat label={t("officer.dashboard.runsDue")} value={section.runs_due} />
        <Stat label={t("officer.dashboard.clientSettings")} value={section.client_settings} />
        <Stat
          label={t("officer.dashboard.lastDryRun")}
          value={dry ? `${formatDate(dry.started_at, locale)} · ${dry.complete ? t("officer.retention.rowsWould", { rows: dry.rows_predicted }) : t("officer.retention.waiting")}` : "—"}
        />
      </dl>
      <TableWrap label={t("officer.retention.policies")}>
        <table>
          <caption className="visually-hidden">{t("officer.retention.policies")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("officer.retention.category")}</th>
              <th scope="col">{t("officer.retention.rule")}</th>
              <th scope="col">{t("officer.retention.lastRun")}</th>
              <th scope="col">{t("officer.retention.receipts")}</th>
              <th scope="col">{t("officer.retention.nextRun")}</th>
            </tr>
          </thead>
          <tbody>
            {section.policies.map((policy) => (
              <tr key={policy.policy_id}>
                <th scope="row">{t(`officer.category.${policy.category}`)}</th>
                <td>{t(`officer.retention.ruleText.${policy.action}`, { days: policy.period_days })}</td>
                <td>
                  {policy.last_run
                    ? `${formatDate(policy.last_run.started_at, locale)} · ${t("officer.retention.rowsDone", { rows: policy.last_run.rows_affected })}`
                    : t("officer.retention.neverRun")}
                </td>
                <td>
                  {policy.last_run ? (
                    policy.last_run.all_receipts_verified ? (
                      <span className="badge good">{t("officer.retention.allVerified", { count: policy.last_run.receipts_verified })}</span>
                    ) : (
                      <span className="badge bad">
                        {t("officer.retention.someMissing", {
                          answered: policy.last_run.services_answered,
                          expected: policy.last_run.services_expected,
                          rejected: policy.last_run.receipts_rejected,
                        })}
                      </span>
                    )
                  ) : (
                    "—"
                  )}
                </td>
                <td>{formatDate(policy.next_due_at, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
