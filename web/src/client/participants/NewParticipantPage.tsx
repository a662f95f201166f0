import { useCallback } from "react";
import { Link, useNavigate } from "react-router-dom";

import { useSession } from "../../auth/session";
import { useT } from "../../i18n";
import { Page } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { createParticipant, type ParticipantInput } from "./api";
import { ParticipantForm } from "./ParticipantForm";
import "./participants.css";

export function NewParticipantPage() {
  const t = useT();
  const { can } = useSession();
  const navigate = useNavigate();
  const create = useAction(
    useCallback(
      async (input: ParticipantInput) => {
        const participant = await createParticipant(input);
        navigate(`/app/participants/${participant.id}`, { state: { created: true } });
      },
      [navigate],
    ),
  );
  return (
    <Page title={t("participants.new.title")}>
      <p>
        <Link to="/app/participants">{t("participants.detail.back")}</Link>
      </p>
      {can("editor") ? (
        <div className="card">
          <p className="hint">{t("participants.new.hint")}</p>
          <ParticipantForm
            initial={{ name: "", email: "", language: null }}
            allowDefaultLanguage
            submitLabel={t("participants.new.submit")}
            busy={create.busy}
            error={create.error}
            onSubmit={(input) => void create.run(input)}
          />
        </div>
      ) : (
        <p className="error" role="alert">
          {t("error.forbidden")}
        </p>
      )}
    </Page>
  );
}
