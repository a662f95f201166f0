import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { Hash } from "../shared/Hash";
import { PageNav } from "../shared/PageNav";
import { TableWrap } from "../shared/TableWrap";
import { PAGE_SIZE } from "../shared/types";
import type { ConsentHistory } from "./types";

type Who = { user_id: string } | { tenant_id: string; subject_ref: string };

/** One person's consent history with its proof, newest first (each look is audited). */
export function PersonHistory() {
  const { t, locale } = useLanguage();
  const [form, setForm] = useState({ user_id: "", tenant_id: "", subject_ref: "" });
  const [who, setWho] = useState<Who | null>(null);
  const [history, setHistory] = useState<ConsentHistory | null>(null);
  const look = useAction(async (person: Who, page: number) => {
    const found = await api<ConsentHistory>("privacy", "/consents", { query: { ...person, page, page_size: PAGE_SIZE } });
    setWho(person);
    setHistory(found);
  });
  const fields = look.error?.fields ?? {};
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    const person: Who = form.user_id.trim()
      ? { user_id: form.user_id.trim() }
      : { tenant_id: form.tenant_id.trim(), subject_ref: form.subject_ref.trim() };
    setHistory(null);
    void look.run(person, 1);
  }
  return (
    <section className="card" aria-labelledby="officer-consents-history">
      <h2 id="officer-consents-history">{t("officer.consentsPage.history")}</h2>
      <p className="hint">{t("officer.consentsPage.historyHint")}</p>
      <form onSubmit={submit} noValidate>
        <TextField label={t("officer.consentsPage.userId")} autoComplete="off" value={form.user_id} onChange={set("user_id")} error={fields.user_id} />
        <p>{t("officer.consentsPage.or")}</p>
        <TextField label={t("officer.requests.client")} autoComplete="off" value={form.tenant_id} onChange={set("tenant_id")} error={fields.tenant_id} />
        <TextField label={t("officer.consentsPage.subjectRef")} autoComplete="off" value={form.subject_ref} onChange={set("subject_ref")} error={fields.subject_ref} />
        <ErrorMessage error={look.error} />
        <button type="submit" className="primary" disabled={look.busy}>
          {t("officer.consentsPage.showHistory")}
        </button>
      </form>
      {history ? (
        <>
          <h3>{t("officer.consentsPage.current")}</h3>
          <p className="hint">
            {t("officer.consentsPage.person", { client: history.person.tenant_id })} <Hash value={history.person.subject_ref} />
          </p>
          <ul className="officer-list">
            {history.current.map((state) => (
              <li key={state.purpose}>
                {t("officer.consentsPage.standingOf", {
                  purpose: t(`officer.purpose.${state.purpose}`),
                  standing: t(`officer.standing.${state.standing}`),
                })}
                {state.since ? ` · ${formatDate(state.since, locale)}` : ""}
                {state.policy_version ? ` · ${t("officer.consentsPage.policyVersion", { version: state.policy_version })}` : ""}
              </li>
            ))}
          </ul>
          <h3>{t("officer.consentsPage.entries")}</h3>
          {history.items.length === 0 ? (
            <p>{t("officer.consentsPage.noEntries")}</p>
          ) : (
            <TableWrap label={t("officer.consentsPage.entries")}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("officer.request.when")}</th>
                    <th scope="col">{t("officer.consentsPage.purpose")}</th>
                    <th scope="col">{t("officer.consentsPage.action")}</th>
                    <th scope="col">{t("officer.consentsPage.channel")}</th>
                    <th scope="col">{t("officer.consentsPage.policy")}</th>
                    <th scope="col">{t("officer.consentsPage.wording")}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.items.map((entry) => (
                    <tr key={entry.id}>
                      <th scope="row">{formatDate(entry.at, locale)}</th>
                      <td>{t(`officer.purpose.${entry.purpose}`)}</td>
                      <td>{t(`officer.consentAction.${entry.action}`)}</td>
                      <td>{t(`officer.consentChannel.${entry.channel}`)}</td>
                      <td>{entry.policy_version ?? "—"}</td>
                      <td>{entry.wording ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {who ? <PageNav page={history.page} pageSize={history.page_size} total={history.total} onChange={(page) => void look.run(who, page)} /> : null}
        </>
      ) : null}
    </section>
  );
}
