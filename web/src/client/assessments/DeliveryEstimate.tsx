import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { useLoad } from "../../ui/hooks";
import { formatDuration } from "./duration";
import { formatInZone } from "./timezone";
import type { Channel, Estimate } from "./types";

/**
 * Delivery's send-time estimate for the audience: how long sending takes on each channel and,
 * for a quiz, by when everyone should have it.
 */
export function DeliveryEstimate({ channels, recipients, sendsAt, timeZone, approximate }: { channels: Channel[]; recipients: number; sendsAt: Date | null; timeZone: string; approximate: boolean }) {
  const { t, locale } = useLanguage();
  const key = channels.join(",");
  const estimates = useLoad(
    async (signal) => {
      if (recipients <= 0) return [];
      // A keystroke's worth of waiting, so typing a number does not fire a call per digit.
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (signal.aborted) return [];
      return Promise.all(channels.map((channel) => api<Estimate>("delivery", "/estimates", { query: { channel, recipients }, signal })));
    },
    [key, recipients],
  );
  return (
    <section className="card estimate" aria-labelledby="estimate-heading" aria-live="polite">
      <h2 id="estimate-heading">{t("assessments.estimate")}</h2>
      {recipients <= 0 ? <p>{t("assessments.estimate.noAudience")}</p> : null}
      {estimates.error ? <p className="error">{estimates.error.message}</p> : null}
      {recipients > 0 && estimates.data ? (
        <ul>
          {estimates.data.map((estimate) => {
            const start = sendsAt && sendsAt.getTime() > Date.now() ? sendsAt : new Date();
            const by = new Date(start.getTime() + estimate.seconds * 1000);
            return (
              <li key={estimate.channel}>
                {t(`assessments.estimate.${estimate.channel}`, {
                  count: estimate.recipients.toLocaleString(locale),
                  duration: formatDuration(estimate.seconds, t),
                })}{" "}
                {sendsAt ? <strong>{t("assessments.estimate.by", { time: formatInZone(by, locale, timeZone) })}</strong> : t("assessments.estimate.daily", { duration: formatDuration(estimate.seconds, t) })}
              </li>
            );
          })}
        </ul>
      ) : null}
      {approximate && recipients > 0 ? <p className="hint">{t("assessments.estimate.groups")}</p> : null}
      {channels.includes("slack") && channels.includes("email") ? <p className="hint">{t("assessments.estimate.both")}</p> : null}
    </section>
  );
}
