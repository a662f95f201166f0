import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";

import { useT } from "../i18n";
import { ErrorMessage, TextField } from "../ui/components";
import { useAction } from "../ui/hooks";
import { verifyRequest } from "./requestApi";

/** The step after the form: the 6-digit code emailed to the address (30 minutes, 5 attempts). */
export function VerificationForm({
  intake,
  statusToken,
  email,
  onVerified,
}: {
  intake: string;
  statusToken: string;
  email: string | null;
  onVerified: () => void;
}) {
  const t = useT();
  const [code, setCode] = useState("");
  const [invalid, setInvalid] = useState(false);
  const verify = useCallback(
    async (entered: string) => {
      await verifyRequest(intake, statusToken, entered);
      onVerified();
    },
    [intake, statusToken, onVerified],
  );
  const action = useAction(verify);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const entered = code.replace(/\s/g, "");
    const valid = /^\d{6}$/.test(entered);
    setInvalid(!valid);
    if (valid) void action.run(entered);
  }

  const gone = action.error?.status === 410;
  const already = action.error?.status === 409;
  useEffect(() => {
    if (already) onVerified(); // verified already (another tab): show where it stands
  }, [already, onVerified]);
  return (
    <section aria-labelledby="verify" className="card">
      <h2 id="verify">{t("public.verify.title")}</h2>
      <p>{email ? t("public.verify.sentTo", { email }) : t("public.verify.sent")}</p>
      <p className="hint">{t("public.verify.limits")}</p>
      <form onSubmit={onSubmit} noValidate>
        <ErrorMessage error={action.error} />
        {gone ? (
          <p>
            <Link to="/data-request">{t("public.status.startAgain")}</Link>
          </p>
        ) : null}
        <TextField
          label={t("public.verify.code")}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={invalid ? t("public.verify.codeFormat") : action.error?.fields.code}
        />
        <button type="submit" className="primary" disabled={action.busy || gone}>
          {action.busy ? t("public.verify.checking") : t("public.verify.submit")}
        </button>
      </form>
    </section>
  );
}
