import { useEffect, useState, type FormEvent } from "react";

import { api, ApiError } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, Loading, Notice, TextField } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import type { ClientInfo, Offboarding } from "./types";

const DATE_CHANGEABLE = ["exporting", "offered", "on_hold"];
const LATEST_ERASURE_DAYS = 180;

/** yyyy-mm-dd of a moment, in the browser's time zone (what a date input shows). */
function dayOf(value: string | Date): string {
  const date = new Date(value);
  const pad = (number: number) => String(number).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

async function offboardingOf(signal: AbortSignal): Promise<Offboarding | null> {
  try {
    return await api<Offboarding>("privacy", "/client/offboarding", { signal });
  } catch (caught) {
    if (caught instanceof ApiError && caught.status === 404) return null;
    throw caught;
  }
}

/** End of contract (P12): ask for it, then the export's offer and the agreed erasure date. */
export function OffboardingSection() {
  const { t, locale } = useLanguage();
  const client = useLoad((signal) => api<ClientInfo>("accounts", "/client", { signal }), []);
  const requested = Boolean(client.data?.offboarding_requested_at);
  const offboarding = useLoad((signal) => (requested ? offboardingOf(signal) : Promise.resolve(null)), [requested]);
  const [eraseOn, setEraseOn] = useState("");

  useEffect(() => {
    if (offboarding.data) setEraseOn(dayOf(offboarding.data.erase_on));
  }, [offboarding.data]);

  const end = useAction(async () => {
    await api<ClientInfo>("accounts", "/client/offboarding", { method: "POST" });
  });
  const agree = useAction(async () => {
    // The start of the chosen day in the browser's time zone, sent with its offset (UTC).
    const moment = new Date(`${eraseOn}T00:00:00`);
    await api<Offboarding>("privacy", "/client/offboarding/erasure-date", {
      method: "PUT",
      body: { erase_on: moment.toISOString() },
    });
  });

  async function endContract() {
    if (!window.confirm(t("settings.contract.confirm"))) return;
    if (await end.run()) client.reload();
  }
  async function submitDate(event: FormEvent) {
    event.preventDefault();
    if (await agree.run()) offboarding.reload();
  }

  const found = offboarding.data;
  const latest = found ? dayOf(new Date(new Date(found.requested_at).getTime() + LATEST_ERASURE_DAYS * 86_400_000)) : undefined;
  const earliest = found?.export_offered_at ? dayOf(found.export_offered_at) : undefined;
  return (
    <section className="card settings-section" id="settings-contract" aria-labelledby="settings-contract-title">
      <h2 id="settings-contract-title">{t("settings.contract.title")}</h2>
      <Loading loading={client.loading && !client.data} error={client.error}>
        {!requested ? (
          <>
            <p>{t("settings.contract.explain")}</p>
            <ErrorMessage error={end.error} />
            <button type="button" className="danger" disabled={end.busy} onClick={() => void endContract()}>
              {t("settings.contract.end")}
            </button>
          </>
        ) : (
          <Loading loading={offboarding.loading && !found} error={offboarding.error}>
            {!found ? (
              <p>{t("settings.contract.preparing", { date: formatDate(client.data?.offboarding_requested_at, locale) })}</p>
            ) : (
              <>
                <dl className="settings-facts">
                  <dt>{t("settings.contract.reference")}</dt>
                  <dd>{found.reference}</dd>
                  <dt>{t("settings.contract.state")}</dt>
                  <dd>{t(`settings.contract.state.${found.state}`)}</dd>
                  <dt>{t("settings.contract.requestedAt")}</dt>
                  <dd>{formatDate(found.requested_at, locale)}</dd>
                  <dt>{t("settings.contract.export")}</dt>
                  <dd>
                    {found.export_offered_at
                      ? t("settings.contract.exportOffered", { date: formatDate(found.export_offered_at, locale) })
                      : t("settings.contract.exportPreparing")}
                  </dd>
                  <dt>{t("settings.contract.eraseOn")}</dt>
                  <dd>
                    {formatDate(found.erase_on, locale, false)} ({t(`settings.contract.agreedBy.${found.erase_on_agreed_by}`)})
                  </dd>
                  {found.hold_reason ? (
                    <>
                      <dt>{t("settings.contract.hold")}</dt>
                      <dd>{found.hold_reason}</dd>
                    </>
                  ) : null}
                  {found.erased_at ? (
                    <>
                      <dt>{t("settings.contract.erasedAt")}</dt>
                      <dd>{formatDate(found.erased_at, locale)}</dd>
                    </>
                  ) : null}
                </dl>
                {DATE_CHANGEABLE.includes(found.state) ? (
                  <form onSubmit={(event) => void submitDate(event)} noValidate>
                    <TextField
                      label={t("settings.contract.chooseDate")}
                      hint={t("settings.contract.chooseDateHint", { days: LATEST_ERASURE_DAYS })}
                      type="date"
                      value={eraseOn}
                      min={earliest}
                      max={latest}
                      onChange={(event) => {
                        setEraseOn(event.target.value);
                        agree.reset();
                      }}
                      required
                      disabled={!found.export_offered_at}
                      error={agree.error?.fields.erase_on}
                    />
                    {agree.error && !agree.error.fields.erase_on ? <ErrorMessage error={agree.error} /> : null}
                    {!found.export_offered_at ? <p className="hint">{t("settings.contract.dateAfterExport")}</p> : null}
                    <button type="submit" className="primary" disabled={agree.busy || !eraseOn || !found.export_offered_at}>
                      {t("settings.contract.saveDate")}
                    </button>
                    {agree.done ? <Notice>{t("form.saved")}</Notice> : null}
                  </form>
                ) : null}
              </>
            )}
          </Loading>
        )}
      </Loading>
    </section>
  );
}
