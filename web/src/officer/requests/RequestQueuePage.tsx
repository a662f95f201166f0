import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, Page, SelectField, TextField } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { DueBadge } from "../shared/DueBadge";
import { PagedResults } from "../shared/PagedResults";
import { PAGE_SIZE, type PageOf } from "../shared/types";
import { REQUEST_STATES, REQUEST_TYPES, type RequestSummary } from "./types";

const FILTERS = ["state", "request_type", "tenant_id", "overdue", "due_within_days", "received_since"] as const;
const DEADLINE_CHOICES = ["", "overdue", "0", "7", "14", "30"];

interface Draft {
  state: string;
  request_type: string;
  tenant_id: string;
  deadline: string;
  received_since: string;
}

function draftOf(params: URLSearchParams): Draft {
  const overdue = params.get("overdue") === "true";
  return {
    state: params.get("state") ?? "",
    request_type: params.get("request_type") ?? "",
    tenant_id: params.get("tenant_id") ?? "",
    deadline: overdue ? "overdue" : (params.get("due_within_days") ?? ""),
    received_since: (params.get("received_since") ?? "").slice(0, 10),
  };
}

/** `/app/privacy/requests`: the queue, overdue then nearest the deadline first. */
export function RequestQueuePage() {
  const { t, locale } = useLanguage();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState<Draft>(() => draftOf(params));
  const page = Number(params.get("page") ?? "1") || 1;
  const query: Record<string, string | number> = { page, page_size: PAGE_SIZE };
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) query[name] = value;
  }
  const key = params.toString();
  const { data, error, loading } = useLoad((signal) => api<PageOf<RequestSummary>>("privacy", "/requests", { query, signal }), [key]);

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.state) next.set("state", draft.state);
    if (draft.request_type) next.set("request_type", draft.request_type);
    if (draft.tenant_id.trim()) next.set("tenant_id", draft.tenant_id.trim());
    if (draft.deadline === "overdue") next.set("overdue", "true");
    else if (draft.deadline) next.set("due_within_days", draft.deadline);
    if (draft.received_since) {
      const kept = params.get("received_since") ?? "";
      next.set("received_since", kept.startsWith(draft.received_since) ? kept : `${draft.received_since}T00:00:00Z`);
    }
    setParams(next);
  }

  function clear() {
    setDraft(draftOf(new URLSearchParams()));
    setParams(new URLSearchParams());
  }

  function goTo(nextPage: number) {
    const next = new URLSearchParams(params);
    next.set("page", String(nextPage));
    setParams(next);
  }

  const deadlines = DEADLINE_CHOICES.includes(draft.deadline) ? DEADLINE_CHOICES : [...DEADLINE_CHOICES, draft.deadline];
  return (
    <Page
      title={t("officer.requests.title")}
      actions={
        <Link className="button primary" to="/app/privacy/requests/new">
          {t("officer.requests.new")}
        </Link>
      }
    >
      <form className="officer-filters" onSubmit={apply} aria-label={t("officer.filters")}>
        <SelectField label={t("officer.requests.state")} value={draft.state} onChange={(e) => setDraft({ ...draft, state: e.target.value })}>
          <option value="">{t("officer.any")}</option>
          {REQUEST_STATES.map((state) => (
            <option key={state} value={state}>
              {t(`officer.state.${state}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("officer.requests.type")} value={draft.request_type} onChange={(e) => setDraft({ ...draft, request_type: e.target.value })}>
          <option value="">{t("officer.any")}</option>
          {REQUEST_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`officer.type.${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("officer.requests.deadline")} value={draft.deadline} onChange={(e) => setDraft({ ...draft, deadline: e.target.value })}>
          {deadlines.map((choice) => (
            <option key={choice} value={choice}>
              {choice === "" ? t("officer.any") : choice === "overdue" ? t("officer.requests.onlyOverdue") : t("officer.requests.dueWithin", { days: choice })}
            </option>
          ))}
        </SelectField>
        <TextField label={t("officer.requests.receivedSince")} type="date" value={draft.received_since} onChange={(e) => setDraft({ ...draft, received_since: e.target.value })} />
        <TextField label={t("officer.requests.client")} value={draft.tenant_id} onChange={(e) => setDraft({ ...draft, tenant_id: e.target.value })} />
        <div className="actions">
          <button type="submit" className="primary">
            {t("officer.filter")}
          </button>
          <button type="button" onClick={clear}>
            {t("officer.clearFilters")}
          </button>
        </div>
      </form>
      <PagedResults data={data} loading={loading} error={error} page={page} onPage={goTo} empty={t("officer.requests.none")}>
        {(data) => (
          <>
            <p role="status">{t("officer.requests.count", { total: data.total })}</p>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t("officer.requests.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("officer.requests.reference")}</th>
                    <th scope="col">{t("officer.requests.type")}</th>
                    <th scope="col">{t("officer.requests.subject")}</th>
                    <th scope="col">{t("officer.requests.state")}</th>
                    <th scope="col">{t("officer.requests.received")}</th>
                    <th scope="col">{t("officer.requests.due")}</th>
                    <th scope="col">{t("officer.requests.deadline")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">
                        <Link to={`/app/privacy/requests/${item.id}`}>{item.reference}</Link>
                      </th>
                      <td>{t(`officer.type.${item.request_type}`)}</td>
                      <td>{t(`officer.subject.${item.subject_kind}`)}</td>
                      <td>{t(`officer.state.${item.state}`)}</td>
                      <td>{formatDate(item.received_at, locale, false)}</td>
                      <td>{formatDate(item.due_at, locale, false)}</td>
                      <td>
                        <DueBadge clock={item} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </PagedResults>
    </Page>
  );
}
