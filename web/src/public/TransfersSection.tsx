import { useLanguage } from "../i18n";
import { countryNames } from "./countries";
import type { PublicRegister } from "./types";

/** Where the data is processed, and each transfer outside the EU/EEA. */
export function TransfersSection({ transfers }: { transfers: PublicRegister["transfers"] }) {
  const { t, locale } = useLanguage();
  return (
    <section aria-labelledby="transfers" className="pub-policy-section">
      <h2 id="transfers">{t("public.transfers.title")}</h2>
      <p>{transfers.by_default}</p>
      {transfers.through.length ? (
        <>
          <h3>{t("public.transfers.through")}</h3>
          <ul>
            {transfers.through.map((transfer) => (
              <li key={transfer.processor_id}>
                <strong>
                  {transfer.company} ({countryNames(transfer.countries, locale)})
                </strong>
                : {transfer.transfer}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
