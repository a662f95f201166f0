import type { FormEvent } from "react";

import { api } from "../api/http";
import { ErrorMessage } from "../ui/components";
import { useAction } from "../ui/hooks";
import { AuthPage, Done, MissingToken, useLinkToken } from "./AuthPage";
import { useT } from "../i18n";

interface Props {
  /** The accounts route that takes `{token}`. */
  path: "/auth/verify-email" | "/auth/verify-new-email";
  titleKey: string;
  introKey: string;
  submitKey: string;
  doneKey: string;
}

/**
 * A link that only needs its token posted. The person presses a button: opening the page
 * changes nothing, so a mail scanner that opens links does not use the token up.
 */
export function ConfirmLinkPage({ path, titleKey, introKey, submitKey, doneKey }: Props) {
  const t = useT();
  const token = useLinkToken();
  const action = useAction(async () => {
    await api("accounts", path, { body: { token } });
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  let content;
  if (!token) content = <MissingToken />;
  else if (action.done) content = <Done text={t(doneKey)} />;
  else
    content = (
      <form onSubmit={onSubmit}>
        <p>{t(introKey)}</p>
        <ErrorMessage error={action.error} />
        <button type="submit" className="primary" disabled={action.busy}>
          {t(submitKey)}
        </button>
      </form>
    );
  return <AuthPage title={t(titleKey)}>{content}</AuthPage>;
}

export function VerifyEmailPage() {
  return (
    <ConfirmLinkPage
      path="/auth/verify-email"
      titleKey="auth.verify.title"
      introKey="auth.verify.intro"
      submitKey="auth.verify.submit"
      doneKey="auth.verify.done"
    />
  );
}

export function VerifyNewEmailPage() {
  return (
    <ConfirmLinkPage
      path="/auth/verify-new-email"
      titleKey="auth.verifyNew.title"
      introKey="auth.verifyNew.intro"
      submitKey="auth.verifyNew.submit"
      doneKey="auth.verifyNew.done"
    />
  );
}
