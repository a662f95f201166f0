import { useMemo, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";

import { api } from "../api/http";
import { useLanguage } from "../i18n";
import { ErrorMessage, SelectField, TextField } from "../ui/components";
import { useAction } from "../ui/hooks";
import { AuthPage } from "./AuthPage";
import { NewPasswordField } from "./NewPasswordField";
import { useT } from "../i18n";

interface SignupBody {
  organisation_name: string;
  name?: string;
  email: string;
  password: string;
  time_zone: string;
  language: "et" | "en";
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "Europe/Tallinn";
  } catch {
    return "Europe/Tallinn";
  }
}

function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  const all = new Set([...zones, current, "Europe/Tallinn", "UTC"]);
  return [...all].sort();
}

export function SignupPage() {
  const t = useT();
  const { language } = useLanguage();
  const initialZone = useMemo(browserTimeZone, []);
  const zones = useMemo(() => timeZones(initialZone), [initialZone]);
  const [form, setForm] = useState<SignupBody>({
    organisation_name: "",
    name: "",
    email: "",
    password: "",
    time_zone: initialZone,
    language,
  });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const action = useAction(async () => {
    const body: SignupBody = { ...form, email: form.email.trim(), name: form.name?.trim() || undefined };
    await api("accounts", "/signup", { body });
    setSentTo(body.email);
  });
  const set = (key: keyof SignupBody) => (event: { target: { value: string } }) =>
    setForm((previous) => ({ ...previous, [key]: event.target.value }));
  const fields = action.error?.fields ?? {};

  if (sentTo) {
    return (
      <AuthPage title={t("auth.signup.done")}>
        <p className="notice" role="status">
          {t("auth.signup.doneText", { email: sentTo })}
        </p>
        <p>
          <Link to="/login">{t("auth.goToLogin")}</Link>
        </p>
      </AuthPage>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <AuthPage title={t("auth.signup.title")}>
      <p>{t("auth.signup.intro")}</p>
      <form onSubmit={onSubmit} noValidate>
        <ErrorMessage error={action.error} />
        <TextField
          label={t("auth.signup.organisation")}
          name="organisation"
          autoComplete="organization"
          required
          maxLength={200}
          value={form.organisation_name}
          error={fields.organisation_name}
          onChange={set("organisation_name")}
        />
        <TextField
          label={t("auth.signup.name")}
          name="name"
          autoComplete="name"
          maxLength={200}
          value={form.name}
          error={fields.name}
          onChange={set("name")}
        />
        <TextField
          label={t("auth.email")}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={form.email}
          error={fields.email}
          onChange={set("email")}
        />
        <NewPasswordField label={t("auth.password")} value={form.password} error={fields.password} onChange={set("password")} />
        <SelectField label={t("auth.signup.timeZone")} value={form.time_zone} error={fields.time_zone} onChange={set("time_zone")}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("auth.signup.language")} value={form.language} error={fields.language} onChange={set("language")}>
          <option value="et">{t("auth.language.et")}</option>
          <option value="en">{t("auth.language.en")}</option>
        </SelectField>
        <button type="submit" className="primary" disabled={action.busy}>
          {t("auth.signup.submit")}
        </button>
      </form>
      <div className="auth-links">
        <Link to="/login">{t("auth.signup.haveAccount")}</Link>
      </div>
    </AuthPage>
  );
}
