import { useState } from "react";
import { useParams } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { Loading, Page, TextField } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { fetchGroups } from "../assessments/data";
import { OffsetPager } from "../assessments/OffsetPager";
import { BarChart } from "./charts/BarChart";
import { LineChart, type Series } from "./charts/LineChart";
import { CsvButton } from "./CsvButton";
import { count, percent, shortDay } from "./format";
import { StatisticsNav } from "./StatisticsNav";
import type { Dimension, TrendPage, TrendRow } from "./types";
import { TableWrap } from "../assessments/TableWrap";
import "./charts/charts.css";
import "./statistics.css";

const DIMENSIONS: Dimension[] = ["day", "topic", "group"];
const MAX_PAGES = 10;
const TABLE_SIZE = 50;
const MAX_SERIES = 6;

async function fetchTrend(dimension: Dimension, since: string, until: string, signal: AbortSignal) {
  const rows: TrendRow[] = [];
  let minGroupSize = 0;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const result = await api<TrendPage>("analytics", "/statistics/trend", { query: { dimension, since, until, page, page_size: 500 }, signal });
    rows.push(...result.items);
    minGroupSize = result.min_group_size;
    if (rows.length >= result.total || result.items.length === 0) break;
  }
  return { rows, minGroupSize };
}

/** Answers, respondents and share correct per day, overall or per topic or group. */
export function TrendsPage() {
  const { dimension: given = "day" } = useParams();
  const dimension: Dimension = DIMENSIONS.includes(given as Dimension) ? (given as Dimension) : "day";
  const { t, locale } = useLanguage();
  const [since, setSince] = useState("");
  const [until, setUntil] = useState("");
  const [offset, setOffset] = useState(0);
  const trend = useLoad((signal) => fetchTrend(dimension, since, until, signal), [dimension, since, until]);
  const groups = useLoad((signal) => (dimension === "group" ? fetchGroups(signal) : Promise.resolve([])), [dimension]);
  const groupName = new Map((groups.data ?? []).map((group) => [group.id, group.name]));
  const keyName = (key: string) => (dimension === "group" ? (groupName.get(key) ?? t("statistics.trend.deletedGroup")) : key);

  const rows = trend.data?.rows ?? [];
  const days = [...new Set(rows.map((row) => row.day))].sort();
  const dayLabels = days.map((day) => shortDay(day, locale));
  const title = t(`statistics.trend.title.${dimension}`);
  const csvQuery = { dimension, since, until };

  let charts = null;
  if (rows.length && dimension === "day") {
    const byDay = new Map(rows.map((row) => [row.day, row]));
    const values = (pick: (row: TrendRow) => number | null) => days.map((day) => pick(byDay.get(day) as TrendRow));
    charts = (
      <>
        <LineChart
          title={t("statistics.chart.dayCounts")}
          xHeading={t("statistics.col.day")}
          xLabels={dayLabels}
          formatY={(value) => count(Math.round(value), locale)}
          series={[
            { name: t("statistics.col.answers"), values: values((row) => row.answers) },
            { name: t("statistics.col.respondents"), values: values((row) => row.respondents) },
          ]}
        />
        <LineChart
          title={t("statistics.chart.dayShare")}
          xHeading={t("statistics.col.day")}
          xLabels={dayLabels}
          yMax={1}
          formatY={(value) => percent(value, locale)}
          series={[{ name: t("statistics.col.shareCorrect"), values: values((row) => row.share_correct) }]}
        />
      </>
    );
  } else if (rows.length) {
    const totals = new Map<string, number>();
    for (const row of rows) totals.set(row.key, (totals.get(row.key) ?? 0) + (row.answers ?? 0));
    const keys = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0));
    const series: Series[] = keys.slice(0, MAX_SERIES).map((key) => ({
      name: keyName(key),
      values: days.map((day) => rows.find((row) => row.key === key && row.day === day)?.share_correct ?? null),
    }));
    charts = (
      <>
        <BarChart
          title={t(`statistics.chart.keyAnswers.${dimension}`)}
          labelHeading={t(`statistics.col.${dimension}`)}
          valueHeading={t("statistics.col.answers")}
          bars={keys.map((key) => ({ label: keyName(key), value: totals.get(key) ?? 0, display: count(totals.get(key) ?? 0, locale) }))}
        />
        <LineChart
          title={t(`statistics.chart.keyShare.${dimension}`)}
          xHeading={t("statistics.col.day")}
          xLabels={dayLabels}
          yMax={1}
          formatY={(value) => percent(value, locale)}
          series={series}
        />
        {keys.length > MAX_SERIES ? <p className="hint">{t("statistics.trend.moreSeries", { n: MAX_SERIES })}</p> : null}
      </>
    );
  }

  return (
    <Page title={title}>
      <StatisticsNav />
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <TextField label={t("statistics.trend.since")} type="date" value={since} onChange={(event) => { setSince(event.target.value); setOffset(0); }} />
        <TextField label={t("statistics.trend.until")} type="date" value={until} onChange={(event) => { setUntil(event.target.value); setOffset(0); }} />
        <div className="field">
          <CsvButton path="/statistics/trend.csv" filename={`trend-${dimension}.csv`} query={csvQuery} label={t(`statistics.csv.trend.${dimension}`)} />
        </div>
      </form>
      {dimension !== "day" && trend.data ? <p className="hint">{t("statistics.trend.withheldNote", { n: trend.data.minGroupSize })}</p> : null}
      <Loading loading={trend.loading && !trend.data} error={trend.error}>
        {rows.length === 0 ? (
          <p>{t("statistics.trend.empty")}</p>
        ) : (
          <>
            {charts}
            <h2>{t("statistics.trend.table")}</h2>
            <TableWrap label={t("statistics.trend.table")}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("statistics.col.day")}</th>
                    {dimension !== "day" ? <th scope="col">{t(`statistics.col.${dimension}`)}</th> : null}
                    <th scope="col" className="number">{t("statistics.col.answers")}</th>
                    <th scope="col" className="number">{t("statistics.col.respondents")}</th>
                    <th scope="col" className="number">{t("statistics.col.correct")}</th>
                    <th scope="col" className="number">{t("statistics.col.shareCorrect")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(offset, offset + TABLE_SIZE).map((row) => (
                    <tr key={`${row.day}-${row.key}`}>
                      <th scope="row">{shortDay(row.day, locale)}</th>
                      {dimension !== "day" ? <td>{keyName(row.key)}</td> : null}
                      {row.withheld ? (
                        <td colSpan={4}>
                          <span className="badge">{t("statistics.trend.withheld")}</span> {t("statistics.trend.withheldWhy", { n: trend.data?.minGroupSize ?? 0 })}
                        </td>
                      ) : (
                        <>
                          <td className="number">{count(row.answers, locale)}</td>
                          <td className="number">{count(row.respondents, locale)}</td>
                          <td className="number">{count(row.correct_answers, locale)}</td>
                          <td className="number">{percent(row.share_correct, locale)}</td>
                        </>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <OffsetPager offset={offset} limit={TABLE_SIZE} total={rows.length} onChange={setOffset} label={t("statistics.trend.pages")} />
          </>
        )}
      </Loading>
    </Page>
  );
}
