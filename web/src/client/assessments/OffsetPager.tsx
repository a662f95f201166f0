import { useT } from "../../i18n";

/** Previous/next for `limit`/`offset` lists (assessments, analytics' pages). */
export function OffsetPager({ offset, limit, total, onChange, label }: { offset: number; limit: number; total: number; onChange: (offset: number) => void; label?: string }) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label ?? t("assessments.pager")}>
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t("list.previous")}
      </button>
      <span>{t("assessments.pageOf", { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onChange(offset + limit)}>
        {t("list.next")}
      </button>
    </nav>
  );
}
