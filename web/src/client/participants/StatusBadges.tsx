import { useT } from "../../i18n";
import type { Participant } from "./api";

/** The participant's reachability, in words (never colour alone). */
export function StatusBadges({ participant }: { participant: Participant }) {
  const t = useT();
  const badges: { key: string; text: string; tone: string }[] = [];
  if (participant.restricted) badges.push({ key: "r", text: t("participants.badge.restricted"), tone: "bad" });
  if (participant.email_unsubscribed) badges.push({ key: "u", text: t("participants.badge.unsubscribed"), tone: "warn" });
  if (participant.slack_linked) badges.push({ key: "s", text: t("participants.badge.slack"), tone: "good" });
  if (!badges.length) badges.push({ key: "a", text: t("participants.badge.active"), tone: "good" });
  return (
    <span className="participants-badges">
      {badges.map((badge) => (
        <span key={badge.key} className={`badge ${badge.tone}`}>
          {badge.text}
        </span>
      ))}
    </span>
  );
}
