import { useT } from "../i18n";

/** What the web app keeps in the browser (P8, Q16): one necessary cookie, and the language choice. */
export function CookiesSection() {
  const t = useT();
  return (
    <section aria-labelledby="cookies" className="pub-policy-section">
      <h2 id="cookies">{t("public.cookies.title")}</h2>
      <p>{t("public.cookies.session")}</p>
      <p>{t("public.cookies.language")}</p>
      <p>{t("public.cookies.nothingElse")}</p>
    </section>
  );
}
