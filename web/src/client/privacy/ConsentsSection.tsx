import { useState } from "react";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, Loading, Notice } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { ConsentHistoryTable } from "./ConsentHistoryTable";
import { ObjectionForm } from "./ObjectionForm";
import type { ConsentState, PublicPolicies } from "./types";

interface States {
  items: ConsentState[];
}

/** Consents (Q2, Q16): grant or withdraw each purpose; object (Q3); the history with proofs. */
export function ConsentsSection() {
  const { t, language, locale } = useLanguage();
  const states = useLoad((signal) => api<States>("privacy", "/me/consents", { signal }), []);
  const policies = useLoad((signal) => api<PublicPolicies>("privacy", "/public/policies", { signal }), []);
  const [round, setRound] = useState(0);
  const [message, setMessage] = useState<string | null>(null);

  const grant = useAction(async (purpose: string) => {
    await api("privacy", `/me/consents/${purpose}`, {
      body: {
        wording: t(`privacy.consents.wording.${purpose}`),
        policy_version: policies.data?.current?.label ?? null,
        channel: "web_app",
      },
    });
  });
  const withdraw = useAction(async (purpose: string) => {
    await api("privacy", `/me/consents/${purpose}/withdrawal`, {
      body: { language, policy_version: policies.data?.current?.label ?? null },
    });
  });

  function changed(text: string) {
    setMessage(text);
    states.reload();
    setRound((value) => value + 1);
  }
  async function onGrant(purpose: string) {
    setMessage(null);
    if (await grant.run(purpose)) changed(t("privacy.consents.granted", { purpose: t(`privacy.purpose.${purpose}`) }));
  }
  async function onWithdraw(purpose: string) {
    setMessage(null);
    if (await withdraw.run(purpose)) changed(t("privacy.consents.withdrawn", { purpose: t(`privacy.purpose.${purpose}`) }));
  }

  const busy = grant.busy || withdraw.busy;
  return (
    <section className="card privacy-section" id="privacy-consents" aria-labelledby="privacy-consents-title">
      <h3 id="privacy-consents-title">{t("privacy.consents.title")}</h3>
      <p>{t("privacy.consents.intro")}</p>
      <ErrorMessage error={grant.error ?? withdraw.error} />
      {message ? <Notice>{message}</Notice> : null}
      <Loading loading={states.loading && !states.data} error={states.error}>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("privacy.consents.purpose")}</th>
                <th scope="col">{t("privacy.consents.standing")}</th>
                <th scope="col">{t("privacy.consents.since")}</th>
                <th scope="col">{t("privacy.field.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {states.data?.items.map((state) => {
                const purpose = t(`privacy.purpose.${state.purpose}`);
                return (
                  <tr key={state.purpose}>
                    <td>
                      {purpose}
                      <div className="hint">{t(`privacy.consents.wording.${state.purpose}`)}</div>
                    </td>
                    <td>
                      <span className={`badge ${state.granted ? "good" : "warn"}`}>{t(`privacy.consents.standing.${state.standing}`)}</span>
                    </td>
                    <td>{formatDate(state.since, locale)}</td>
                    <td>
                      {state.granted ? (
                        <button type="button" disabled={busy} onClick={() => void onWithdraw(state.purpose)} aria-label={t("privacy.consents.withdrawOf", { purpose })}>
                          {t("privacy.consents.withdraw")}
                        </button>
                      ) : (
                        <button type="button" className="primary" disabled={busy} onClick={() => void onGrant(state.purpose)} aria-label={t("privacy.consents.grantOf", { purpose })}>
                          {t("privacy.consents.grant")}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Loading>
      <ObjectionForm purposes={states.data?.items.map((state) => state.purpose) ?? []} onObjected={(reference) => changed(t("privacy.objection.sent", { reference }))} />
      <ConsentHistoryTable round={round} />
    </section>
  );
}
