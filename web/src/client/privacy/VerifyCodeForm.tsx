import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import type { OwnRequest, OwnRequestCreated } from "./types";

/** The 6-digit code emailed to the address, which proves it is the user's (Q14). */
export function VerifyCodeForm({ request, onVerified }: { request: OwnRequest; onVerified: () => void }) {
  const t = useT();
  const [code, setCode] = useState("");
  const verify = useAction(async () => {
    await api<OwnRequestCreated>("privacy", `/me/requests/${request.id}/verification`, { body: { code: code.trim() } });
    onVerified();
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    void verify.run();
  }
  return (
    <form onSubmit={submit} noValidate className="privacy-inline">
      <TextField
        label={t("privacy.mine.code", { reference: request.reference })}
        value={code}
        onChange={(event) => setCode(event.target.value)}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        size={8}
        required
        error={verify.error?.fields.code}
      />
      <button type="submit" className="primary" disabled={verify.busy || code.trim().length !== 6}>
        {t("privacy.mine.confirm")}
      </button>
      {verify.error && !verify.error.fields.code ? <ErrorMessage error={verify.error} /> : null}
    </form>
  );
}
