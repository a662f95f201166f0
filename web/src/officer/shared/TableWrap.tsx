import type { ReactNode } from "react";

import { useT } from "../../i18n";

/** A table that may scroll sideways on a narrow screen: focusable, so a keyboard can scroll it. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="table-wrap" role="region" aria-label={t("officer.tableOf", { name: label })} tabIndex={0}>
      {children}
    </div>
  );
}
