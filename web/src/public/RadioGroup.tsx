import { useId, type ReactNode } from "react";

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  description?: string;
}

/** A labelled group of radio buttons (a fieldset), each with an optional description. */
export function RadioGroup<V extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  error,
  hint,
}: {
  legend: string;
  name: string;
  options: RadioOption<V>[];
  value: V | "";
  onChange: (value: V) => void;
  error?: string;
  hint?: ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="pub-radio-group" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {options.map((option) => (
        <div className="pub-radio" key={option.value}>
          <input
            type="radio"
            id={`${id}-${option.value}`}
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            aria-describedby={option.description ? `${id}-${option.value}-description` : undefined}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          {option.description ? (
            <p className="hint" id={`${id}-${option.value}-description`}>
              {option.description}
            </p>
          ) : null}
        </div>
      ))}
    </fieldset>
  );
}
