import { useT } from "../../i18n";

const GOOD = ["completed", "verified", "approved"];
const BAD = ["denied", "failed", "canceled", "withdrawn"];

/** A request's state in words (the colour only repeats what the words say). */
export function StateBadge({ state }: { state: string }) {
  const t = useT();
  const tone = GOOD.includes(state) ? "good" : BAD.includes(state) ? "bad" : "warn";
  return <span className={`badge ${tone}`}>{t(`privacy.state.${state}`)}</span>;
}

/** Days left on the legal clock, overdue and nearly due in words. */
export function DueBadge({ daysLeft, overdue, nearlyDue }: { daysLeft: number | null; overdue: boolean; nearlyDue: boolean }) {
  const t = useT();
  if (daysLeft === null) return null;
  if (overdue) return <span className="badge bad">{t("privacy.due.overdue", { days: -daysLeft })}</span>;
  if (nearlyDue) return <span className="badge warn">{t("privacy.due.left", { days: daysLeft })}</span>;
  return <>{t("privacy.due.left", { days: daysLeft })}</>;
}
