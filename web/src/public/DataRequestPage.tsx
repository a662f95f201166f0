import { useCallback, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";

import { LANGUAGES, useLanguage, type Language } from "../i18n";
import { ErrorMessage, Page, SelectField, TextField } from "../ui/components";
import { useAction } from "../ui/hooks";
import { Layout } from "../ui/Layout";
import { RadioGroup } from "./RadioGroup";
import { statusPath, submitRequest } from "./requestApi";
import { REQUEST_TYPES, type RequestForm, type RequestType } from "./types";
import "./public.css";

type Restrict = "apply" | "lift";

/** /data-request: anyone's request about their data (Q14); a code to the address comes next. */
export function DataRequestPage() {
  const { t, language } = useLanguage();
  const navigate = useNavigate();
  const [requestType, setRequestType] = useState<RequestType | "">("");
  const [email, setEmail] = useState("");
  const [correctedEmail, setCorrectedEmail] = useState("");
  const [correctedName, setCorrectedName] = useState("");
  const [restrict, setRestrict] = useState<Restrict | "">("");
  const [emailLanguage, setEmailLanguage] = useState<Language>(language);
  const [missing, setMissing] = useState<Record<string, string>>({});

  const send = useCallback(
    async (form: RequestForm) => {
      const accepted = await submitRequest(form);
      navigate(statusPath(accepted.intake_id, accepted.status_token), { state: { email: form.email } });
    },
    [navigate],
  );
  const action = useAction(send);
  const fields = { ...(action.error?.fields ?? {}), ...missing };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!requestType) problems.request_type = t("public.form.chooseType");
    if (!email.trim()) problems.email = t("public.form.emailMissing");
    if (requestType === "rectification" && !correctedEmail.trim() && !correctedName.trim()) {
      problems.corrected_email = t("public.form.correctionMissing");
    }
    if (requestType === "restriction" && !restrict) problems.restrict = t("public.form.restrictMissing");
    setMissing(problems);
    if (Object.keys(problems).length || !requestType) return;
    const form: RequestForm = { email: email.trim(), request_type: requestType, language: emailLanguage };
    if (requestType === "rectification") {
      if (correctedEmail.trim()) form.corrected_email = correctedEmail.trim();
      if (correctedName.trim()) form.corrected_name = correctedName.trim();
    }
    if (requestType === "restriction") form.restrict = restrict === "apply";
    void action.run(form);
  }

  return (
    <Layout>
      <Page title={t("public.request.title")}>
        <div className="pub-intro">
          <p>{t("public.request.intro.who")}</p>
          <p>{t("public.request.intro.how")}</p>
          <p>{t("public.request.intro.organisation")}</p>
        </div>
        <form onSubmit={onSubmit} noValidate aria-describedby={Object.keys(missing).length ? "request-problems" : undefined}>
          {Object.keys(missing).length ? (
            <p className="error" role="alert" id="request-problems">
              {t("public.form.problems")}
            </p>
          ) : null}
          <ErrorMessage error={action.error} />
          <RadioGroup
            legend={t("public.form.type")}
            name="request_type"
            value={requestType}
            onChange={(value) => {
              setRequestType(value);
              setMissing(({ request_type: _done, ...rest }) => rest);
            }}
            error={fields.request_type}
            options={REQUEST_TYPES.map((type) => ({
              value: type,
              label: t(`public.type.${type}`),
              description: t(`public.type.${type}.description`),
            }))}
          />
          <TextField
            label={t("public.form.email")}
            hint={t("public.form.emailHint")}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={fields.email}
          />
          {requestType === "rectification" ? (
            <fieldset className="pub-sub-fields">
              <legend>{t("public.form.correction")}</legend>
              <p className="hint">{t("public.form.correctionHint")}</p>
              <TextField
                label={t("public.form.correctedEmail")}
                type="email"
                autoComplete="off"
                value={correctedEmail}
                onChange={(event) => setCorrectedEmail(event.target.value)}
                error={fields.corrected_email}
              />
              <TextField
                label={t("public.form.correctedName")}
                autoComplete="name"
                maxLength={200}
                value={correctedName}
                onChange={(event) => setCorrectedName(event.target.value)}
                error={fields.corrected_name}
              />
            </fieldset>
          ) : null}
          {requestType === "restriction" ? (
            <RadioGroup<Restrict>
              legend={t("public.form.restrict")}
              name="restrict"
              value={restrict}
              onChange={setRestrict}
              error={fields.restrict}
              options={[
                { value: "apply", label: t("public.form.restrictApply") },
                { value: "lift", label: t("public.form.restrictLift") },
              ]}
            />
          ) : null}
          <SelectField
            label={t("public.form.language")}
            value={emailLanguage}
            onChange={(event) => setEmailLanguage(event.target.value as Language)}
            error={fields.language}
          >
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {code === "et" ? "Eesti" : "English"}
              </option>
            ))}
          </SelectField>
          <p className="hint pub-privacy-note">{t("public.form.privacyNote")}</p>
          <button type="submit" className="primary" disabled={action.busy}>
            {action.busy ? t("public.form.sending") : t("public.form.send")}
          </button>
        </form>
        <p className="pub-after-form">
          <Link to="/privacy-policy">{t("public.home.policyLink")}</Link>
        </p>
      </Page>
    </Layout>
  );
}
