import { useState } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, Loading, Notice } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import type { Assessment, OffsetPage } from "./types";

const PAGE_SIZE = 20;

interface Props {
  heading: string;
  intro?: string;
  /** The pager's accessible name. */
  pagesLabel: string;
  /** The delete button's text, and its accessible name naming the assessment. */
  button: string;
  buttonLabel: (title: string) => string;
  confirm: (title: string) => string;
  deleted: (title: string) => string;
  /** The assessments-service path a DELETE removes for an assessment. */
  path: (id: string) => string;
  /** Whether the list is loaded again after a deletion (the assessment itself is gone). */
  reloadAfter?: boolean;
}

/** The client's assessments, a page at a time, each with a button that deletes something of it. */
export function AssessmentDeleteList({ heading, intro, pagesLabel, button, buttonLabel, confirm, deleted, path, reloadAfter = false }: Props) {
  const t = useT();
  const [offset, setOffset] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const assessments = useLoad(
    (signal) => api<OffsetPage<Assessment>>("assessments", "/assessments", { query: { limit: PAGE_SIZE, offset }, signal }),
    [offset],
  );
  const removal = useAction(async (id: string) => {
    await api("assessments", path(id), { method: "DELETE" });
  });
  async function remove(assessment: Assessment) {
    if (!window.confirm(confirm(assessment.title))) return;
    setMessage(null);
    if (await removal.run(assessment.id)) {
      setMessage(deleted(assessment.title));
      if (reloadAfter) assessments.reload();
    }
  }
  const total = assessments.data?.total ?? 0;
  return (
    <div>
      <h4>{heading}</h4>
      {intro ? <p>{intro}</p> : null}
      <ErrorMessage error={removal.error} />
      {message ? <Notice>{message}</Notice> : null}
      <Loading loading={assessments.loading && !assessments.data} error={assessments.error}>
        {assessments.data?.items.length ? (
          <ul>
            {assessments.data.items.map((assessment) => (
              <li key={assessment.id} className="privacy-actions">
                <span>{assessment.title}</span>
                <button
                  type="button"
                  className="danger"
                  disabled={removal.busy}
                  onClick={() => void remove(assessment)}
                  aria-label={buttonLabel(assessment.title)}
                >
                  {button}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("privacy.clientData.noAssessments")}</p>
        )}
        {total > PAGE_SIZE ? (
          <nav className="pager" aria-label={pagesLabel}>
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              {t("list.previous")}
            </button>
            <button type="button" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              {t("list.next")}
            </button>
          </nav>
        ) : null}
      </Loading>
    </div>
  );
}
