import { useT } from "../../i18n";

const BADGE: Record<string, string> = { on_hold: "warn", erased: "good" };

/** An offboarding's state in words (the colour only repeats it). */
export function OffboardingState({ state }: { state: string }) {
  const t = useT();
  return <span className={`badge ${BADGE[state] ?? ""}`}>{t(`officer.offboardingState.${state}`)}</span>;
}
