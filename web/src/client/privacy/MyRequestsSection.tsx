import { useState } from "react";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, Notice } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { OwnRequestForm } from "./OwnRequestForm";
import { PagedTable } from "./PagedTable";
import { RequestTable } from "./RequestTable";
import { DueBadge } from "./StateBadge";
import type { NumberedPage, OwnRequest } from "./types";
import { VerifyCodeForm } from "./VerifyCodeForm";

const PAGE_SIZE = 10;
const CLOSED = ["completed", "verified", "denied", "failed", "canceled", "withdrawn"];

/** The user's own access, export, rectification, erasure and restriction requests. */
export function MyRequestsSection() {
  const { t, locale } = useLanguage();
  const [page, setPage] = useState(1);
  const [message, setMessage] = useState<string | null>(null);
  const requests = useLoad(
    (signal) => api<NumberedPage<OwnRequest>>("privacy", "/me/requests", { query: { page, page_size: PAGE_SIZE }, signal }),
    [page],
  );

  return (
    <section className="card privacy-section" id="privacy-my-requests" aria-labelledby="privacy-my-requests-title">
      <h3 id="privacy-my-requests-title">{t("privacy.mine.title")}</h3>
      <p>{t("privacy.mine.intro")}</p>
      <OwnRequestForm
        onOpened={(reference) => {
          setMessage(t("privacy.mine.opened", { reference }));
          setPage(1);
          requests.reload();
        }}
      />
      {message ? <Notice>{message}</Notice> : null}
      <h4>{t("privacy.mine.list")}</h4>
      <PagedTable list={requests} page={page} pageSize={PAGE_SIZE} onPage={setPage} empty={t("privacy.mine.none")}>
        {(items) => (
          <RequestTable
            items={items}
            rowKey={(request) => request.id}
            columns={[
              {
                header: t("privacy.field.due"),
                cell: (request) => (
                  <>
                    {formatDate(request.due_on, locale, false)}
                    {CLOSED.includes(request.state) ? null : (
                      <>
                        {" "}
                        <DueBadge daysLeft={request.days_left} overdue={request.days_left < 0} nearlyDue={false} />
                      </>
                    )}
                  </>
                ),
              },
              {
                header: t("privacy.field.next"),
                cell: (request) =>
                  request.state === "awaiting_verification" ? (
                    <VerifyCodeForm
                      request={request}
                      onVerified={() => {
                        setMessage(t("privacy.mine.verified", { reference: request.reference }));
                        requests.reload();
                      }}
                    />
                  ) : (
                    t(`privacy.mine.next.${nextStep(request)}`)
                  ),
              },
            ]}
          />
        )}
      </PagedTable>
    </section>
  );
}

/** What happens next, in words: the download link and notices come by email. */
function nextStep(request: OwnRequest): string {
  if (["completed", "verified"].includes(request.state)) {
    return request.request_type === "export" || request.request_type === "access" ? "emailed" : "done";
  }
  if (CLOSED.includes(request.state)) return "closed";
  return "waiting";
}
