import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, Page, SelectField, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { REQUEST_TYPES, SUBJECT_KINDS, type RequestDetail } from "./types";

/** `/app/privacy/requests/new`: a request received by other means (a letter, a call), its
 * identity checked by the officer. */
export function NewRequestPage() {
  const t = useT();
  const navigate = useNavigate();
  const [form, setForm] = useState({
    email: "",
    request_type: "access",
    language: "et",
    subject_kind: "client_user",
    tenant_id: "",
    received_at: "",
    corrected_email: "",
    corrected_name: "",
    restrict: "true",
  });
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });
  const create = useAction(async () => {
    const body: Record<string, unknown> = {
      email: form.email.trim(),
      request_type: form.request_type,
      language: form.language,
      subject_kind: form.subject_kind,
      tenant_id: form.tenant_id.trim() || null,
    };
    if (form.received_at) body.received_at = new Date(form.received_at).toISOString();
    if (form.request_type === "rectification") {
      if (form.corrected_email.trim()) body.corrected_email = form.corrected_email.trim();
      if (form.corrected_name.trim()) body.corrected_name = form.corrected_name.trim();
    }
    if (form.request_type === "restriction") body.restrict = form.restrict === "true";
    const created = await api<RequestDetail>("privacy", "/requests", { body });
    navigate(`/app/privacy/requests/${created.id}`);
  });
  const fields = create.error?.fields ?? {};
  function submit(event: FormEvent) {
    event.preventDefault();
    void create.run();
  }
  return (
    <Page title={t("officer.newRequest.title")}>
      <p>{t("officer.newRequest.intro")}</p>
      <form onSubmit={submit} noValidate>
        <TextField label={t("officer.request.email")} type="email" autoComplete="off" required value={form.email} onChange={set("email")} error={fields.email} />
        <SelectField label={t("officer.requests.type")} value={form.request_type} onChange={set("request_type")} error={fields.request_type}>
          {REQUEST_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`officer.type.${type}`)}
            </option>
          ))}
        </SelectField>
        {form.request_type === "rectification" ? (
          <>
            <TextField label={t("officer.request.correctedEmail")} type="email" value={form.corrected_email} onChange={set("corrected_email")} error={fields.corrected_email} />
            <TextField label={t("officer.request.correctedName")} value={form.corrected_name} onChange={set("corrected_name")} error={fields.corrected_name} />
          </>
        ) : null}
        {form.request_type === "restriction" ? (
          <SelectField label={t("officer.request.restrict")} value={form.restrict} onChange={set("restrict")} error={fields.restrict}>
            <option value="true">{t("officer.request.restrictOn")}</option>
            <option value="false">{t("officer.request.restrictOff")}</option>
          </SelectField>
        ) : null}
        <SelectField label={t("officer.requests.subject")} value={form.subject_kind} onChange={set("subject_kind")} error={fields.subject_kind}>
          {SUBJECT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`officer.subject.${kind}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("officer.requests.client")}
          hint={t("officer.newRequest.clientHint")}
          value={form.tenant_id}
          onChange={set("tenant_id")}
          error={fields.tenant_id}
        />
        <SelectField label={t("officer.request.language")} value={form.language} onChange={set("language")} error={fields.language}>
          <option value="et">Eesti</option>
          <option value="en">English</option>
        </SelectField>
        <TextField
          label={t("officer.newRequest.receivedAt")}
          hint={t("officer.newRequest.receivedAtHint")}
          type="datetime-local"
          value={form.received_at}
          onChange={set("received_at")}
          error={fields.received_at}
        />
        <ErrorMessage error={create.error} />
        <div className="officer-actions">
          <button type="submit" className="primary" disabled={create.busy}>
            {t("officer.newRequest.submit")}
          </button>
          <Link className="button" to="/app/privacy/requests">
            {t("form.cancel")}
          </Link>
        </div>
      </form>
    </Page>
  );
}
