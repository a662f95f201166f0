import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, Loading, Page } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { DryRun } from "./DryRun";
import { PolicyRow } from "./PolicyRow";
import { RecentRuns } from "./RecentRuns";
import type { Policy } from "./types";

/** `/app/privacy/retention`: Soket's policy per category, a dry run, and the recent runs. */
export function RetentionPage() {
  const { t, locale } = useLanguage();
  const { data, error, loading, reload } = useLoad((signal) => api<Policy[]>("privacy", "/retention/policies", { signal }), []);
  return (
    <Page title={t("officer.retention.title")}>
      <section className="card" aria-labelledby="officer-retention-policies">
        <h2 id="officer-retention-policies">{t("officer.retention.policies")}</h2>
        <Loading loading={loading && !data} error={error}>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("officer.retention.category")}</th>
                  <th scope="col">{t("officer.retention.rule")}</th>
                  <th scope="col">{t("officer.retention.clientControlled")}</th>
                  <th scope="col">{t("officer.retention.lastRun")}</th>
                  <th scope="col">{t("officer.retention.change")}</th>
                </tr>
              </thead>
              <tbody>
                {(data ?? []).map((policy) => (
                  <PolicyRow key={policy.id} policy={policy} onSaved={reload} lastRun={formatDate(policy.last_run_at, locale)} />
                ))}
              </tbody>
            </table>
          </div>
        </Loading>
      </section>
      <DryRun categories={(data ?? []).map((policy) => policy.category)} />
      <RecentRuns />
    </Page>
  );
}
