import { useState } from "react";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, Loading, Pager } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { pseudonym, type Person } from "./data";
import type { LogPage } from "./types";
import { TableWrap } from "./TableWrap";

const PAGE_SIZE = 50;

export function stateBadge(state: string): string {
  if (state === "delivered" || state === "sent") return "badge good";
  if (state === "queued" || state === "sending" || state === "suppressed") return "badge warn";
  return "badge bad";
}

/** Delivery's log for one assessment: each message's state, per participant and channel. */
export function DeliveryLog({ assessmentId, names }: { assessmentId: string; names: Map<string, Person> }) {
  const { t, locale } = useLanguage();
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors[cursors.length - 1];
  const log = useLoad(
    (signal) => api<LogPage>("delivery", "/messages", { query: { assessment_id: assessmentId, after, limit: PAGE_SIZE }, signal }),
    [assessmentId, after],
  );
  return (
    <section aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">{t("assessments.delivery")}</h2>
      <Loading loading={log.loading && !log.data} error={log.error}>
        {log.data && log.data.entries.length === 0 && cursors.length === 0 ? (
          <p>{t("assessments.delivery.empty")}</p>
        ) : (
          <TableWrap label={t("assessments.delivery")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("assessments.delivery.participant")}</th>
                  <th scope="col">{t("assessments.delivery.channel")}</th>
                  <th scope="col">{t("assessments.delivery.kind")}</th>
                  <th scope="col">{t("assessments.delivery.state")}</th>
                  <th scope="col">{t("assessments.delivery.attempts")}</th>
                  <th scope="col">{t("assessments.delivery.updated")}</th>
                </tr>
              </thead>
              <tbody>
                {log.data?.entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{(entry.subject_ref && names.get(entry.subject_ref)?.name) ?? <span title={entry.subject_ref ?? undefined}>{pseudonym(entry.subject_ref)}</span>}</td>
                    <td>{t(`assessments.channel.${entry.channel}`)}</td>
                    <td>{entry.kind}</td>
                    <td>
                      <span className={stateBadge(entry.state)}>{t(`assessments.state.${entry.state}`)}</span>
                      {entry.failure ? <span className="hint"> {entry.failure}</span> : null}
                    </td>
                    <td>{entry.attempts}</td>
                    <td>{formatDate(entry.updated_at, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pager cursors={cursors} next={log.data?.next_after} onChange={setCursors} />
      </Loading>
      {names.size === 0 ? <p className="hint">{t("assessments.delivery.pseudonymous")}</p> : null}
    </section>
  );
}
