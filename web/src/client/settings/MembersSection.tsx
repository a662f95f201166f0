import { useState } from "react";

import { api } from "../../api/http";
import { useSession } from "../../auth/session";
import { useT } from "../../i18n";
import { ErrorMessage, Loading, Notice, Pager } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { InviteForm } from "./InviteForm";
import { MemberRow } from "./MemberRow";
import type { MemberPage } from "./types";

const PAGE_SIZE = 25;

/** The client's users: invite, change a role, remove (never the last admin: a 409 says so). */
export function MembersSection() {
  const t = useT();
  const { user } = useSession();
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors[cursors.length - 1];
  const members = useLoad(
    (signal) => api<MemberPage>("accounts", "/users", { query: { after, limit: PAGE_SIZE }, signal }),
    [after],
  );
  const [message, setMessage] = useState<string | null>(null);

  const removal = useAction(async (id: string) => {
    await api("accounts", `/users/${id}`, { method: "DELETE" });
  });
  const roleChange = useAction(async (id: string, role: string) => {
    await api("accounts", `/users/${id}`, { method: "PATCH", body: { role } });
  });
  const reinvite = useAction(async (email: string, role: string) => {
    await api("accounts", "/users", { body: { email, role } });
  });

  async function remove(id: string, label: string) {
    if (!window.confirm(t("settings.members.confirmRemove", { name: label }))) return;
    setMessage(null);
    if (await removal.run(id)) {
      setMessage(t("settings.members.removed", { name: label }));
      members.reload();
    }
  }
  async function changeRole(id: string, role: string, label: string) {
    setMessage(null);
    if (await roleChange.run(id, role)) setMessage(t("settings.members.roleChanged", { name: label }));
    members.reload();
  }
  async function inviteAgain(email: string, role: string) {
    setMessage(null);
    if (await reinvite.run(email, role)) setMessage(t("settings.members.invited", { email }));
  }

  const error = removal.error ?? roleChange.error ?? reinvite.error;
  return (
    <section className="card settings-section" id="settings-members" aria-labelledby="settings-members-title">
      <h2 id="settings-members-title">{t("settings.members.title")}</h2>
      <p className="hint">{t("settings.members.rolesHint")}</p>
      <ErrorMessage error={error} />
      {message ? <Notice>{message}</Notice> : null}
      <Loading loading={members.loading && !members.data} error={members.error}>
        {members.data?.items.length ? (
          <div className="table-wrap">
            <table className="settings-table">
              <caption className="visually-hidden">{t("settings.members.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("settings.members.name")}</th>
                  <th scope="col">{t("settings.members.email")}</th>
                  <th scope="col">{t("settings.members.role")}</th>
                  <th scope="col">{t("settings.members.status")}</th>
                  <th scope="col">{t("settings.members.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {members.data.items.map((member) => (
                  <MemberRow
                    key={member.id}
                    member={member}
                    self={member.id === user?.id}
                    busy={removal.busy || roleChange.busy || reinvite.busy}
                    onRole={(role, label) => void changeRole(member.id, role, label)}
                    onRemove={(label) => void remove(member.id, label)}
                    onInviteAgain={() => void inviteAgain(member.email, member.role)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("list.empty")}</p>
        )}
        <Pager cursors={cursors} next={members.data?.next_after} onChange={setCursors} />
      </Loading>
      <InviteForm
        onInvited={(email) => {
          setMessage(t("settings.members.invited", { email }));
          members.reload();
        }}
      />
    </section>
  );
}
