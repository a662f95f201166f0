import { useLanguage } from "../../i18n";
import { formatDate } from "../../ui/components";
import type { Transition } from "./types";
import { TableWrap } from "../shared/TableWrap";

/** Every move of the request, oldest first: who moved it, when, with what note. */
export function RequestTransitions({ transitions }: { transitions: Transition[] }) {
  const { t, locale } = useLanguage();
  return (
    <section className="card" aria-labelledby="officer-request-transitions">
      <h2 id="officer-request-transitions">{t("officer.request.transitions")}</h2>
      {transitions.length === 0 ? (
        <p>{t("list.empty")}</p>
      ) : (
        <TableWrap label={t("officer.request.transitions")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("officer.request.when")}</th>
                <th scope="col">{t("officer.request.from")}</th>
                <th scope="col">{t("officer.request.to")}</th>
                <th scope="col">{t("officer.request.by")}</th>
                <th scope="col">{t("officer.request.note")}</th>
              </tr>
            </thead>
            <tbody>
              {transitions.map((move, index) => (
                <tr key={`${move.at}-${index}`}>
                  <td>{formatDate(move.at, locale)}</td>
                  <td>{t(`officer.state.${move.from_state}`)}</td>
                  <td>{t(`officer.state.${move.to_state}`)}</td>
                  <td>{t(`officer.actor.${move.actor}`)}</td>
                  <td>{move.note ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
