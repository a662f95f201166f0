import { useCallback, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";

import { api } from "../../api/http";
import { useSession } from "../../auth/session";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, Loading, Notice, Page } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { deleteParticipant, readParticipant, updateParticipant, type ListPage, type Participant, type ParticipantInput } from "./api";
import { DeliveryStatus } from "./DeliveryStatus";
import { ParticipantForm } from "./ParticipantForm";
import { StatusBadges } from "./StatusBadges";
import "./participants.css";

interface Group {
  id: string;
  name: string;
}

export function ParticipantPage() {
  const { id = "" } = useParams();
  const { t } = useLanguage();
  const loaded = useLoad((signal) => readParticipant(id, signal), [id]);
  const [changed, setChanged] = useState<Participant | null>(null);
  const participant = changed && changed.id === id ? changed : loaded.data;
  return (
    <Page title={participant?.name ?? t("participants.title")}>
      <p>
        <Link to="/app/participants">{t("participants.detail.back")}</Link>
      </p>
      <Loading loading={loaded.loading} error={loaded.error}>
        {participant ? <ParticipantDetails participant={participant} onChange={setChanged} /> : null}
      </Loading>
    </Page>
  );
}

function ParticipantDetails({ participant, onChange }: { participant: Participant; onChange: (p: Participant) => void }) {
  const { t, locale } = useLanguage();
  const { can } = useSession();
  const editor = can("editor");
  const navigate = useNavigate();
  const created = (useLocation().state as { created?: boolean } | null)?.created;
  const groups = useLoad((signal) => api<ListPage<Group>>("assessments", "/groups", { query: { limit: 500 }, signal }), []);
  const groupNames = participant.group_ids.map((groupId) => groups.data?.items.find((group) => group.id === groupId)?.name ?? "…");
  const save = useAction(
    useCallback(
      async (input: ParticipantInput) => onChange(await updateParticipant(participant.id, input)),
      [participant.id, onChange],
    ),
  );
  const remove = useAction(
    useCallback(async () => {
      await deleteParticipant(participant.id);
      navigate("/app/participants", { replace: true });
    }, [participant.id, navigate]),
  );
  const onDelete = () => {
    if (window.confirm(t("participants.confirmDelete", { name: participant.name }))) void remove.run();
  };

  return (
    <>
      {created && !save.done ? <Notice>{t("form.saved")}</Notice> : null}
      <section className="card" aria-labelledby="participant-data">
        <h2 id="participant-data">{t("participants.detail.data")}</h2>
        <dl className="participants-details">
          <dt>{t("participants.email")}</dt>
          <dd>{participant.email}</dd>
          <dt>{t("participants.messageLanguage")}</dt>
          <dd>{t(`participants.language.${participant.language}`)}</dd>
          <dt>{t("participants.status")}</dt>
          <dd>
            <StatusBadges participant={participant} />
          </dd>
          <dt>{t("participants.channel.slack")}</dt>
          <dd>{participant.slack_linked ? t("participants.slack.yes") : t("participants.slack.no")}</dd>
          <dt>{t("participants.emailMessages")}</dt>
          <dd>{participant.email_unsubscribed ? t("participants.unsubscribed.yes") : t("participants.unsubscribed.no")}</dd>
          <dt>{t("participants.badge.restricted")}</dt>
          <dd>{participant.restricted ? t("participants.restricted.yes") : t("participants.restricted.no")}</dd>
          <dt>{t("participants.groups")}</dt>
          <dd>{groupNames.length ? groupNames.join(", ") : t("participants.noGroups")}</dd>
          <dt>{t("participants.created")}</dt>
          <dd>{formatDate(participant.created_at, locale)}</dd>
        </dl>
      </section>

      <section aria-labelledby="participant-messages">
        <h2 id="participant-messages">{t("participants.messages.title")}</h2>
        <DeliveryStatus subjectRef={participant.subject_ref} />
      </section>

      {editor ? (
        <>
          <section className="card" aria-labelledby="participant-edit">
            <h2 id="participant-edit">{t("participants.edit.title")}</h2>
            {save.done ? <Notice>{t("participants.edit.saved")}</Notice> : null}
            <ParticipantForm
              key={participant.id}
              initial={{ name: participant.name, email: participant.email, language: participant.language }}
              allowDefaultLanguage={false}
              submitLabel={t("participants.edit.submit")}
              busy={save.busy}
              error={save.error}
              onSubmit={(input) => void save.run(input)}
            />
          </section>
          <ErrorMessage error={remove.error} />
          <button type="button" className="danger" disabled={remove.busy} onClick={onDelete}>
            {t("participants.delete")}
          </button>
        </>
      ) : (
        <p className="hint">{t("participants.readOnly")}</p>
      )}
    </>
  );
}
