import { useState, type FormEvent } from "react";

import type { ApiError } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, SelectField, TextField } from "../../ui/components";
import type { ParticipantInput, ParticipantLanguage } from "./api";

interface Props {
  initial: ParticipantInput;
  /** On create the language may be left to the organisation's. */
  allowDefaultLanguage: boolean;
  submitLabel: string;
  busy: boolean;
  error: ApiError | null;
  onSubmit: (input: ParticipantInput) => void;
}

export function ParticipantForm({ initial, allowDefaultLanguage, submitLabel, busy, error, onSubmit }: Props) {
  const t = useT();
  const [input, setInput] = useState<ParticipantInput>(initial);
  const fields = error?.fields ?? {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(input);
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorMessage error={error} />
      <TextField
        label={t("participants.name")}
        name="name"
        autoComplete="off"
        required
        maxLength={200}
        value={input.name}
        error={fields.name}
        onChange={(event) => setInput({ ...input, name: event.target.value })}
      />
      <TextField
        label={t("participants.email")}
        name="email"
        type="email"
        autoComplete="off"
        required
        maxLength={320}
        value={input.email}
        error={fields.email}
        onChange={(event) => setInput({ ...input, email: event.target.value })}
      />
      <SelectField
        label={t("participants.messageLanguage")}
        value={input.language ?? ""}
        error={fields.language}
        onChange={(event) => setInput({ ...input, language: (event.target.value || null) as ParticipantLanguage | null })}
      >
        {allowDefaultLanguage ? <option value="">{t("participants.language.default")}</option> : null}
        <option value="et">{t("participants.language.et")}</option>
        <option value="en">{t("participants.language.en")}</option>
      </SelectField>
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
