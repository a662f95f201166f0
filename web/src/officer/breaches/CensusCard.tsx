import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import type { BreachView } from "./types";
import { TableWrap } from "../shared/TableWrap";

/** The approximate number of people affected, as a range, and asking the services to count again. */
export function CensusCard({ breach, onDone }: { breach: BreachView; onDone: () => void }) {
  const { t, locale } = useLanguage();
  const people = breach.approximate_people;
  const recount = useAction(async () => {
    await api("privacy", `/breaches/${breach.id}/census`, { method: "POST" });
    onDone();
  });
  const range = people.low === null || people.high === null ? t("officer.breaches.notCounted") : people.low === people.high ? String(people.low) : t("officer.breaches.range", { low: people.low, high: people.high });
  return (
    <section className="card" aria-labelledby="officer-breach-census">
      <h2 id="officer-breach-census">{t("officer.breaches.census")}</h2>
      <p className="officer-countdown">{t("officer.breaches.people", { range })}</p>
      <p>
        {people.services_waiting.length
          ? t("officer.breaches.waitingFor", { services: people.services_waiting.join(", ") })
          : t("officer.breaches.allAnswered")}
        {breach.census_requested_at ? ` ${t("officer.breaches.askedAt", { at: formatDate(breach.census_requested_at, locale) })}` : ""}
      </p>
      {people.per_category.length ? (
        <TableWrap label={t("officer.breaches.census")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("officer.breaches.dataCategory")}</th>
                <th scope="col">{t("officer.breaches.peopleCount")}</th>
              </tr>
            </thead>
            <tbody>
              {people.per_category.map((figure) => (
                <tr key={figure.activity_id}>
                  <th scope="row">{figure.category}</th>
                  <td>{figure.people ?? t("officer.breaches.notCountedByAny")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <details>
        <summary>{t("officer.breaches.method")}</summary>
        <p>{people.method}</p>
      </details>
      <ErrorMessage error={recount.error} />
      <div className="officer-actions">
        <button type="button" disabled={recount.busy} onClick={() => void recount.run()}>
          {t("officer.breaches.recount")}
        </button>
      </div>
    </section>
  );
}
