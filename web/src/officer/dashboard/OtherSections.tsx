import type { ReactNode } from "react";
import { Link } from "react-router-dom";

import { useLanguage } from "../../i18n";
import { formatDate } from "../../ui/components";
import { webLink } from "../shared/links";
import { Stat } from "../shared/Stat";
import type { Dashboard } from "./types";

function SmallSection({ id, title, to, children }: { id: string; title: string; to?: string | null; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{to ? <Link to={to}>{title}</Link> : title}</h2>
      {children}
    </section>
  );
}

export function HoldsSection({ section }: { section: Dashboard["holds"] }) {
  const { t, locale } = useLanguage();
  return (
    <SmallSection id="officer-dash-holds" title={t("officer.holds.title")} to={webLink(section.link)}>
      <dl className="officer-stats">
        <Stat label={t("officer.holds.active")} value={section.active} />
        <Stat label={t("officer.holds.onClients")} value={section.on_clients} />
        <Stat label={t("officer.holds.onPeople")} value={section.on_people} />
      </dl>
      {section.newest ? <p>{t("officer.holds.newest", { at: formatDate(section.newest.placed_at, locale) })}</p> : null}
    </SmallSection>
  );
}

export function ConsentSection({ section }: { section: Dashboard["consent"] }) {
  const { t, locale } = useLanguage();
  return (
    <SmallSection id="officer-dash-consent" title={t("officer.consent.title")} to="/app/privacy/consents">
      <p className="hint">{t("officer.consent.since", { date: formatDate(section.since, locale, false) })}</p>
      <dl className="officer-stats">
        <Stat label={t("officer.consent.withdrawals")} value={section.withdrawals} to={webLink(section.withdrawals_link)} />
        <Stat label={t("officer.consent.objections")} value={section.objections} />
        <Stat label={t("officer.consent.objectionsWaiting")} value={section.objections_waiting} to={webLink(section.objections_waiting_link)} />
      </dl>
    </SmallSection>
  );
}

export function PoliciesSection({ section }: { section: Dashboard["policies"] }) {
  const { t, locale } = useLanguage();
  return (
    <SmallSection id="officer-dash-policies" title={t("officer.policies.title")} to={webLink(section.link)}>
      <p>
        {section.current
          ? t("officer.policies.currentIs", {
              label: section.current.label,
              date: formatDate(section.current.effective_on, locale, false),
              count: section.current.acceptances,
            })
          : t("officer.policies.noCurrent")}
      </p>
      {section.upcoming.length ? (
        <ul className="officer-list">
          {section.upcoming.map((version) => (
            <li key={version.id}>
              {t("officer.policies.upcomingIs", { label: version.label, date: formatDate(version.effective_on, locale, false) })}
            </li>
          ))}
        </ul>
      ) : null}
    </SmallSection>
  );
}

export function AuditSection({ section }: { section: Dashboard["audit"] }) {
  const { t, locale } = useLanguage();
  const intact = section.tail_intact && section.append_only;
  return (
    <SmallSection id="officer-dash-audit" title={t("officer.audit.title")} to={webLink(section.link)}>
      <p>
        <span className={`badge ${intact ? "good" : "bad"}`}>{intact ? t("officer.audit.tailIntact") : t("officer.audit.tailBroken")}</span>
      </p>
      <ul className="officer-list">
        {section.first_break ? (
          <li>{t("officer.audit.firstBreak", { seq: section.first_break.seq, problem: t(`officer.audit.problem.${section.first_break.problem}`) })}</li>
        ) : null}
        <li>{section.append_only ? t("officer.audit.appendOnly") : t("officer.audit.notAppendOnly")}</li>
        <li>
          {section.latest_seq === null
            ? t("officer.audit.empty")
            : t("officer.audit.latest", { seq: section.latest_seq, at: formatDate(section.latest_at, locale) })}
        </li>
        {section.checked_from_seq !== null ? <li>{t("officer.audit.checkedFrom", { seq: section.checked_from_seq })}</li> : null}
      </ul>
    </SmallSection>
  );
}

export function OffboardingsSection({ section }: { section: Dashboard["offboardings"] }) {
  const { t, locale } = useLanguage();
  return (
    <SmallSection id="officer-dash-offboardings" title={t("officer.offboardings.title")} to={webLink(section.link)}>
      <dl className="officer-stats">
        <Stat label={t("officer.offboardings.pending")} value={section.pending} to={webLink(section.link)} />
        <Stat label={t("officer.offboardings.certificates")} value={section.certificates_issued} />
      </dl>
      {section.next_erasure ? (
        <p>
          <Link to={webLink(section.next_erasure.link) ?? "/app/privacy/offboardings"}>
            {t("officer.offboardings.next", { reference: section.next_erasure.reference, date: formatDate(section.next_erasure.erase_on, locale, false) })}
          </Link>
        </p>
      ) : null}
    </SmallSection>
  );
}

export function BackupsSection({ section }: { section: Dashboard["backups"] }) {
  const { t, locale } = useLanguage();
  return (
    <SmallSection id="officer-dash-backups" title={t("officer.backups.title")}>
      <dl className="officer-stats">
        <Stat label={t("officer.backups.kept")} value={section.kept} />
      </dl>
      <p>
        {section.latest
          ? t("officer.backups.latest", { at: formatDate(section.latest.taken_at, locale), expires: formatDate(section.latest.expires_at, locale, false) })
          : t("officer.backups.none")}
      </p>
    </SmallSection>
  );
}
