import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ConfirmTextForm } from "../shared/ConfirmTextForm";
import type { PolicyVersion } from "./PoliciesPage";

/** Withdraws an upcoming version, with the reason, after a confirmation. */
export function WithdrawVersion({ version, onDone }: { version: PolicyVersion; onDone: () => void }) {
  const t = useT();
  const name = t("officer.policies.withdrawNamed", { label: version.label });
  return (
    <ConfirmTextForm
      name={name}
      opener={(open) => (
        <button type="button" className="danger" aria-label={name} onClick={open}>
          {t("officer.policies.withdraw")}
        </button>
      )}
      label={t("officer.policies.withdrawReason")}
      field="reason"
      required
      confirm={t("officer.policies.withdrawConfirm")}
      submit={t("officer.policies.withdrawNow")}
      send={async (reason) => {
        await api("privacy", `/policies/${version.id}/withdrawal`, { body: { reason } });
        onDone();
      }}
    />
  );
}
