import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, Loading } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import type { Workspace } from "./types";
import { WorkspaceIcon } from "./WorkspaceIcon";

/** Exactly what the install asks Slack for (P5), each with what Soket uses it for. */
const SCOPES = ["team:read", "users:read", "users:read.email", "chat:write", "im:write"] as const;

function ScopeList() {
  const { t } = useLanguage();
  return (
    <ul className="settings-scopes">
      {SCOPES.map((scope) => (
        <li key={scope}>
          <code>{scope}</code>: {t(`settings.slack.scope.${scope}`)}
        </li>
      ))}
    </ul>
  );
}

/** Connected Slack workspaces (name and icon, P5), and the admin's button to connect one. */
export function SlackSection({ admin }: { admin: boolean }) {
  const { t, locale } = useLanguage();
  const workspaces = useLoad((signal) => api<Workspace[]>("delivery", "/workspaces/slack", { signal }), []);
  const install = useAction(async () => {
    const started = await api<{ authorize_url: string }>("delivery", "/workspaces/slack/install", { method: "POST" });
    window.location.assign(started.authorize_url);
  });

  const connected = workspaces.data ?? [];
  return (
    <section className="card settings-section" id="settings-slack" aria-labelledby="settings-slack-title">
      <h2 id="settings-slack-title">{t("settings.slack.title")}</h2>
      <Loading loading={workspaces.loading && !workspaces.data} error={workspaces.error}>
        {connected.length ? (
          <ul className="settings-workspaces" aria-label={t("settings.slack.connected")}>
            {connected.map((workspace) => {
              const name = workspace.name ?? t("settings.slack.unnamed");
              return (
                <li key={workspace.team_id} className="settings-workspace">
                  <WorkspaceIcon teamId={workspace.team_id} name={name} alt={t("settings.slack.iconOf", { name })} />
                  <div>
                    <strong>{name}</strong>
                    <div className="hint">
                      {t("settings.slack.installedAt", { date: formatDate(workspace.installed_at, locale) })} · {workspace.team_id}
                    </div>
                    <div className="hint">{t("settings.slack.granted", { scopes: workspace.scopes.join(", ") })}</div>
                  </div>
                </li>
              );
            })}
          </ul>
        ) : (
          <p>{t("settings.slack.none")}</p>
        )}
      </Loading>
      <p>{t("settings.slack.scopesIntro")}</p>
      <ScopeList />
      <p className="hint">{t("settings.slack.kept")}</p>
      {admin ? (
        <>
          <ErrorMessage error={install.error} />
          <button type="button" className="primary" disabled={install.busy} onClick={() => void install.run()}>
            {connected.length ? t("settings.slack.connectAnother") : t("settings.slack.connect")}
          </button>
        </>
      ) : (
        <p className="hint">{t("settings.slack.adminOnly")}</p>
      )}
    </section>
  );
}
