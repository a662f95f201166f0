import { useLanguage } from "../i18n";
import { countryNames } from "./countries";
import type { PublicProcessor } from "./types";

/** The processors Soket (or a client) engages: what they do, where, and their terms. */
export function ProcessorsSection({ processors }: { processors: PublicProcessor[] }) {
  const { t, locale } = useLanguage();
  return (
    <section aria-labelledby="processors" className="pub-policy-section">
      <h2 id="processors">{t("public.processors.title")}</h2>
      <p>{t("public.processors.intro")}</p>
      {processors.length === 0 ? (
        <p>{t("public.processors.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("public.processors.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("public.processors.company")}</th>
                <th scope="col">{t("public.processors.service")}</th>
                <th scope="col">{t("public.processors.where")}</th>
                <th scope="col">{t("public.processors.outside")}</th>
                <th scope="col">{t("public.processors.engagedBy")}</th>
                <th scope="col">{t("public.processors.terms")}</th>
              </tr>
            </thead>
            <tbody>
              {processors.map((processor) => (
                <tr key={processor.company}>
                  <th scope="row">{processor.company}</th>
                  <td>{processor.service}</td>
                  <td>
                    {processor.processed_in}
                    {processor.countries.length ? (
                      <span className="pub-hint-inline"> ({countryNames(processor.countries, locale)})</span>
                    ) : null}
                  </td>
                  <td>{processor.outside_eu_eea ? t("public.yes") : t("public.no")}</td>
                  <td>{t(`public.engagedBy.${processor.engaged_by}`)}</td>
                  <td>
                    {processor.terms_url ? (
                      <a href={processor.terms_url} rel="noreferrer noopener">
                        {t("public.processors.termsOf", { company: processor.company })}
                      </a>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
