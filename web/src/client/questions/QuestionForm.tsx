import { useMemo, useState, type FormEvent } from "react";

import type { ApiError } from "../../api/http";
import { useT } from "../../i18n";
import { SelectField, TextArea, TextField } from "../../ui/components";
import { QUESTION_KINDS, refusedWord, type Question, type QuestionInput, type QuestionKind } from "./api";
import { OptionsEditor, type DraftOption } from "./OptionsEditor";

interface Draft {
  kind: QuestionKind;
  text: string;
  explanation: string;
  topics: string;
  options: DraftOption[];
  minimum: string;
  maximum: string;
}

let nextKey = 0;
export function newOption(label = "", correct = false, id?: string): DraftOption {
  nextKey += 1;
  return { key: `o${nextKey}`, id, label, correct };
}

function draftOf(question: Question | undefined): Draft {
  if (!question) {
    return { kind: "single_choice", text: "", explanation: "", topics: "", options: [newOption(), newOption()], minimum: "1", maximum: "5" };
  }
  const choice = question.kind === "single_choice" || question.kind === "multiple_choice";
  return {
    kind: question.kind,
    text: question.text,
    explanation: question.explanation ?? "",
    topics: question.topics.join(", "),
    options: choice ? question.options.map((option) => newOption(option.label, option.correct, option.id)) : [newOption(), newOption()],
    minimum: String(question.scale?.minimum ?? 1),
    maximum: String(question.scale?.maximum ?? 5),
  };
}

export function isChoice(kind: QuestionKind): boolean {
  return kind === "single_choice" || kind === "multiple_choice";
}

function inputOf(draft: Draft): QuestionInput {
  const choice = isChoice(draft.kind);
  return {
    kind: draft.kind,
    text: draft.text.trim(),
    explanation: draft.explanation.trim() || null,
    topics: [...new Set(draft.topics.split(",").map((topic) => topic.trim()).filter(Boolean))],
    options: choice ? draft.options.map((option) => ({ ...(option.id ? { id: option.id } : {}), label: option.label.trim(), correct: option.correct })) : [],
    scale: draft.kind === "scale" ? { minimum: Number(draft.minimum), maximum: Number(draft.maximum) } : null,
  };
}

type Errors = Record<string, string>;

interface Props {
  question?: Question;
  submitLabel: string;
  busy: boolean;
  error: ApiError | null;
  onSubmit: (input: QuestionInput) => void;
}

export function QuestionForm({ question, submitLabel, busy, error, onSubmit }: Props) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(question));
  const [checked, setChecked] = useState<Errors>({});
  const choice = isChoice(draft.kind);

  const validate = (): Errors => {
    const found: Errors = {};
    if (!draft.text.trim()) found.text = t("questions.error.text");
    if (choice) {
      draft.options.forEach((option, index) => {
        if (!option.label.trim()) found[`options[${index}].label`] = t("questions.error.optionEmpty");
      });
      if (draft.options.length < 2) found.options = t("questions.error.twoOptions");
    }
    if (draft.kind === "scale") {
      const minimum = Number(draft.minimum);
      const maximum = Number(draft.maximum);
      if (!Number.isInteger(minimum) || minimum < -100 || minimum > 100) found.minimum = t("questions.error.scaleNumber");
      if (!Number.isInteger(maximum) || maximum < -100 || maximum > 100) found.maximum = t("questions.error.scaleNumber");
      else if (maximum <= minimum) found.maximum = t("questions.error.scaleOrder");
      else if (maximum - minimum + 1 > 11) found.maximum = t("questions.error.scalePoints");
    }
    return found;
  };

  // The API's answer on the fields: a refused word where it is, validation messages by name.
  const apiErrors = useMemo<Errors>(() => {
    if (!error) return {};
    const refused = refusedWord(error);
    if (refused) {
      const key = refused.field.startsWith("topics[") ? "topics" : refused.field;
      return { [key]: t("questions.error.refused", { word: refused.word }) };
    }
    const fields = { ...error.fields };
    if (fields.minimum === undefined && fields.scale) fields.maximum = fields.scale;
    return fields;
  }, [error, t]);
  const errors: Errors = { ...apiErrors, ...checked };
  const refused = refusedWord(error);
  const topMessage = Object.keys(checked).length
    ? t("questions.error.form")
    : refused
      ? t("questions.error.refusedTop")
      : error?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setChecked(found);
    if (Object.keys(found).length === 0) onSubmit(inputOf(draft));
  };

  const changeKind = (kind: QuestionKind) => {
    setDraft((previous) => {
      let options = previous.options;
      if (kind === "single_choice" && options.filter((option) => option.correct).length > 1) {
        let seen = false;
        options = options.map((option) => {
          const keep = option.correct && !seen;
          if (option.correct) seen = true;
          return { ...option, correct: keep };
        });
      }
      return { ...previous, kind, options };
    });
  };

  return (
    <form onSubmit={submit} noValidate className="questions-form">
      {topMessage && (error || Object.keys(checked).length) ? (
        <p className="error" role="alert">
          {topMessage}
        </p>
      ) : null}
      <SelectField
        label={t("questions.kind")}
        value={draft.kind}
        disabled={Boolean(question)}
        hint={question ? t("questions.kindFixed") : undefined}
        onChange={(event) => changeKind(event.target.value as QuestionKind)}
        error={errors.kind}
      >
        {QUESTION_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`questions.kind.${kind}`)}
          </option>
        ))}
      </SelectField>
      <TextArea
        label={t("questions.text")}
        required
        maxLength={2000}
        value={draft.text}
        error={errors.text}
        onChange={(event) => setDraft({ ...draft, text: event.target.value })}
      />
      {choice ? (
        <OptionsEditor
          kind={draft.kind}
          options={draft.options}
          errors={errors}
          onChange={(options) => setDraft({ ...draft, options })}
          onAdd={() => setDraft({ ...draft, options: [...draft.options, newOption()] })}
        />
      ) : null}
      {draft.kind === "scale" ? (
        <fieldset className="questions-fieldset">
          <legend>{t("questions.scale")}</legend>
          <p className="hint">{t("questions.scaleHint")}</p>
          <div className="questions-scale">
            <TextField
              label={t("questions.scaleMinimum")}
              type="number"
              inputMode="numeric"
              min={-100}
              max={100}
              step={1}
              value={draft.minimum}
              error={errors.minimum}
              onChange={(event) => setDraft({ ...draft, minimum: event.target.value })}
            />
            <TextField
              label={t("questions.scaleMaximum")}
              type="number"
              inputMode="numeric"
              min={-100}
              max={100}
              step={1}
              value={draft.maximum}
              error={errors.maximum}
              onChange={(event) => setDraft({ ...draft, maximum: event.target.value })}
            />
          </div>
        </fieldset>
      ) : null}
      {draft.kind === "free_text" ? <p className="hint">{t("questions.freeTextHint")}</p> : null}
      <TextArea
        label={t("questions.explanation")}
        hint={t("questions.explanationHint")}
        maxLength={4000}
        value={draft.explanation}
        error={errors.explanation}
        onChange={(event) => setDraft({ ...draft, explanation: event.target.value })}
      />
      <TextField
        label={t("questions.topics")}
        hint={t("questions.topicsHint")}
        value={draft.topics}
        error={errors.topics}
        onChange={(event) => setDraft({ ...draft, topics: event.target.value })}
      />
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
