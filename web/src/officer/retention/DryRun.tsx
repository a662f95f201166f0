import { useEffect, useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, SelectField } from "../../ui/components";
import { asApiError, useAction } from "../../ui/hooks";
import type { ApiError } from "../../api/http";
import type { DryRunReport } from "./types";
import { TableWrap } from "../shared/TableWrap";

const POLL_MS = 2000;
const MAX_POLLS = 90;

/** Asks every data service what the policies would touch, then polls until every one answered. */
export function DryRun({ categories }: { categories: string[] }) {
  const { t, locale } = useLanguage();
  const [category, setCategory] = useState("");
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [pollError, setPollError] = useState<ApiError | null>(null);
  const [polls, setPolls] = useState(0);
  const start = useAction(async () => {
    setPollError(null);
    setPolls(0);
    setReport(await api<DryRunReport>("privacy", "/retention/dry-runs", { body: category ? { category } : {} }));
  });

  useEffect(() => {
    if (!report || report.complete || polls >= MAX_POLLS) return;
    const timer = window.setTimeout(() => {
      api<DryRunReport>("privacy", `/retention/dry-runs/${report.batch_id}`)
        .then((next) => {
          setReport(next);
          setPolls((count) => count + 1);
        })
        .catch((caught: unknown) => setPollError(asApiError(caught)));
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [report, polls]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void start.run();
  }
  const answered = report ? report.policies.filter((policy) => policy.waiting_for.length === 0).length : 0;
  const total = report?.policies.length ?? 0;
  return (
    <section className="card" aria-labelledby="officer-retention-dry">
      <h2 id="officer-retention-dry">{t("officer.retention.dryRun")}</h2>
      <p>{t("officer.retention.dryRunIntro")}</p>
      <form onSubmit={submit} className="officer-filters">
        <SelectField label={t("officer.retention.category")} value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">{t("officer.retention.everyCategory")}</option>
          {categories.map((value) => (
            <option key={value} value={value}>
              {t(`officer.category.${value}`)}
            </option>
          ))}
        </SelectField>
        <div className="actions">
          <button type="submit" className="primary" disabled={start.busy || Boolean(report && !report.complete && polls < MAX_POLLS)}>
            {t("officer.retention.startDryRun")}
          </button>
        </div>
      </form>
      <ErrorMessage error={start.error ?? pollError} />
      {report ? (
        <>
          <p role="status">
            {report.complete
              ? t("officer.retention.dryComplete", { at: formatDate(report.started_at, locale) })
              : polls >= MAX_POLLS
                ? t("officer.retention.dryStalled")
                : t("officer.retention.dryProgress", { answered, total })}
          </p>
          <label className="field">
            <span>{t("officer.retention.progress")}</span>
            <progress className="officer-progress" max={Math.max(total, 1)} value={answered}>
              {answered}/{total}
            </progress>
          </label>
          <TableWrap label={t("officer.retention.dryRun")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("officer.retention.category")}</th>
                  <th scope="col">{t("officer.retention.rule")}</th>
                  <th scope="col">{t("officer.retention.cutoff")}</th>
                  <th scope="col">{t("officer.retention.perService")}</th>
                  <th scope="col">{t("officer.retention.rowsTotal")}</th>
                </tr>
              </thead>
              <tbody>
                {report.policies.map((policy) => (
                  <tr key={policy.run_id}>
                    <th scope="row">
                      {t(`officer.category.${policy.category}`)}
                      {policy.tenant_id ? <p className="hint">{t("officer.retention.clientSetting", { id: policy.tenant_id })}</p> : null}
                    </th>
                    <td>{t(`officer.action.${policy.action}`)}</td>
                    <td>{formatDate(policy.cutoff, locale)}</td>
                    <td>
                      <ul className="officer-list">
                        {Object.entries(policy.rows).map(([service, tables]) => (
                          <li key={service}>
                            {service}: {Object.entries(tables).map(([table, rows]) => `${table} ${rows}`).join(", ") || "0"}
                          </li>
                        ))}
                      </ul>
                      {policy.waiting_for.length ? <p className="hint">{t("officer.breaches.waitingFor", { services: policy.waiting_for.join(", ") })}</p> : null}
                    </td>
                    <td>{policy.waiting_for.length ? t("officer.retention.waiting") : policy.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
    </section>
  );
}
