import { Link } from "react-router-dom";

import { useLanguage } from "../../i18n";
import type { QuestionRead } from "../assessments/types";
import { BarChart } from "./charts/BarChart";
import { count, decimal, percent } from "./format";
import type { QuestionStatistics } from "./types";

/** One question's figures within an assessment: answers, share correct, per option or scale point. */
export function QuestionBreakdown({ stats, question, number, detailsTo, headingLevel = 3 }: { stats: QuestionStatistics; question: QuestionRead | undefined; number: number; detailsTo?: string; headingLevel?: 2 | 3 }) {
  const { t, locale } = useLanguage();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const text = question?.text ?? t("statistics.question.numbered", { n: number });
  const labelOf = (optionId: string, index: number) => question?.options.find((option) => option.id === optionId)?.label ?? t("statistics.option.numbered", { n: index + 1 });
  return (
    <section className="question-block" aria-label={headingLevel === 3 ? text : undefined}>
      <div className="section-head">
        <Heading>
          {headingLevel === 3 ? `${number}. ` : ""}
          {text}
        </Heading>
        {detailsTo ? <Link to={detailsTo}>{t("statistics.question.details", { n: number })}</Link> : null}
      </div>
      <ul className="figures">
        <li>
          <span className="figure-value">{count(stats.answers, locale)}</span> <span className="figure-name">{t("statistics.col.answers")}</span>
        </li>
        {stats.graded_answers ? (
          <li>
            <span className="figure-value">{percent(stats.share_correct, locale)}</span>{" "}
            <span className="figure-name">{t("statistics.question.shareCorrect", { graded: stats.graded_answers, correct: stats.correct_answers })}</span>
          </li>
        ) : null}
        {stats.free_text_answers ? (
          <li>
            <span className="figure-value">{count(stats.free_text_answers, locale)}</span> <span className="figure-name">{t("statistics.question.freeText")}</span>
          </li>
        ) : null}
        {stats.scale ? (
          <li>
            <span className="figure-value">{decimal(stats.scale.mean, locale)}</span>{" "}
            <span className="figure-name">{t("statistics.question.scaleMean", { min: stats.scale.minimum ?? "?", max: stats.scale.maximum ?? "?" })}</span>
          </li>
        ) : null}
      </ul>
      {stats.options.length ? (
        <BarChart
          title={t("statistics.chart.options", { question: text })}
          labelHeading={t("statistics.col.option")}
          valueHeading={t("statistics.col.chosen")}
          highlightNote={t("statistics.option.correct")}
          bars={stats.options.map((option, index) => ({
            label: labelOf(option.option_id, index),
            value: option.chosen,
            display: `${count(option.chosen, locale)} (${percent(option.share, locale)})`,
            highlighted: option.correct === true,
          }))}
        />
      ) : null}
      {stats.scale && stats.scale.distribution.length ? (
        <BarChart
          title={t("statistics.chart.scale", { question: text })}
          labelHeading={t("statistics.col.scalePoint")}
          valueHeading={t("statistics.col.answers")}
          bars={stats.scale.distribution.map((point) => ({ label: String(point.value), value: point.answers, display: count(point.answers, locale) }))}
        />
      ) : null}
      {stats.kind === "free_text" ? <p className="hint">{t("statistics.question.freeTextNote")}</p> : null}
      {stats.answers === 0 ? <p>{t("statistics.question.noAnswers")}</p> : null}
    </section>
  );
}
