import { useId } from "react";

import { useT } from "../../i18n";
import { TextField } from "../../ui/components";
import type { QuestionKind } from "./api";

export interface DraftOption {
  /** React's key: stable while options are added and removed. */
  key: string;
  /** An existing option's id: kept, because answers refer to it. */
  id?: string;
  label: string;
  correct: boolean;
}

interface Props {
  kind: QuestionKind;
  options: DraftOption[];
  errors: Record<string, string>;
  onChange: (options: DraftOption[]) => void;
  onAdd: () => void;
}

const MAX_OPTIONS = 20;

/** The answer options of a choice question, each with its correct-answer mark. */
export function OptionsEditor({ kind, options, errors, onChange, onAdd }: Props) {
  const t = useT();
  const groupName = useId();
  const single = kind === "single_choice";
  const noneId = `${groupName}-none`;
  const setOption = (index: number, change: Partial<DraftOption>) =>
    onChange(options.map((option, at) => (at === index ? { ...option, ...change } : option)));
  const markCorrect = (index: number, correct: boolean) =>
    onChange(
      options.map((option, at) => {
        if (single) return { ...option, correct: at === index && correct };
        return at === index ? { ...option, correct } : option;
      }),
    );
  return (
    <fieldset className="questions-fieldset">
      <legend>{t("questions.options")}</legend>
      <p className="hint">{single ? t("questions.singleHint") : t("questions.multipleHint")}</p>
      {errors.options ? (
        <p className="field-error" role="alert">
          {errors.options}
        </p>
      ) : null}
      <ol className="questions-options">
        {options.map((option, index) => {
          const number = index + 1;
          const markId = `${groupName}-${option.key}`;
          return (
            <li key={option.key} className="questions-option">
              <TextField
                label={t("questions.option", { number })}
                maxLength={500}
                value={option.label}
                error={errors[`options[${index}].label`]}
                onChange={(event) => setOption(index, { label: event.target.value })}
              />
              <div className="checkbox">
                <input
                  id={markId}
                  type={single ? "radio" : "checkbox"}
                  name={single ? groupName : undefined}
                  checked={option.correct}
                  onChange={(event) => markCorrect(index, event.target.checked)}
                />
                <label htmlFor={markId}>{t(single ? "questions.correctSingle" : "questions.correctMultiple", { number })}</label>
              </div>
              <button
                type="button"
                className="link-button"
                disabled={options.length <= 2}
                onClick={() => onChange(options.filter((_, at) => at !== index))}
              >
                {t("questions.removeOption", { number })}
              </button>
            </li>
          );
        })}
      </ol>
      {single ? (
        <div className="checkbox">
          <input
            id={noneId}
            type="radio"
            name={groupName}
            checked={!options.some((option) => option.correct)}
            onChange={() => onChange(options.map((option) => ({ ...option, correct: false })))}
          />
          <label htmlFor={noneId}>{t("questions.noCorrect")}</label>
        </div>
      ) : null}
      <button type="button" onClick={onAdd} disabled={options.length >= MAX_OPTIONS}>
        {t("questions.addOption")}
      </button>
    </fieldset>
  );
}
