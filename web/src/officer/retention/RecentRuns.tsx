import { useState } from "react";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, SelectField } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { PagedResults } from "../shared/PagedResults";
import type { PageOf } from "../shared/types";
import { RunReceipts } from "./RunReceipts";
import type { Run } from "./types";

const RUNS_PAGE = 20;

/** The latest runs (real or dry), each with its services' receipts on demand. */
export function RecentRuns() {
  const { t, locale } = useLanguage();
  const [dryRun, setDryRun] = useState("false");
  const [page, setPage] = useState(1);
  const { data, error, loading } = useLoad(
    (signal) => api<PageOf<Run>>("privacy", "/retention/runs", { query: { dry_run: dryRun, page, page_size: RUNS_PAGE }, signal }),
    [dryRun, page],
  );
  return (
    <section className="card" aria-labelledby="officer-retention-runs">
      <h2 id="officer-retention-runs">{t("officer.retention.recentRuns")}</h2>
      <div className="officer-filters">
        <SelectField
          label={t("officer.breaches.show")}
          value={dryRun}
          onChange={(e) => {
            setDryRun(e.target.value);
            setPage(1);
          }}
        >
          <option value="false">{t("officer.retention.realRuns")}</option>
          <option value="true">{t("officer.retention.dryRuns")}</option>
          <option value="">{t("officer.retention.allRuns")}</option>
        </SelectField>
      </div>
      <PagedResults data={data} loading={loading} error={error} page={page} pageSize={RUNS_PAGE} onPage={setPage} empty={t("officer.retention.noRuns")}>
        {(data) => (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("officer.retention.started")}</th>
                    <th scope="col">{t("officer.retention.category")}</th>
                    <th scope="col">{t("officer.retention.rule")}</th>
                    <th scope="col">{t("officer.retention.cutoff")}</th>
                    <th scope="col">{t("officer.retention.completed")}</th>
                    <th scope="col">{t("officer.retention.receipts")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((run) => (
                    <tr key={run.id}>
                      <td>
                        {formatDate(run.started_at, locale)}
                        {run.dry_run ? <span className="badge"> {t("officer.retention.dry")}</span> : null}
                      </td>
                      <th scope="row">
                        {t(`officer.category.${run.category}`)}
                        {run.tenant_id ? <p className="hint">{t("officer.retention.clientSetting", { id: run.tenant_id })}</p> : null}
                      </th>
                      <td>{t(`officer.retention.ruleText.${run.action}`, { days: run.period_days })}</td>
                      <td>{formatDate(run.cutoff, locale)}</td>
                      <td>{run.completed_at ? formatDate(run.completed_at, locale) : t("officer.retention.waiting")}</td>
                      <td>
                        <RunReceipts runId={run.id} category={t(`officer.category.${run.category}`)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </PagedResults>
    </section>
  );
}
