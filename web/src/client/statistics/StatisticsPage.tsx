import { useState } from "react";
import { Link } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { Loading, Page } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { fetchAll } from "../assessments/data";
import { OffsetPager } from "../assessments/OffsetPager";
import type { AssessmentRead } from "../assessments/types";
import { BarChart } from "./charts/BarChart";
import { CsvButton } from "./CsvButton";
import { count, decimal, percent, seconds } from "./format";
import { StatisticsNav } from "./StatisticsNav";
import type { AnalyticsPage, AssessmentStatistics } from "./types";
import { TableWrap } from "../assessments/TableWrap";
import "./charts/charts.css";
import "./statistics.css";

const PAGE_SIZE = 25;

/** Every assessment's reach, participation and score; the way to each one's figures. */
export function StatisticsPage() {
  const { t, locale } = useLanguage();
  const [offset, setOffset] = useState(0);
  const titles = useLoad(async (signal) => new Map((await fetchAll<AssessmentRead>("/assessments", signal, 10)).map((item) => [item.id, item.title])), []);
  const table = useLoad(
    (signal) => api<AnalyticsPage<AssessmentStatistics>>("analytics", "/statistics/assessments", { query: { page: offset / PAGE_SIZE + 1, page_size: PAGE_SIZE }, signal }),
    [offset],
  );
  const titleOf = (id: string) => titles.data?.get(id) ?? t("statistics.unknownAssessment", { id: id.slice(0, 8) });
  const rows = table.data?.items ?? [];
  return (
    <Page title={t("statistics.title")}>
      <StatisticsNav />
      <section aria-labelledby="stats-assessments">
        <div className="section-head">
          <h2 id="stats-assessments">{t("statistics.assessments")}</h2>
          <CsvButton path="/statistics/assessments.csv" filename="assessments.csv" label={t("statistics.csv.assessments")} />
        </div>
        <p className="hint">{t("statistics.assessments.intro")}</p>
        <Loading loading={table.loading && !table.data} error={table.error}>
          {rows.length === 0 ? (
            <p>{t("statistics.assessments.empty")}</p>
          ) : (
            <>
              <BarChart
                title={t("statistics.chart.participation")}
                labelHeading={t("statistics.col.assessment")}
                valueHeading={t("statistics.col.participation")}
                max={1}
                bars={rows.map((row) => ({ label: titleOf(row.assessment_id), value: row.participation_rate, display: percent(row.participation_rate, locale) }))}
              />
              <TableWrap label={t("statistics.assessments")}>
                <table>
                  <caption className="visually-hidden">{t("statistics.assessments")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("statistics.col.assessment")}</th>
                      <th scope="col">{t("statistics.col.kind")}</th>
                      <th scope="col" className="number">{t("statistics.col.dispatched")}</th>
                      <th scope="col" className="number">{t("statistics.col.sent")}</th>
                      <th scope="col" className="number">{t("statistics.col.delivered")}</th>
                      <th scope="col" className="number">{t("statistics.col.bounced")}</th>
                      <th scope="col" className="number">{t("statistics.col.suppressed")}</th>
                      <th scope="col" className="number">{t("statistics.col.respondents")}</th>
                      <th scope="col" className="number">{t("statistics.col.participation")}</th>
                      <th scope="col" className="number">{t("statistics.col.answers")}</th>
                      <th scope="col" className="number">{t("statistics.col.shareCorrect")}</th>
                      <th scope="col" className="number">{t("statistics.col.meanScore")}</th>
                      <th scope="col" className="number">{t("statistics.col.median")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.assessment_id}>
                        <th scope="row">
                          <Link to={`/app/statistics/assessments/${row.assessment_id}`}>{titleOf(row.assessment_id)}</Link>
                        </th>
                        <td>{row.kind ? t(`assessments.kind.${row.kind}`) : "—"}</td>
                        <td className="number">{count(row.dispatched, locale)}</td>
                        <td className="number">{count(row.sent, locale)}</td>
                        <td className="number">{count(row.delivered, locale)}</td>
                        <td className="number">{count(row.bounced, locale)}</td>
                        <td className="number">{count(row.suppressed, locale)}</td>
                        <td className="number">{count(row.respondents, locale)}</td>
                        <td className="number">{percent(row.participation_rate, locale)}</td>
                        <td className="number">{count(row.answers, locale)}</td>
                        <td className="number">{percent(row.share_correct, locale)}</td>
                        <td className="number">{decimal(row.mean_score, locale)}</td>
                        <td className="number">{seconds(row.median_seconds_to_answer, t)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              <OffsetPager offset={offset} limit={PAGE_SIZE} total={table.data?.total ?? 0} onChange={setOffset} label={t("statistics.assessments.pages")} />
            </>
          )}
        </Loading>
      </section>
      <section aria-labelledby="stats-more">
        <h2 id="stats-more">{t("statistics.more")}</h2>
        <ul>
          <li>
            <Link to="/app/statistics/participants">{t("statistics.more.participants")}</Link>
          </li>
          <li>
            <Link to="/app/statistics/trends/day">{t("statistics.more.day")}</Link>
          </li>
          <li>
            <Link to="/app/statistics/trends/topic">{t("statistics.more.topic")}</Link>
          </li>
          <li>
            <Link to="/app/statistics/trends/group">{t("statistics.more.group")}</Link>
          </li>
        </ul>
        <p className="hint">{t("statistics.definitions")}</p>
      </section>
    </Page>
  );
}
