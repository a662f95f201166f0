import type { ReactNode } from "react";
import { Link } from "react-router-dom";

/** One figure with its name, optionally a link to the items it counts. */
export function Stat({ label, value, to }: { label: string; value: ReactNode; to?: string | null }) {
  return (
    <div className="officer-stat">
      <dt>{to ? <Link to={to}>{label}</Link> : label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
