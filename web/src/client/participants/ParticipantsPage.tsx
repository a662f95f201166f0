import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";

import { useSession } from "../../auth/session";
import { useLanguage } from "../../i18n";
import { ErrorMessage, Notice, Page, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { OffsetResults } from "../../ui/OffsetResults";
import { useOffsetList } from "../../ui/useOffsetList";
import { deleteParticipant, listParticipants, PAGE_SIZE, type Participant } from "./api";
import { StatusBadges } from "./StatusBadges";
import "./participants.css";

export function ParticipantsPage() {
  const { t } = useLanguage();
  const { can } = useSession();
  const editor = can("editor");
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  const list = useOffsetList((offset, signal) => listParticipants(search, offset, signal), PAGE_SIZE, [search]);
  const { setCursors } = list;
  const [deleted, setDeleted] = useState<string | null>(null);
  const remove = useAction(async (participant: Participant) => {
    await deleteParticipant(participant.id);
    setDeleted(participant.name);
    list.reload();
  });

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setSearch(typed.trim());
    setCursors([]);
  };
  const onDelete = (participant: Participant) => {
    if (window.confirm(t("participants.confirmDelete", { name: participant.name }))) {
      setDeleted(null);
      void remove.run(participant);
    }
  };

  return (
    <Page
      title={t("participants.title")}
      actions={
        editor ? (
          <>
            <Link className="button primary" to="/app/participants/new">
              {t("participants.add")}
            </Link>
            <Link className="button" to="/app/participants/import">
              {t("participants.import")}
            </Link>
          </>
        ) : null
      }
    >
      {editor ? null : <p className="hint">{t("participants.readOnly")}</p>}
      <form className="participants-search" role="search" onSubmit={onSearch}>
        <TextField
          label={t("participants.search")}
          type="search"
          name="search"
          maxLength={200}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit">{t("participants.searchButton")}</button>
        {search ? (
          <button
            type="button"
            onClick={() => {
              setTyped("");
              setSearch("");
              setCursors([]);
            }}
          >
            {t("participants.clearSearch")}
          </button>
        ) : null}
      </form>
      {deleted ? <Notice>{t("participants.deleted", { name: deleted })}</Notice> : null}
      <ErrorMessage error={remove.error} />
      <OffsetResults list={list} empty={search ? t("participants.noMatch") : t("participants.empty")}>
        {(data) => (
          <>
            <p className="hint" aria-live="polite">
              {t("participants.total", { count: data.total })}
            </p>
            <div className="table-wrap">
              <table aria-busy={list.loading}>
                <thead>
                  <tr>
                    <th scope="col">{t("participants.name")}</th>
                    <th scope="col">{t("participants.email")}</th>
                    <th scope="col">{t("participants.language")}</th>
                    <th scope="col">{t("participants.status")}</th>
                    {editor ? <th scope="col">{t("participants.actions")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((participant) => (
                    <tr key={participant.id}>
                      <td>
                        <Link to={`/app/participants/${participant.id}`}>{participant.name}</Link>
                      </td>
                      <td>{participant.email}</td>
                      <td>{t(`participants.language.${participant.language}`)}</td>
                      <td>
                        <StatusBadges participant={participant} />
                      </td>
                      {editor ? (
                        <td>
                          <button
                            type="button"
                            className="danger"
                            disabled={remove.busy}
                            aria-label={t("participants.deleteNamed", { name: participant.name })}
                            onClick={() => onDelete(participant)}
                          >
                            {t("form.delete")}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </OffsetResults>
    </Page>
  );
}
