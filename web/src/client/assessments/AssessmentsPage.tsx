import { useState } from "react";
import { Link, useLocation } from "react-router-dom";

import { api } from "../../api/http";
import { useSession } from "../../auth/session";
import { useLanguage } from "../../i18n";
import { Loading, Notice, Page } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { OffsetPager } from "./OffsetPager";
import { phaseBadge, phaseOf, scheduleText } from "./status";
import type { AssessmentRead, OffsetPage } from "./types";
import { useTimeZone } from "./useTimeZone";
import { TableWrap } from "./TableWrap";
import "./assessments.css";

const PAGE_SIZE = 25;

/** Quizzes and daily questions, newest first. */
export function AssessmentsPage() {
  const { t, locale } = useLanguage();
  const { can } = useSession();
  const { timeZone } = useTimeZone();
  const [offset, setOffset] = useState(0);
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const list = useLoad(
    (signal) => api<OffsetPage<AssessmentRead>>("assessments", "/assessments", { query: { limit: PAGE_SIZE, offset }, signal }),
    [offset],
  );
  const actions = can("editor") ? (
    <>
      <Link className="button primary" to="/app/assessments/new-quiz">
        {t("assessments.newQuiz")}
      </Link>
      <Link className="button" to="/app/assessments/new-daily">
        {t("assessments.newDaily")}
      </Link>
    </>
  ) : undefined;
  return (
    <Page title={t("assessments.title")} actions={actions}>
      {deleted ? <Notice>{t("assessments.deleted", { title: deleted })}</Notice> : null}
      <p className="hint">{t("assessments.zoneHint", { zone: timeZone })}</p>
      <Loading loading={list.loading && !list.data} error={list.error}>
        {list.data && list.data.items.length === 0 ? (
          <p>{t("assessments.empty")}</p>
        ) : (
          <TableWrap label={t("assessments.title")}>
            <table>
              <caption className="visually-hidden">{t("assessments.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("assessments.field.title")}</th>
                  <th scope="col">{t("assessments.kind")}</th>
                  <th scope="col">{t("assessments.status")}</th>
                  <th scope="col">{t("assessments.schedule")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data?.items.map((assessment) => {
                  const phase = phaseOf(assessment, timeZone);
                  return (
                    <tr key={assessment.id}>
                      <td>
                        <Link to={`/app/assessments/${assessment.id}`}>{assessment.title}</Link>
                      </td>
                      <td>{t(`assessments.kind.${assessment.kind}`)}</td>
                      <td>
                        <span className={phaseBadge(phase)}>{t(`assessments.phase.${phase}`)}</span>
                      </td>
                      <td>{scheduleText(assessment, t, locale, timeZone)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
        {list.data ? <OffsetPager offset={offset} limit={PAGE_SIZE} total={list.data.total} onChange={setOffset} /> : null}
      </Loading>
    </Page>
  );
}
