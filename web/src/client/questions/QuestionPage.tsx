import { useCallback, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";

import { useSession } from "../../auth/session";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, Loading, Notice, Page } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { deleteQuestion, readQuestion, updateQuestion, type Question, type QuestionInput } from "./api";
import { FlaggedBadge, Topics } from "./KindLabel";
import { isChoice, QuestionForm } from "./QuestionForm";
import "./questions.css";

export function QuestionPage() {
  const { id = "" } = useParams();
  const { t } = useLanguage();
  const { can } = useSession();
  const loaded = useLoad((signal) => readQuestion(id, signal), [id]);
  const [saved, setSaved] = useState<Question | null>(null);
  const question = saved && saved.id === id ? saved : loaded.data;
  const editor = can("editor");
  return (
    <Page title={editor ? t("questions.edit") : t("questions.view")}>
      <p>
        <Link to="/app/questions">{t("questions.back")}</Link>
      </p>
      <Loading loading={loaded.loading} error={loaded.error}>
        {question ? (
          editor ? (
            <EditQuestion question={question} onSaved={setSaved} fresh={saved !== null} />
          ) : (
            <QuestionView question={question} />
          )
        ) : null}
      </Loading>
    </Page>
  );
}

function EditQuestion({ question, onSaved, fresh }: { question: Question; onSaved: (question: Question) => void; fresh: boolean }) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const created = (useLocation().state as { created?: boolean } | null)?.created;
  const save = useAction(
    useCallback(async (input: QuestionInput) => onSaved(await updateQuestion(question.id, input)), [question.id, onSaved]),
  );
  const remove = useAction(
    useCallback(async () => {
      await deleteQuestion(question.id);
      navigate("/app/questions", { replace: true });
    }, [question.id, navigate]),
  );
  const onDelete = () => {
    if (window.confirm(t("questions.confirmDelete", { text: question.text.slice(0, 120) }))) void remove.run();
  };
  return (
    <>
      {save.done && fresh ? <Notice>{t("form.saved")}</Notice> : created ? <Notice>{t("questions.created")}</Notice> : null}
      {question.flagged ? (
        <p>
          <FlaggedBadge question={question} /> {t("questions.flaggedHint")}
        </p>
      ) : null}
      <div className="card">
        <QuestionForm
          key={`${question.id}-${question.updated_at}`}
          question={question}
          submitLabel={t("questions.save")}
          busy={save.busy}
          error={save.error}
          onSubmit={(input) => void save.run(input)}
        />
      </div>
      <ErrorMessage error={remove.error} />
      <button type="button" className="danger" disabled={remove.busy} onClick={onDelete}>
        {t("questions.delete")}
      </button>
    </>
  );
}

function QuestionView({ question }: { question: Question }) {
  const { t, locale } = useLanguage();
  return (
    <div className="card">
      <p className="hint">{t("questions.readOnly")}</p>
      <h2 className="questions-text">{question.text}</h2>
      <p>
        {t(`questions.kind.${question.kind}`)} <FlaggedBadge question={question} />
      </p>
      {isChoice(question.kind) ? (
        <ul className="questions-view-options">
          {question.options.map((option) => (
            <li key={option.id}>
              {option.label}
              {option.correct ? <strong> ({t("questions.correctMark")})</strong> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {question.scale ? <p>{t("questions.scaleRange", { minimum: question.scale.minimum, maximum: question.scale.maximum })}</p> : null}
      {question.explanation ? (
        <>
          <h3>{t("questions.explanation")}</h3>
          <p>{question.explanation}</p>
        </>
      ) : null}
      <p>
        {t("questions.topics")}: <Topics topics={question.topics} />
      </p>
      <p className="hint">{t("questions.updated", { date: formatDate(question.updated_at, locale) })}</p>
    </div>
  );
}
