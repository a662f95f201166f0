import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, Loading, Notice, TextField } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import type { OffsetPage, Participant } from "./types";

const SHOWN = 20;

/** Find a participant and delete them with their dispatches, tokens and free-text answers. */
export function ParticipantDeletion() {
  const t = useT();
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const found = useLoad(
    (signal) =>
      search === null
        ? Promise.resolve(null)
        : api<OffsetPage<Participant>>("assessments", "/participants", { query: { search, limit: SHOWN }, signal }),
    [search],
  );
  const removal = useAction(async (id: string) => {
    await api("assessments", `/participants/${id}`, { method: "DELETE" });
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    setSearch(typed.trim());
  }
  async function remove(participant: Participant) {
    const label = `${participant.name} <${participant.email}>`;
    if (!window.confirm(t("privacy.clientData.confirmParticipant", { name: label }))) return;
    setMessage(null);
    if (await removal.run(participant.id)) {
      setMessage(t("privacy.clientData.participantDeleted", { name: participant.name }));
      found.reload();
    }
  }

  return (
    <div>
      <h4>{t("privacy.clientData.participants")}</h4>
      <form onSubmit={submit} className="privacy-inline" role="search">
        <TextField label={t("privacy.clientData.find")} value={typed} onChange={(event) => setTyped(event.target.value)} maxLength={200} />
        <button type="submit">{t("privacy.clientData.findButton")}</button>
      </form>
      <ErrorMessage error={removal.error} />
      {message ? <Notice>{message}</Notice> : null}
      {search !== null ? (
        <Loading loading={found.loading} error={found.error}>
          {found.data?.items.length ? (
            <>
              <ul>
                {found.data.items.map((participant) => (
                  <li key={participant.id} className="privacy-actions">
                    <span>
                      {participant.name} ({participant.email})
                    </span>
                    <button
                      type="button"
                      className="danger"
                      disabled={removal.busy}
                      onClick={() => void remove(participant)}
                      aria-label={t("privacy.clientData.deleteParticipantOf", { name: participant.name })}
                    >
                      {t("privacy.clientData.deleteParticipant")}
                    </button>
                  </li>
                ))}
              </ul>
              {found.data.total > SHOWN ? <p className="hint">{t("privacy.clientData.narrow", { total: found.data.total })}</p> : null}
            </>
          ) : (
            <p>{t("privacy.clientData.noParticipants")}</p>
          )}
        </Loading>
      ) : null}
    </div>
  );
}
