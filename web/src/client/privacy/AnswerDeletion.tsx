import { useState } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, Loading, Notice } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import type { Assessment, OffsetPage } from "./types";

const PAGE_SIZE = 20;

/** The client's assessments, each with a button deleting its answers (P13): the assessment
 * and its questions stay. */
export function AnswerDeletion() {
  const t = useT();
  const [offset, setOffset] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const assessments = useLoad(
    (signal) => api<OffsetPage<Assessment>>("assessments", "/assessments", { query: { limit: PAGE_SIZE, offset }, signal }),
    [offset],
  );
  const removal = useAction(async (id: string) => {
    await api("assessments", `/assessments/${id}/answers`, { method: "DELETE" });
  });
  async function remove(assessment: Assessment) {
    if (!window.confirm(t("privacy.clientData.confirmAnswers", { title: assessment.title }))) return;
    setMessage(null);
    if (await removal.run(assessment.id)) {
      setMessage(t("privacy.clientData.answersDeleted", { title: assessment.title }));
    }
  }
  const total = assessments.data?.total ?? 0;
  return (
    <div>
      <h4>{t("privacy.clientData.answersOfAssessments")}</h4>
      <p>{t("privacy.clientData.answersIntro")}</p>
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
                  aria-label={t("privacy.clientData.deleteAnswersOf", { title: assessment.title })}
                >
                  {t("privacy.clientData.deleteAnswers")}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("privacy.clientData.noAssessments")}</p>
        )}
        {total > PAGE_SIZE ? (
          <nav className="pager" aria-label={t("privacy.clientData.answersPages")}>
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
