import { useState, type FormEvent, type ReactNode } from "react";

import { useT } from "../../i18n";
import { ErrorMessage, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";

interface Props {
  /** The form's accessible name. */
  name: string;
  /** The button that opens the form. */
  opener: (open: () => void) => ReactNode;
  /** The text field's label, and the field of the API's validation errors it shows. */
  label: string;
  field: string;
  /** A text is required: the submit button waits for one. */
  required?: boolean;
  confirm: string;
  submit: string;
  /** Sends the text (trimmed); the form's caller reloads what it shows. */
  send: (text: string) => Promise<unknown>;
}

/** A closed form that opens to one text (a note, a reason) and sends it after a confirmation. */
export function ConfirmTextForm({ name, opener, label, field, required = false, confirm, submit, send }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const action = useAction(() => send(text.trim()));
  if (!open) return <>{opener(() => setOpen(true))}</>;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (window.confirm(confirm)) void action.run();
  }
  return (
    <form onSubmit={onSubmit} aria-label={name}>
      <TextField label={label} required={required || undefined} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} error={action.error?.fields[field]} />
      <ErrorMessage error={action.error} />
      <div className="officer-actions">
        <button type="submit" className="danger" disabled={action.busy || (required && !text.trim())}>
          {submit}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}
