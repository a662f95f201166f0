import { useLanguage } from "../i18n";
import { PolicyText } from "./PolicyText";
import { textOf } from "./policyApi";
import type { PublicVersion } from "./types";

/** A version's text (or the link to it), in the reader's language when there is one. */
export function VersionBody({ version }: { version: PublicVersion }) {
  const { language, t } = useLanguage();
  const body = textOf(version, language);
  return (
    <>
      {body.language !== language ? <p className="hint">{t("public.policy.otherLanguage")}</p> : null}
      {body.text ? <PolicyText text={body.text} lang={body.language} /> : null}
      {!body.text && body.url ? (
        <p>
          <a href={body.url} rel="noreferrer noopener">
            {t("public.policy.readAt", { label: version.label })}
          </a>
        </p>
      ) : null}
      {!body.text && !body.url ? <p>{t("public.policy.noText")}</p> : null}
    </>
  );
}
