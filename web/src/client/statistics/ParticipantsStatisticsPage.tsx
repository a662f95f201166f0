import { useState } from "react";
import { Link } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, Loading, Page } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { fetchNamesByRef, pseudonym } from "../assessments/data";
import { OffsetPager } from "../assessments/OffsetPager";
import { CsvButton } from "./CsvButton";
import { count, percent } from "./format";
import { StatisticsNav } from "./StatisticsNav";
import type { AnalyticsPage, ParticipantStatistics } from "./types";
import { TableWrap } from "../assessments/TableWrap";
import "./statistics.css";

const PAGE_SIZE = 50;

/** Per person: answers, score, streak. Analytics knows people by pseudonym; names come from assessments. */
export function ParticipantsStatisticsPage() {
  const { t, locale } = useLanguage();
  const [offset, setOffset] = useState(0);
  const names = useLoad((signal) => fetchNamesByRef(signal), []);
  const table = useLoad(
    (signal) => api<AnalyticsPage<ParticipantStatistics>>("analytics", "/statistics/participants", { query: { page: offset / PAGE_SIZE + 1, page_size: PAGE_SIZE }, signal }),
    [offset],
  );
  const rows = table.data?.items ?? [];
  return (
    <Page title={t("statistics.participants.title")}>
      <StatisticsNav />
      <div className="section-head">
        <p className="hint">{t("statistics.participants.intro")}</p>
        <CsvButton path="/statistics/participants.csv" filename="participants.csv" label={t("statistics.csv.participants")} />
      </div>
      {names.data && names.data.size === 0 ? <p className="hint">{t("statistics.participants.noNames")}</p> : null}
      <Loading loading={table.loading && !table.data} error={table.error}>
        {rows.length === 0 ? (
          <p>{t("statistics.participants.empty")}</p>
        ) : (
          <TableWrap label={t("statistics.participants.title")}>
            <table>
              <caption className="visually-hidden">{t("statistics.participants.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("statistics.col.participant")}</th>
                  <th scope="col" className="number">{t("statistics.col.answers")}</th>
                  <th scope="col" className="number">{t("statistics.col.graded")}</th>
                  <th scope="col" className="number">{t("statistics.col.correct")}</th>
                  <th scope="col" className="number">{t("statistics.col.score")}</th>
                  <th scope="col" className="number">{t("statistics.col.streak")}</th>
                  <th scope="col">{t("statistics.col.lastAnswer")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const name = names.data?.get(row.subject_ref)?.name;
                  return (
                    <tr key={row.subject_ref}>
                      <th scope="row">
                        <Link to={`/app/statistics/participants/${row.subject_ref}`}>{name ?? t("statistics.pseudonym", { ref: pseudonym(row.subject_ref) })}</Link>
                      </th>
                      <td className="number">{count(row.answers, locale)}</td>
                      <td className="number">{count(row.graded_answers, locale)}</td>
                      <td className="number">{count(row.correct_answers, locale)}</td>
                      <td className="number">{percent(row.score, locale)}</td>
                      <td className="number">{count(row.daily_question_streak, locale)}</td>
                      <td>{formatDate(row.last_answered_at, locale)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
        <OffsetPager offset={offset} limit={PAGE_SIZE} total={table.data?.total ?? 0} onChange={setOffset} label={t("statistics.participants.pages")} />
      </Loading>
    </Page>
  );
}
