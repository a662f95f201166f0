import { useT } from "../../i18n";
import { useNow } from "../shared/useNow";

/** Time left until a breach's 72-hour deadline, renewed every minute; in words, not colour only. */
export function TimeLeft({ deadline, notified }: { deadline: string; notified: boolean }) {
  const t = useT();
  const now = useNow();
  if (notified) return <span className="badge good">{t("officer.breaches.notified")}</span>;
  const minutes = Math.round((new Date(deadline).getTime() - now) / 60_000);
  const whole = Math.abs(minutes);
  const span = t("officer.breaches.span", { hours: Math.floor(whole / 60), minutes: whole % 60 });
  if (minutes < 0) return <span className="badge bad">{t("officer.breaches.overdueBy", { span })}</span>;
  return <span className={`badge ${minutes <= 24 * 60 ? "warn" : ""}`}>{t("officer.breaches.left", { span })}</span>;
}
