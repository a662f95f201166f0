import { useT } from "../../i18n";
import { CLIENT_ROLES, type Member } from "./types";

interface Props {
  member: Member;
  self: boolean;
  busy: boolean;
  onRole: (role: string, label: string) => void;
  onRemove: (label: string) => void;
  onInviteAgain: () => void;
}

export function MemberRow({ member, self, busy, onRole, onRemove, onInviteAgain }: Props) {
  const t = useT();
  const label = member.name || member.email;
  return (
    <tr>
      <td>
        {member.name ?? "—"}
        {self ? <> ({t("settings.members.you")})</> : null}
      </td>
      <td>{member.email}</td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${member.id}`}>
          {t("settings.members.roleOf", { name: label })}
        </label>
        <select
          id={`role-${member.id}`}
          value={member.role}
          disabled={busy}
          onChange={(event) => onRole(event.target.value, label)}
        >
          {CLIENT_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`settings.role.${role}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {member.joined ? (
          <span className="badge good">{t("settings.members.joined")}</span>
        ) : (
          <span className="badge warn">{t("settings.members.invitedBadge")}</span>
        )}
      </td>
      <td>
        <div className="settings-actions">
          {!member.joined ? (
            <button type="button" disabled={busy} onClick={onInviteAgain} aria-label={t("settings.members.inviteAgainOf", { name: label })}>
              {t("settings.members.inviteAgain")}
            </button>
          ) : null}
          <button type="button" className="danger" disabled={busy} onClick={() => onRemove(label)} aria-label={t("settings.members.removeOf", { name: label })}>
            {t("settings.members.remove")}
          </button>
        </div>
      </td>
    </tr>
  );
}
