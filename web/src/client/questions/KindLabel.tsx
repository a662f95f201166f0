import { useT } from "../../i18n";
import type { Question } from "./api";

export function Topics({ topics }: { topics: string[] }) {
  const t = useT();
  if (!topics.length) return <span>{t("questions.noTopics")}</span>;
  return (
    <span className="questions-topics">
      {topics.map((topic) => (
        <span key={topic} className="badge">
          {topic}
        </span>
      ))}
    </span>
  );
}

export function FlaggedBadge({ question }: { question: Question }) {
  const t = useT();
  if (!question.flagged) return null;
  return <span className="badge bad">{t("questions.flaggedBadge", { count: question.report_count })}</span>;
}
