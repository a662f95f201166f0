import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";

import { useSession } from "../../auth/session";
import { useT } from "../../i18n";
import { Checkbox, ErrorMessage, Notice, Page, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { OffsetResults } from "../../ui/OffsetResults";
import { useOffsetList } from "../../ui/useOffsetList";
import { deleteQuestion, listQuestions, PAGE_SIZE, type Question } from "./api";
import { FlaggedBadge, Topics } from "./KindLabel";
import "./questions.css";

export function QuestionsPage() {
  const t = useT();
  const { can } = useSession();
  const editor = can("editor");
  const [typedTopic, setTypedTopic] = useState("");
  const [filter, setFilter] = useState({ topic: "", flagged: false });
  const list = useOffsetList((offset, signal) => listQuestions(filter, offset, signal), PAGE_SIZE, [filter.topic, filter.flagged]);
  const { setCursors } = list;
  const [deleted, setDeleted] = useState(false);
  const remove = useAction(async (question: Question) => {
    await deleteQuestion(question.id);
    setDeleted(true);
    list.reload();
  });
  const onFilter = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ ...filter, topic: typedTopic.trim() });
    setCursors([]);
  };
  const onDelete = (question: Question) => {
    if (window.confirm(t("questions.confirmDelete", { text: shortText(question.text) }))) {
      setDeleted(false);
      void remove.run(question);
    }
  };
  const filtered = Boolean(filter.topic) || filter.flagged;

  return (
    <Page
      title={t("questions.title")}
      actions={
        editor ? (
          <Link className="button primary" to="/app/questions/new">
            {t("questions.new")}
          </Link>
        ) : null
      }
    >
      {editor ? null : <p className="hint">{t("questions.readOnly")}</p>}
      <form className="questions-filter" onSubmit={onFilter} aria-label={t("questions.filter")}>
        <TextField
          label={t("questions.topicFilter")}
          name="topic"
          maxLength={100}
          value={typedTopic}
          onChange={(event) => setTypedTopic(event.target.value)}
        />
        <Checkbox
          label={t("questions.flaggedOnly")}
          checked={filter.flagged}
          onChange={(event) => {
            setFilter({ topic: typedTopic.trim(), flagged: event.target.checked });
            setCursors([]);
          }}
        />
        <button type="submit">{t("questions.applyFilter")}</button>
      </form>
      {deleted ? <Notice>{t("questions.deleted")}</Notice> : null}
      <ErrorMessage error={remove.error} />
      <OffsetResults list={list} empty={filtered ? t("questions.noMatch") : t("questions.empty")}>
        {(data) => (
          <>
            <p className="hint">{t("questions.total", { count: data.total })}</p>
            <div className="table-wrap">
              <table aria-busy={list.loading}>
                <thead>
                  <tr>
                    <th scope="col">{t("questions.text")}</th>
                    <th scope="col">{t("questions.kind")}</th>
                    <th scope="col">{t("questions.topics")}</th>
                    <th scope="col">{t("questions.reports")}</th>
                    {editor ? <th scope="col">{t("questions.actions")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((question) => (
                    <tr key={question.id}>
                      <td className="questions-text">
                        <Link to={`/app/questions/${question.id}`}>{shortText(question.text)}</Link>
                      </td>
                      <td>{t(`questions.kind.${question.kind}`)}</td>
                      <td>
                        <Topics topics={question.topics} />
                      </td>
                      <td>
                        {question.flagged ? <FlaggedBadge question={question} /> : question.report_count || "—"}
                      </td>
                      {editor ? (
                        <td>
                          <button
                            type="button"
                            className="danger"
                            disabled={remove.busy}
                            aria-label={t("questions.deleteNamed", { text: shortText(question.text, 60) })}
                            onClick={() => onDelete(question)}
                          >
                            {t("form.delete")}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </OffsetResults>
    </Page>
  );
}

export function shortText(text: string, length = 120): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
