import { useState } from "react";

import { useLanguage } from "../../i18n";
import { formatDate, Loading, Pager } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { deliveryLog } from "./api";

const TONE: Record<string, string> = {
  delivered: "good",
  sent: "good",
  queued: "warn",
  sending: "warn",
  unknown: "warn",
  suppressed: "warn",
  bounced: "bad",
  complained: "bad",
  failed: "bad",
};

/** delivery's log for one person: where each message is (never what it said). */
export function DeliveryStatus({ subjectRef }: { subjectRef: string | undefined }) {
  const { t, locale } = useLanguage();
  if (!subjectRef) return <p className="hint">{t("participants.messages.unavailable")}</p>;
  return <DeliveryLog subjectRef={subjectRef} t={t} locale={locale} />;
}

function DeliveryLog({ subjectRef, t, locale }: { subjectRef: string; t: ReturnType<typeof useLanguage>["t"]; locale: string }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1) ?? null;
  const log = useLoad((signal) => deliveryLog(subjectRef, after, signal), [subjectRef, after]);
  return (
    <Loading loading={log.loading && !log.data} error={log.error}>
      {log.data && log.data.entries.length === 0 ? <p>{t("participants.messages.empty")}</p> : null}
      {log.data && log.data.entries.length > 0 ? (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("participants.messages.sent")}</th>
                  <th scope="col">{t("participants.messages.kind")}</th>
                  <th scope="col">{t("participants.messages.channel")}</th>
                  <th scope="col">{t("participants.messages.state")}</th>
                  <th scope="col">{t("participants.messages.updated")}</th>
                  <th scope="col">{t("participants.messages.attempts")}</th>
                  <th scope="col">{t("participants.messages.failure")}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatDate(entry.created_at, locale)}</td>
                    <td>{t(`participants.kind.${entry.kind}`)}</td>
                    <td>{t(`participants.channel.${entry.channel}`)}</td>
                    <td>
                      <span className={`badge ${TONE[entry.state] ?? ""}`}>{t(`participants.state.${entry.state}`)}</span>
                    </td>
                    <td>{formatDate(entry.updated_at, locale)}</td>
                    <td>{entry.attempts}</td>
                    <td>{entry.failure ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {cursors.length || log.data.next_after ? <Pager cursors={cursors} next={log.data.next_after} onChange={setCursors} /> : null}
        </>
      ) : null}
    </Loading>
  );
}
