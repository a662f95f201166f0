import { useLanguage } from "../i18n";
import type { PublicCategory } from "./types";

/** The categories of personal data: about whom, whose data it is, why (and on what basis), how long. */
export function CategoriesSection({ categories }: { categories: PublicCategory[] }) {
  const { t, language } = useLanguage();
  return (
    <section aria-labelledby="data" className="pub-policy-section">
      <h2 id="data">{t("public.categories.title")}</h2>
      <p>{t("public.categories.intro")}</p>
      <ul className="pub-plain-list">
        {categories.map((category) => (
          <li key={category.category} className="card">
            <h3>{language === "et" && category.category_et ? category.category_et : category.category}</h3>
            <dl className="pub-facts">
              <dt>{t("public.categories.about")}</dt>
              <dd>{t(`public.subjects.${category.data_subjects}`)}</dd>
              <dt>{t("public.categories.controller")}</dt>
              <dd>
                {category.controller}{" "}
                <span className="pub-hint-inline">({t(`public.role.${category.soket_role}`)})</span>
              </dd>
              <dt>{t("public.categories.purposes")}</dt>
              <dd>
                <ul>
                  {category.purposes.map((purpose) => (
                    <li key={purpose.purpose}>
                      {purpose.purpose} <span className="pub-hint-inline">({t(`public.basis.${purpose.legal_basis}`)})</span>
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>{t("public.categories.kept")}</dt>
              <dd>{category.retention}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
