import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";

import { ApiError } from "../../api/http";
import { useSession } from "../../auth/session";
import { useT } from "../../i18n";
import { ErrorMessage, Loading, Page, Pager } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import type { ImportReport } from "./api";
import { Report } from "./ImportPage";
import { importMembers, nameFromEmail, participantEmails, slackMembers, syncSlackMembers, type SlackMember } from "./slackImport";
import "./participants.css";
import "./slackImport.css";

type LinkState = "idle" | "linking" | "linked" | "failed";

export function SlackImportPage() {
  const t = useT();
  const { can } = useSession();
  if (!can("admin")) {
    return (
      <Page title={t("participants.slackImport.title")}>
        <p className="error" role="alert">
          {t("error.forbidden")}
        </p>
      </Page>
    );
  }
  return <SlackImport />;
}

function SlackImport() {
  const t = useT();
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.length ? cursors[cursors.length - 1] : null;
  const members = useLoad((signal) => slackMembers(after, signal), [after]);
  const known = useLoad(participantEmails, []);
  const [names, setNames] = useState<Record<string, string>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [report, setReport] = useState<ImportReport | null>(null);
  const [linking, setLinking] = useState<LinkState>("idle");
  const [linkError, setLinkError] = useState("");
  const [showNameErrors, setShowNameErrors] = useState(false);

  const page = members.data?.members;
  const { shown, hidden } = useMemo(() => notYetParticipants(page ?? [], known.data), [page, known.data]);
  const nameOf = (email: string) => names[email] ?? nameFromEmail(email);

  const submit = useAction(
    useCallback(
      async (rows: { name: string; email: string }[]) => {
        setReport(null);
        setLinking("idle");
        if (rows.length === 0) throw new ApiError(0, t("participants.slackImport.noneSelected"));
        if (rows.some((row) => !row.name.trim())) {
          setShowNameErrors(true);
          throw new ApiError(0, t("participants.slackImport.namesMissing"));
        }
        const imported = await importMembers(rows.map((row) => ({ name: row.name.trim(), email: row.email })));
        setReport(withEmails(imported, rows));
        setSelected(new Set());
        setShowNameErrors(false);
        known.reload();
        setLinking("linking");
        try {
          await syncSlackMembers();
          setLinking("linked");
        } catch (caught) {
          setLinkError(caught instanceof Error ? caught.message : String(caught));
          setLinking("failed");
        }
      },
      [t, known],
    ),
  );

  if (members.error?.status === 404) return <NotConnected />;

  const toggle = (email: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(email);
      else next.delete(email);
      return next;
    });
  const allShownSelected = shown.length > 0 && shown.every((member) => selected.has(member.email));
  const someShownSelected = shown.some((member) => selected.has(member.email));
  const selectAll = (on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const member of shown) {
        if (on) next.add(member.email);
        else next.delete(member.email);
      }
      return next;
    });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run([...selected].map((email) => ({ email, name: nameOf(email) })));
  };

  return (
    <Page title={t("participants.slackImport.title")}>
      <p>
        <Link to="/app/participants/import">{t("participants.slackImport.back")}</Link>
      </p>
      <div className="card">
        <p>{t("participants.slackImport.intro")}</p>
        <Loading loading={(members.loading && !page) || (known.loading && !known.data)} error={members.error ?? known.error}>
          {page && page.length === 0 && cursors.length === 0 ? (
            <p className="notice">{t("participants.slackImport.noMembers")}</p>
          ) : (
            <form onSubmit={onSubmit} noValidate aria-busy={members.loading || undefined}>
              <ErrorMessage error={submit.error} />
              {hidden > 0 ? <p className="hint">{t("participants.slackImport.alreadyHere", { count: hidden })}</p> : null}
              {shown.length === 0 ? (
                <p className="notice">{t("participants.slackImport.empty")}</p>
              ) : (
                <>
                  <SelectAll checked={allShownSelected} indeterminate={!allShownSelected && someShownSelected} onChange={selectAll} />
                  <MemberTable
                    members={shown}
                    selected={selected}
                    nameOf={nameOf}
                    showNameErrors={showNameErrors}
                    onToggle={toggle}
                    onName={(email, name) => setNames((current) => ({ ...current, [email]: name }))}
                  />
                </>
              )}
              <Pager cursors={cursors} next={members.data?.next_after} onChange={setCursors} />
              <div className="slack-import-actions">
                <span role="status">{t("participants.slackImport.selected", { count: selected.size })}</span>
                <button type="submit" className="primary" disabled={submit.busy}>
                  {t("participants.slackImport.submit")}
                </button>
              </div>
            </form>
          )}
        </Loading>
      </div>
      {report ? <Report report={report} /> : null}
      <LinkStatus state={linking} error={linkError} />
    </Page>
  );
}

