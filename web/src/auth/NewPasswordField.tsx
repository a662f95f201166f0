import type { ChangeEvent } from "react";

import { useT } from "../i18n";
import { TextField } from "../ui/components";

/** A password being chosen: the browser may suggest one; the rules are in the hint. */
export function NewPasswordField({ label, value, error, onChange }: { label: string; value: string; error?: string; onChange: (event: ChangeEvent<HTMLInputElement>) => void }) {
  const t = useT();
  return (
    <TextField
      label={label}
      type="password"
      name="password"
      autoComplete="new-password"
      required
      hint={t("auth.passwordHint")}
      value={value}
      error={error}
      onChange={onChange}
    />
  );
}
