import { useState } from "react";
import { useNavigate } from "react-router-dom";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage } from "../../ui/components";
import { useAction } from "../../ui/hooks";

/** Hard delete (P13): the assessment with its dispatches, links and answers, at once. Admins only. */
export function DeleteAssessment({ id, title }: { id: string; title: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const remove = useAction(async () => {
    await api("assessments", `/assessments/${id}`, { method: "DELETE" });
    navigate("/app/assessments", { state: { deleted: title } });
  });
  return (
    <section className="card danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t("assessments.delete")}</h2>
      <p>{t("assessments.delete.explain")}</p>
      <ErrorMessage error={remove.error} />
      {confirming ? (
        <div role="group" aria-labelledby="delete-confirm">
          <p id="delete-confirm">
            <strong>{t("assessments.delete.confirm", { title })}</strong>
          </p>
          <div className="form-actions">
            <button type="button" className="danger" disabled={remove.busy} onClick={() => void remove.run()}>
              {t("assessments.delete.yes")}
            </button>
            <button type="button" autoFocus onClick={() => setConfirming(false)}>
              {t("form.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {t("assessments.delete.button")}
        </button>
      )}
    </section>
  );
}
