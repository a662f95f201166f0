import { useT } from "../../i18n";

/** Previous / next over the privacy service's numbered pages. */
export function NumberPager({ page, pageSize, total, onChange }: { page: number; pageSize: number; total: number; onChange: (page: number) => void }) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t("privacy.pages")}>
      <button type="button" disabled={page <= 1} onClick={() => onChange(page - 1)}>
        {t("list.previous")}
      </button>
      <span>{t("privacy.pageOf", { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onChange(page + 1)}>
        {t("list.next")}
      </button>
    </nav>
  );
}
