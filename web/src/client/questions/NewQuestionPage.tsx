import { useCallback } from "react";
import { Link, useNavigate } from "react-router-dom";

import { useSession } from "../../auth/session";
import { useT } from "../../i18n";
import { Page } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { createQuestion, type QuestionInput } from "./api";
import { QuestionForm } from "./QuestionForm";
import "./questions.css";

export function NewQuestionPage() {
  const t = useT();
  const { can } = useSession();
  const navigate = useNavigate();
  const create = useAction(
    useCallback(
      async (input: QuestionInput) => {
        const question = await createQuestion(input);
        navigate(`/app/questions/${question.id}`, { state: { created: true } });
      },
      [navigate],
    ),
  );
  return (
    <Page title={t("questions.new")}>
      <p>
        <Link to="/app/questions">{t("questions.back")}</Link>
      </p>
      {can("editor") ? (
        <div className="card">
          <QuestionForm submitLabel={t("questions.create")} busy={create.busy} error={create.error} onSubmit={(input) => void create.run(input)} />
        </div>
      ) : (
        <p className="error" role="alert">
          {t("error.forbidden")}
        </p>
      )}
    </Page>
  );
}
