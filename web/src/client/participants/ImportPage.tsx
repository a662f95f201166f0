import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";

import { ApiError } from "../../api/http";
import { useSession } from "../../auth/session";
import { useT } from "../../i18n";
import { ErrorMessage, Page } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { importParticipants, type ImportReport } from "./api";
import "./participants.css";

const MAX_BYTES = 10 * 1024 * 1024;
const SHOWN_STEP = 200;

export function ImportPage() {
  const t = useT();
  const { can } = useSession();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const upload = useAction(
    useCallback(
      async (chosen: File | null) => {
        setReport(null);
        if (!chosen) throw new ApiError(0, t("participants.import.chooseFile"));
        if (chosen.size > MAX_BYTES) throw new ApiError(413, t("participants.import.tooLarge"));
        setReport(await importParticipants(chosen));
      },
      [t],
    ),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void upload.run(file);
  };

  if (!can("editor")) {
    return (
      <Page title={t("participants.import.title")}>
        <p className="error" role="alert">
          {t("error.forbidden")}
        </p>
      </Page>
    );
  }
  return (
    <Page title={t("participants.import.title")}>
      <p>
        <Link to="/app/participants">{t("participants.detail.back")}</Link>
      </p>
      <div className="card">
        <p>{t("participants.import.intro")}</p>
        <p>{t("participants.import.columns")}</p>
        <p>{t("participants.import.example")}:</p>
        <pre className="participants-example">
          {"name,email,group,language\nMari Maasikas,mari@example.com,Sales,et\nJohn Smith,john@example.com,,en"}
        </pre>
        <form onSubmit={onSubmit} noValidate>
          <ErrorMessage error={upload.error} />
          <div className="field">
            <label htmlFor={fileId}>{t("participants.import.file")}</label>
            <p className="hint" id={`${fileId}-hint`}>
              {t("participants.import.fileHint")}
            </p>
            <input
              id={fileId}
              type="file"
              accept=".csv,text/csv"
              aria-describedby={`${fileId}-hint`}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <button type="submit" className="primary" disabled={upload.busy}>
            {t("participants.import.submit")}
          </button>
        </form>
        {upload.busy ? <Working fileName={file?.name ?? ""} /> : null}
      </div>
      {report ? <Report report={report} /> : null}
      <SlackNote />
    </Page>
  );
}

function Working({ fileName }: { fileName: string }) {
  const t = useT();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setSeconds((value) => value + 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <div role="status" aria-busy="true">
      <p>{t("participants.import.working", { file: fileName })}</p>
      <progress aria-label={t("participants.import.working", { file: fileName })} />
      <span aria-hidden="true"> {seconds} s</span>
    </div>
  );
}

export function Report({ report }: { report: ImportReport }) {
  const t = useT();
  const [shown, setShown] = useState(SHOWN_STEP);
  const counts: [string, number][] = [
    ["participants.import.rows", report.rows],
    ["participants.import.created", report.created],
    ["participants.import.updated", report.updated],
    ["participants.import.unchanged", report.unchanged],
    ["participants.import.refusedCount", report.refused.length],
  ];
  return (
    <section className="card" aria-labelledby="import-report">
      <h2 id="import-report">{t("participants.import.report")}</h2>
      <p role="status">
        {t("participants.import.summary", {
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          refused: report.refused.length,
        })}
      </p>
      <dl className="participants-summary">
        {counts.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {report.refused.length === 0 ? (
        <p className="notice">{t("participants.import.allAccepted")}</p>
      ) : (
        <>
          <h3>{t("participants.import.refused")}</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("participants.import.line")}</th>
                  <th scope="col">{t("participants.import.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {report.refused.slice(0, shown).map((row) => (
                  <tr key={row.line}>
                    <td>{row.line}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.refused.length > shown ? (
            <button type="button" onClick={() => setShown(shown + SHOWN_STEP)}>
              {t("list.more")}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function SlackNote() {
  const t = useT();
  return (
    <section className="card" aria-labelledby="slack-participants">
      <h2 id="slack-participants">{t("participants.slack.title")}</h2>
      <p>{t("participants.slack.text")}</p>
      <p>
        <Link to="/app/participants/slack-import">{t("participants.slackImport.link")}</Link>
      </p>
      <p>
        <Link to="/app/settings">{t("participants.slack.settings")}</Link>
      </p>
    </section>
  );
}
