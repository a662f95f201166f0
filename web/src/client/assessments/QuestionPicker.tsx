import { useMemo, useState } from "react";

import { useT } from "../../i18n";
import { Checkbox, TextField } from "../../ui/components";
import { OffsetPager } from "./OffsetPager";
import type { QuestionRead } from "./types";

const PAGE_SIZE = 15;

/** Choosing questions from the client's bank: filtered by words, paged; the choice keeps its order. */
export function QuestionPicker({ questions, selected, onChange, error }: { questions: QuestionRead[]; selected: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const t = useT();
  const [filter, setFilter] = useState("");
  const [offset, setOffset] = useState(0);
  const shown = useMemo(() => {
    const words = filter.trim().toLowerCase();
    if (!words) return questions;
    return questions.filter((question) => `${question.text} ${question.topics.join(" ")}`.toLowerCase().includes(words));
  }, [questions, filter]);
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((chosen) => chosen !== id));
  return (
    <fieldset className="picker" aria-describedby={error ? "question-picker-error" : undefined}>
      <legend>{t("assessments.questions")}</legend>
      <p className="hint" aria-live="polite">
        {t("assessments.questions.chosen", { count: selected.length })}
      </p>
      {error ? (
        <p className="field-error" id="question-picker-error">
          {error}
        </p>
      ) : null}
      {questions.length === 0 ? (
        <p>{t("assessments.questions.none")}</p>
      ) : (
        <>
          <TextField
            label={t("assessments.questions.filter")}
            type="search"
            value={filter}
            onChange={(event) => {
              setFilter(event.target.value);
              setOffset(0);
            }}
          />
          <ul className="choice-list">
            {shown.slice(offset, offset + PAGE_SIZE).map((question) => (
              <li key={question.id}>
                <Checkbox label={question.text} checked={selected.includes(question.id)} onChange={(event) => toggle(question.id, event.target.checked)} />
                <span className="hint">
                  {t(`assessments.questionKind.${question.kind}`)}
                  {question.topics.length ? ` · ${question.topics.join(", ")}` : ""}
                </span>
              </li>
            ))}
          </ul>
          {shown.length === 0 ? <p>{t("assessments.questions.noMatch")}</p> : null}
          <OffsetPager offset={offset} limit={PAGE_SIZE} total={shown.length} onChange={setOffset} label={t("assessments.questions.pages")} />
        </>
      )}
    </fieldset>
  );
}
