import { useEffect, useMemo, useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, Loading, Notice, SelectField } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import type { ClientInfo } from "./types";

function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = ["Europe/Tallinn", "Europe/Helsinki", "Europe/Riga", "Europe/Vilnius", "Europe/Berlin", "Europe/London", "UTC"];
  }
  return zones.includes(current) || !current ? zones : [current, ...zones];
}

/** The client's time zone (daily questions' send times) and the language Soket writes in. */
export function OrganisationSection() {
  const t = useT();
  const client = useLoad((signal) => api<ClientInfo>("accounts", "/client", { signal }), []);
  const [timeZone, setTimeZone] = useState("");
  const [language, setLanguage] = useState<"et" | "en">("et");
  const zones = useMemo(() => timeZones(timeZone), [timeZone]);

  useEffect(() => {
    if (!client.data) return;
    setTimeZone(client.data.time_zone);
    setLanguage(client.data.language);
  }, [client.data]);

  const save = useAction(async () => {
    await api<ClientInfo>("accounts", "/client/settings", {
      method: "PATCH",
      body: { time_zone: timeZone, language },
    });
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    void save.run();
  }

  return (
    <section className="card settings-section" id="settings-organisation" aria-labelledby="settings-organisation-title">
      <h2 id="settings-organisation-title">{t("settings.organisation.title")}</h2>
      <Loading loading={client.loading && !client.data} error={client.error}>
        <p>{t("settings.organisation.name", { name: client.data?.organisation_name ?? "" })}</p>
        <form onSubmit={submit} noValidate>
          <SelectField
            label={t("settings.organisation.timeZone")}
            hint={t("settings.organisation.timeZoneHint")}
            value={timeZone}
            onChange={(event) => {
              setTimeZone(event.target.value);
              save.reset();
            }}
            error={save.error?.fields.time_zone}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, " ")}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("settings.organisation.language")}
            hint={t("settings.organisation.languageHint")}
            value={language}
            onChange={(event) => {
              setLanguage(event.target.value as "et" | "en");
              save.reset();
            }}
            error={save.error?.fields.language}
          >
            <option value="et">Eesti</option>
            <option value="en">English</option>
          </SelectField>
          {save.error && !save.error.fields.time_zone && !save.error.fields.language ? <ErrorMessage error={save.error} /> : null}
          <button type="submit" className="primary" disabled={save.busy}>
            {t("settings.organisation.save")}
          </button>
          {save.done ? <Notice>{t("form.saved")}</Notice> : null}
        </form>
      </Loading>
    </section>
  );
}
