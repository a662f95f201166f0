import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ConfirmTextForm } from "../shared/ConfirmTextForm";
import type { Hold } from "./HoldsPage";

/** Releases one hold (with an optional note), after a confirmation. */
export function ReleaseHold({ hold, onDone }: { hold: Hold; onDone: () => void }) {
  const t = useT();
  const target = hold.scope === "client" ? t("officer.holds.client", { id: hold.tenant_id }) : t("officer.holds.person", { id: hold.tenant_id });
  const name = t("officer.holds.releaseNamed", { target });
  return (
    <ConfirmTextForm
      name={name}
      opener={(open) => (
        <div>
          <button type="button" className="link-button" aria-label={name} onClick={open}>
            {t("officer.holds.release")}
          </button>
        </div>
      )}
      label={t("officer.holds.releaseNote")}
      field="note"
      confirm={t("officer.holds.releaseConfirm")}
      submit={t("officer.holds.releaseNow")}
      send={async (note) => {
        await api("privacy", `/holds/${hold.id}/release`, { body: note ? { note } : {} });
        onDone();
      }}
    />
  );
}
