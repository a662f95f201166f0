import { useEffect, useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, Loading, Notice, TextField } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import type { Profile } from "./types";

/** The signed-in user's own name, and a new email address (verified by a link first). */
export function ProfileSection() {
  const t = useT();
  const profile = useLoad((signal) => api<Profile>("accounts", "/me", { signal }), []);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    if (!profile.data) return;
    setName(profile.data.name ?? "");
    setPending(profile.data.pending_email);
  }, [profile.data]);

  const saveName = useAction(async () => {
    await api<Profile>("accounts", "/me", { method: "PATCH", body: { name: name.trim() } });
  });
  const changeEmail = useAction(async () => {
    const changed = await api<Profile>("accounts", "/me/email", { body: { email: email.trim() } });
    setPending(changed.pending_email);
    setEmail("");
  });

  function submitName(event: FormEvent) {
    event.preventDefault();
    void saveName.run();
  }
  function submitEmail(event: FormEvent) {
    event.preventDefault();
    void changeEmail.run();
  }

  return (
    <section className="card settings-section" id="settings-profile" aria-labelledby="settings-profile-title">
      <h2 id="settings-profile-title">{t("settings.profile.title")}</h2>
      <Loading loading={profile.loading && !profile.data} error={profile.error}>
        <dl className="settings-facts">
          <dt>{t("settings.profile.email")}</dt>
          <dd>{profile.data?.email}</dd>
          <dt>{t("settings.profile.role")}</dt>
          <dd>{profile.data ? t(`settings.role.${profile.data.role}`) : null}</dd>
        </dl>
        <form onSubmit={submitName} noValidate>
          <div className="settings-inline">
            <TextField
              label={t("settings.profile.name")}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                saveName.reset();
              }}
              autoComplete="name"
              required
              maxLength={200}
              error={saveName.error?.fields.name}
            />
            <button type="submit" className="primary" disabled={saveName.busy || !name.trim()}>
              {t("settings.profile.saveName")}
            </button>
          </div>
          {saveName.error && !saveName.error.fields.name ? <ErrorMessage error={saveName.error} /> : null}
          {saveName.done ? <Notice>{t("settings.profile.nameSaved")}</Notice> : null}
        </form>
        <form onSubmit={submitEmail} noValidate>
          <div className="settings-inline">
            <TextField
              label={t("settings.profile.newEmail")}
              hint={t("settings.profile.newEmailHint")}
              type="email"
              value={email}
              onChange={(event) => {
                setEmail(event.target.value);
                changeEmail.reset();
              }}
              autoComplete="email"
              required
              error={changeEmail.error?.fields.email}
            />
            <button type="submit" disabled={changeEmail.busy || !email.trim()}>
              {t("settings.profile.changeEmail")}
            </button>
          </div>
          {changeEmail.error && !changeEmail.error.fields.email ? <ErrorMessage error={changeEmail.error} /> : null}
          {pending ? <Notice>{t("settings.profile.pending", { email: pending })}</Notice> : null}
        </form>
      </Loading>
    </section>
  );
}
