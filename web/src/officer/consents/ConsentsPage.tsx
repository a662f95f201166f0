import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, Loading, Page } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { webLink } from "../shared/links";
import { Stat } from "../shared/Stat";
import { MailingForm } from "./MailingForm";
import { ObjectionsToWeigh } from "./ObjectionsToWeigh";
import { PersonHistory } from "./PersonHistory";
import type { ConsentFigures } from "./types";

/** `/app/privacy/consents`: consent figures, objections to weigh, a person's consent history
 * and the mailings sent on consent. */
export function ConsentsPage() {
  const { t, locale } = useLanguage();
  const figures = useLoad((signal) => api<{ consent: ConsentFigures }>("privacy", "/dashboard", { signal }).then((dashboard) => dashboard.consent), []);
  return (
    <Page title={t("officer.consentsPage.title")}>
      <p>{t("officer.consentsPage.intro")}</p>
      <section className="card" aria-labelledby="officer-consents-figures">
        <h2 id="officer-consents-figures">{t("officer.consentsPage.figures")}</h2>
        <Loading loading={figures.loading && !figures.data} error={figures.error}>
          {figures.data ? (
            <>
              <p className="hint">{t("officer.consent.since", { date: formatDate(figures.data.since, locale, false) })}</p>
              <dl className="officer-stats">
                <Stat label={t("officer.consent.withdrawals")} value={figures.data.withdrawals} to={webLink(figures.data.withdrawals_link)} />
                <Stat label={t("officer.consent.objections")} value={figures.data.objections} />
                <Stat label={t("officer.consent.objectionsWaiting")} value={figures.data.objections_waiting} to={webLink(figures.data.objections_waiting_link)} />
              </dl>
            </>
          ) : null}
        </Loading>
      </section>
      <ObjectionsToWeigh onWeighed={figures.reload} />
      <PersonHistory />
      <MailingForm />
    </Page>
  );
}
