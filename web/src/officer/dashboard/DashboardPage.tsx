import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, Loading, Page } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { BreachesSection } from "./BreachesSection";
import { AuditSection, BackupsSection, ConsentSection, HoldsSection, OffboardingsSection, PoliciesSection } from "./OtherSections";
import { RequestsSection } from "./RequestsSection";
import { RetentionSection } from "./RetentionSection";
import type { Dashboard } from "./types";

/** `/app`: everything that needs the privacy officer, area by area. */
export function DashboardPage() {
  const { t, locale } = useLanguage();
  const { data, error, loading, reload } = useLoad((signal) => api<Dashboard>("privacy", "/dashboard", { signal }), []);
  return (
    <Page
      title={t("officer.dashboard.title")}
      actions={
        <button type="button" onClick={reload} disabled={loading}>
          {t("officer.refresh")}
        </button>
      }
    >
      <Loading loading={loading && !data} error={error}>
        {data ? (
          <>
            <p className="hint">{t("officer.dashboard.generated", { at: formatDate(data.generated_at, locale) })}</p>
            <RequestsSection section={data.requests} />
            <BreachesSection section={data.breaches} />
            <RetentionSection section={data.retention} />
            <div className="grid">
              <HoldsSection section={data.holds} />
              <ConsentSection section={data.consent} />
              <PoliciesSection section={data.policies} />
              <AuditSection section={data.audit} />
              <OffboardingsSection section={data.offboardings} />
              <BackupsSection section={data.backups} />
            </div>
          </>
        ) : null}
      </Loading>
    </Page>
  );
}
