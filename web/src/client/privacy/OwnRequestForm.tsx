import { useEffect, useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { Checkbox, ErrorMessage, SelectField, TextField } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import type { OwnRequestCreated, RequestType } from "./types";

const TYPES: RequestType[] = ["access", "export", "rectification", "erasure", "restriction"];

interface Profile {
  email: string;
  name: string | null;
}

/** A request about the user's own data; a code is emailed to the address to confirm it. */
export function OwnRequestForm({ onOpened }: { onOpened: (reference: string) => void }) {
  const { t, language } = useLanguage();
  const profile = useLoad((signal) => api<Profile>("accounts", "/me", { signal }), []);
  const [type, setType] = useState<RequestType>("access");
  const [email, setEmail] = useState("");
  const [correctedEmail, setCorrectedEmail] = useState("");
  const [correctedName, setCorrectedName] = useState("");
  const [restrict, setRestrict] = useState(true);

  useEffect(() => {
    if (profile.data) setEmail((current) => current || profile.data?.email || "");
  }, [profile.data]);

  const open = useAction(async () => {
    const body: Record<string, unknown> = { email: email.trim(), request_type: type, language };
    if (type === "rectification") {
      if (correctedEmail.trim()) body.corrected_email = correctedEmail.trim();
      if (correctedName.trim()) body.corrected_name = correctedName.trim();
    }
    if (type === "restriction") body.restrict = restrict;
    const opened = await api<OwnRequestCreated>("privacy", "/me/requests", { body });
    onOpened(opened.reference);
    setCorrectedEmail("");
    setCorrectedName("");
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (type === "erasure" && !window.confirm(t("privacy.mine.confirmErasure"))) return;
    void open.run();
  }

  const fields = open.error?.fields ?? {};
  const shownFields = ["email", "request_type", "corrected_email", "corrected_name", "restrict"];
  const otherError = open.error && !shownFields.some((name) => fields[name]);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="privacy-own-form-title">
      <h4 id="privacy-own-form-title">{t("privacy.mine.new")}</h4>
      <SelectField
        label={t("privacy.mine.type")}
        value={type}
        onChange={(event) => {
          setType(event.target.value as RequestType);
          open.reset();
        }}
        hint={t(`privacy.typeHint.${type}`)}
        error={fields.request_type}
      >
        {TYPES.map((option) => (
          <option key={option} value={option}>
            {t(`privacy.option.${option}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("privacy.mine.email")}
        hint={t("privacy.mine.emailHint")}
        type="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        autoComplete="email"
        required
        error={fields.email}
      />
      {type === "rectification" ? (
        <>
          <TextField
            label={t("privacy.mine.correctedName")}
            value={correctedName}
            onChange={(event) => setCorrectedName(event.target.value)}
            autoComplete="name"
            maxLength={200}
            error={fields.corrected_name}
          />
          <TextField
            label={t("privacy.mine.correctedEmail")}
            type="email"
            value={correctedEmail}
            onChange={(event) => setCorrectedEmail(event.target.value)}
            autoComplete="email"
            error={fields.corrected_email}
          />
        </>
      ) : null}
      {type === "restriction" ? (
        <Checkbox label={t("privacy.mine.restrict")} checked={restrict} onChange={(event) => setRestrict(event.target.checked)} />
      ) : null}
      {otherError ? <ErrorMessage error={open.error} /> : null}
      <button type="submit" className={type === "erasure" ? "danger" : "primary"} disabled={open.busy || !email.trim()}>
        {t(`privacy.mine.submit.${type}`)}
      </button>
    </form>
  );
}
