import { useState } from "react";
import { Link } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, Loading, Notice } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { DueBadge } from "../shared/DueBadge";
import { PageNav } from "../shared/PageNav";
import { PAGE_SIZE, type PageOf } from "../shared/types";
import type { RequestSummary } from "../requests/types";
import type { WeighedObjection } from "./types";
import { WeighForm } from "./WeighForm";

/** Objections awaiting a decision, most urgent first; the officer weighs those not about a
 * client's participant (that client's admins weigh those, Q11). */
export function ObjectionsToWeigh({ onWeighed }: { onWeighed: () => void }) {
  const { t, locale } = useLanguage();
  const [page, setPage] = useState(1);
  const [weighed, setWeighed] = useState<WeighedObjection | null>(null);
  const { data, error, loading, reload } = useLoad(
    (signal) =>
      api<PageOf<RequestSummary>>("privacy", "/requests", {
        query: { request_type: "objection", state: "awaiting_decision", page, page_size: PAGE_SIZE },
        signal,
      }),
    [page],
  );
  function done(result: WeighedObjection) {
    setWeighed(result);
    reload();
    onWeighed();
  }
  return (
    <section className="card" aria-labelledby="officer-consents-objections">
      <h2 id="officer-consents-objections">{t("officer.consentsPage.objections")}</h2>
      <p className="hint">{t("officer.consentsPage.objectionsHint")}</p>
      {weighed ? <Notice>{t("officer.consentsPage.weighed", { reference: weighed.reference, state: t(`officer.state.${weighed.state}`) })}</Notice> : null}
      <Loading loading={loading && !data} error={error}>
        {data && data.items.length === 0 ? <p>{t("officer.consentsPage.noObjections")}</p> : null}
        {data?.items.map((objection) => {
          const headingId = `officer-objection-${objection.id}`;
          const clientWeighs = objection.subject_kind === "participant" && objection.tenant_id !== null;
          return (
            <article key={objection.id} className="officer-objection" aria-labelledby={headingId}>
              <h3 id={headingId}>
                <Link to={`/app/privacy/requests/${objection.id}`}>{t("officer.consentsPage.objectionOf", { reference: objection.reference })}</Link>
              </h3>
              <dl className="officer-facts">
                <dt>{t("officer.requests.subject")}</dt>
                <dd>{t(`officer.subject.${objection.subject_kind}`)}</dd>
                <dt>{t("officer.requests.client")}</dt>
                <dd>{objection.tenant_id ?? t("officer.request.noClient")}</dd>
                <dt>{t("officer.requests.received")}</dt>
                <dd>{formatDate(objection.received_at, locale)}</dd>
                <dt>{t("officer.requests.due")}</dt>
                <dd>
                  {formatDate(objection.due_at, locale, false)} <DueBadge clock={objection} />
                </dd>
              </dl>
              {clientWeighs ? <p>{t("officer.consentsPage.clientWeighs")}</p> : <WeighForm objection={objection} onDone={done} />}
            </article>
          );
        })}
        {data ? <PageNav page={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} /> : null}
      </Loading>
    </section>
  );
}