function SelectAll({ checked, indeterminate, onChange }: { checked: boolean; indeterminate: boolean; onChange: (on: boolean) => void }) {
  const t = useT();
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <div className="checkbox">
      <input id="slack-import-select-all" ref={box} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor="slack-import-select-all">{t("participants.slackImport.selectAll")}</label>
    </div>
  );
}

interface MemberTableProps {
  members: SlackMember[];
  selected: Set<string>;
  nameOf: (email: string) => string;
  showNameErrors: boolean;
  onToggle: (email: string, on: boolean) => void;
  onName: (email: string, name: string) => void;
}

function MemberTable({ members, selected, nameOf, showNameErrors, onToggle, onName }: MemberTableProps) {
  const t = useT();
  const manyWorkspaces = new Set(members.map((member) => member.team_id)).size > 1;
  return (
    <div className="table-wrap">
      <table className="slack-import-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t("participants.slackImport.selectAll")}</span>
            </th>
            <th scope="col">{t("participants.email")}</th>
            <th scope="col">{t("participants.name")}</th>
            {manyWorkspaces ? <th scope="col">{t("participants.slackImport.workspace")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member, index) => {
            const name = nameOf(member.email);
            const missing = showNameErrors && selected.has(member.email) && !name.trim();
            const errorId = `slack-import-name-error-${index}`;
            return (
              <tr key={member.email}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t("participants.slackImport.select", { email: member.email })}
                    checked={selected.has(member.email)}
                    onChange={(event) => onToggle(member.email, event.target.checked)}
                  />
                </td>
                <td className="slack-import-email">{member.email}</td>
                <td>
                  <input
                    type="text"
                    maxLength={200}
                    aria-label={t("participants.slackImport.nameFor", { email: member.email })}
                    aria-invalid={missing || undefined}
                    aria-describedby={missing ? errorId : undefined}
                    value={name}
                    onChange={(event) => onName(member.email, event.target.value)}
                  />
                  {missing ? (
                    <p className="field-error" id={errorId}>
                      {t("participants.slackImport.nameMissing")}
                    </p>
                  ) : null}
                </td>
                {manyWorkspaces ? <td>{member.team_id}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function LinkStatus({ state, error }: { state: LinkState; error: string }) {
  const t = useT();
  if (state === "idle") return null;
  if (state === "failed") {
    return (
      <p className="error" role="alert">
        {t("participants.slackImport.linkFailed", { message: error })}
      </p>
    );
  }
  return (
    <p className="notice" role="status" aria-busy={state === "linking" || undefined}>
      {t(state === "linking" ? "participants.slackImport.linking" : "participants.slackImport.linked")}
    </p>
  );
}

function NotConnected() {
  const t = useT();
  return (
    <Page title={t("participants.slackImport.title")}>
      <div className="card">
        <p className="notice" role="status">
          {t("participants.slackImport.notConnected")}
        </p>
        <p>
          <Link to="/app/settings">{t("participants.slackImport.connect")}</Link>
        </p>
      </div>
    </Page>
  );
}

/** The page's members that are not participants yet (one row per email), and how many are. */
function notYetParticipants(members: SlackMember[], known: Set<string> | undefined): { shown: SlackMember[]; hidden: number } {
  const seen = new Set<string>();
  const shown: SlackMember[] = [];
  let hidden = 0;
  for (const member of members) {
    const email = member.email.toLowerCase();
    if (seen.has(email)) continue;
    seen.add(email);
    if (known?.has(email)) hidden += 1;
    else shown.push({ ...member, email });
  }
  return { shown, hidden };
}

/** The report's refused rows say whose row it was (line 2 is the first member). */
function withEmails(report: ImportReport, rows: { email: string }[]): ImportReport {
  return {
    ...report,
    refused: report.refused.map((row) => {
      const email = rows[row.line - 2]?.email;
      return email ? { ...row, reason: `${email}: ${row.reason}` } : row;
    }),
  };
}
