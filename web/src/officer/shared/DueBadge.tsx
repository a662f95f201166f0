import { useT } from "../../i18n";

export interface Clock {
  days_left: number | null;
  overdue: boolean;
  nearly_due: boolean;
  paused: boolean;
}

/** Where a request stands against its legal deadline, in words (not by colour alone). */
export function DueBadge({ clock }: { clock: Clock }) {
  const t = useT();
  if (clock.days_left === null) return <span className="badge">{t("officer.due.closed")}</span>;
  if (clock.overdue) {
    return <span className="badge bad">{t("officer.due.overdue", { days: Math.abs(clock.days_left) })}</span>;
  }
  const paused = clock.paused ? ` · ${t("officer.due.paused")}` : "";
  if (clock.nearly_due) {
    return <span className="badge warn">{t("officer.due.nearly", { days: clock.days_left }) + paused}</span>;
  }
  return <span className="badge">{t("officer.due.left", { days: clock.days_left }) + paused}</span>;
}
