import { useCallback } from "react";

import { useT } from "../i18n";
import { ErrorMessage, Notice } from "../ui/components";
import { useAction } from "../ui/hooks";
import { withdrawRequest } from "./requestApi";
import type { WithdrawalOut } from "./types";

/** Withdraws the intake (before the code) or its requests still before their point of no return. */
export function WithdrawSection({ intake, statusToken, onWithdrawn }: { intake: string; statusToken: string; onWithdrawn: (outcome: WithdrawalOut) => void }) {
  const t = useT();
  const withdraw = useCallback(async () => {
    onWithdrawn(await withdrawRequest(intake, statusToken));
  }, [intake, statusToken, onWithdrawn]);
  const action = useAction(withdraw);

  function onClick() {
    if (window.confirm(t("public.withdraw.confirm"))) void action.run();
  }

  return (
    <section aria-labelledby="withdraw" className="pub-policy-section">
      <h2 id="withdraw">{t("public.withdraw.title")}</h2>
      <p>{t("public.withdraw.text")}</p>
      <ErrorMessage error={action.error} />
      <button type="button" className="danger" onClick={onClick} disabled={action.busy}>
        {action.busy ? t("public.withdraw.busy") : t("public.withdraw.button")}
      </button>
    </section>
  );
}

/** What the last withdrawal did, announced. */
export function WithdrawalNotice({ outcome }: { outcome: WithdrawalOut }) {
  const t = useT();
  return (
    <Notice>
      {outcome.withdrawn.length ? t("public.withdraw.done", { references: outcome.withdrawn.join(", ") }) : t("public.withdraw.doneAll")}
      {outcome.past_point_of_no_return.length
        ? ` ${t("public.withdraw.kept", { references: outcome.past_point_of_no_return.join(", ") })}`
        : ""}
    </Notice>
  );
}
