import { useState } from "react";
import { Link } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, SelectField } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { PagedTable } from "./PagedTable";
import { RequestTable } from "./RequestTable";
import { DueBadge } from "./StateBadge";
import type { NumberedPage, RequestSummary } from "./types";

const PAGE_SIZE = 20;
const FILTERS = ["", "awaiting_decision", "approved", "in_progress", "completed", "verified", "denied", "failed", "canceled", "withdrawn"];

/** Requests about the client's participants, for its admins to decide (overdue first). */
export function ParticipantRequestsSection() {
  const { t, locale } = useLanguage();
  const [page, setPage] = useState(1);
  const [state, setState] = useState("");
  const requests = useLoad(
    (signal) =>
      api<NumberedPage<RequestSummary>>("privacy", "/client/requests", {
        query: { page, page_size: PAGE_SIZE, state: state || undefined },
        signal,
      }),
    [page, state],
  );
  return (
    <section className="card privacy-section" id="privacy-participant-requests" aria-labelledby="privacy-participant-requests-title">
      <h3 id="privacy-participant-requests-title">{t("privacy.requests.title")}</h3>
      <p>{t("privacy.requests.intro")}</p>
      <SelectField
        label={t("privacy.requests.filter")}
        value={state}
        onChange={(event) => {
          setState(event.target.value);
          setPage(1);
        }}
      >
        {FILTERS.map((option) => (
          <option key={option} value={option}>
            {option ? t(`privacy.state.${option}`) : t("privacy.requests.all")}
          </option>
        ))}
      </SelectField>
      <PagedTable list={requests} page={page} pageSize={PAGE_SIZE} onPage={setPage} empty={t("privacy.requests.none")}>
        {(items) => (
          <RequestTable
            items={items}
            rowKey={(request) => request.id}
            reference={(request) => <Link to={`/app/privacy/requests/${request.id}`}>{request.reference}</Link>}
            columns={[
              {
                header: t("privacy.field.due"),
                cell: (request) => (
                  <>
                    {formatDate(request.due_on, locale, false)}{" "}
                    <DueBadge daysLeft={request.days_left} overdue={request.overdue} nearlyDue={request.nearly_due} />
                  </>
                ),
              },
            ]}
          />
        )}
      </PagedTable>
    </section>
  );
}
