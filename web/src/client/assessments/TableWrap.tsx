import type { ReactNode } from "react";

/** A table that scrolls sideways on narrow screens: a named region that keyboards can scroll. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
