import { Link } from "react-router-dom";

import { useT } from "../i18n";
import { ContactLink, Linkified } from "./Linkified";
import type { PublicRegister } from "./types";

/** Whom to ask (the named data-protection contact) and where to complain (AKI, Q17). */
export function ContactSection({ register }: { register: PublicRegister }) {
  const t = useT();
  return (
    <>
      <dl className="pub-facts">
        <dt>{t("public.contact.controller")}</dt>
        <dd>{register.controller}</dd>
        <dt>{t("public.contact.contact")}</dt>
        <dd>
          <ContactLink contact={register.data_protection_contact} />
        </dd>
        <dt>{t("public.contact.authority")}</dt>
        <dd>
          <Linkified text={register.supervisory_authority} />
        </dd>
      </dl>
      <p>{t("public.contact.ask")}</p>
      <p>
        {t("public.contact.complain")} <Linkified text={register.supervisory_authority} />
        {t("public.contact.complainArticle")}
      </p>
      <p>
        <Link to="/data-request">{t("public.contact.request")}</Link>
      </p>
    </>
  );
}
