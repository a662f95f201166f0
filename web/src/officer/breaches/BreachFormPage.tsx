import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { Checkbox, ErrorMessage, Loading, Page, TextArea, TextField } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { fromLocalInput, toLocalInput } from "../shared/dates";
import type { PageOf } from "../shared/types";
import type { BreachView } from "./types";

interface ActivityBrief {
  id: string;
  category: string;
}

interface Draft {
  discovered_at: string;
  nature: string;
  data_category_ids: string[];
  tenant_ids: string;
  approximate_records: string;
  likely_consequences: string;
  measures_taken: string;
  measures_proposed: string;
}

const EMPTY: Draft = {
  discovered_at: "",
  nature: "",
  data_category_ids: [],
  tenant_ids: "",
  approximate_records: "",
  likely_consequences: "",
  measures_taken: "",
  measures_proposed: "",
};

/** `/app/privacy/breaches/new` and `/app/privacy/breaches/:id/edit`: what art. 33(3) asks. */
export function BreachFormPage() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const activities = useLoad((signal) => api<PageOf<ActivityBrief>>("privacy", "/register/activities", { query: { page_size: 200 }, signal }), []);
  const existing = useLoad(
    (signal) => (id ? api<BreachView>("privacy", `/breaches/${id}`, { signal }) : Promise.resolve(null)),
    [id],
  );
  useEffect(() => {
    const breach = existing.data;
    if (!breach) return;
    setDraft({
      discovered_at: toLocalInput(breach.discovered_at),
      nature: breach.nature,
      data_category_ids: breach.data_categories.map((category) => category.id),
      tenant_ids: breach.tenant_ids.join("\n"),
      approximate_records: breach.approximate_records === null ? "" : String(breach.approximate_records),
      likely_consequences: breach.likely_consequences,
      measures_taken: breach.measures_taken,
      measures_proposed: breach.measures_proposed,
    });
  }, [existing.data]);

  const save = useAction(async () => {
    const body = {
      discovered_at: fromLocalInput(draft.discovered_at),
      nature: draft.nature,
      data_category_ids: draft.data_category_ids,
      tenant_ids: draft.tenant_ids.split(/[\s,]+/).filter(Boolean),
      approximate_records: draft.approximate_records === "" ? null : Number(draft.approximate_records),
      likely_consequences: draft.likely_consequences,
      measures_taken: draft.measures_taken,
      measures_proposed: draft.measures_proposed,
    };
    const saved = await api<BreachView>("privacy", id ? `/breaches/${id}` : "/breaches", { method: id ? "PUT" : "POST", body });
    navigate(`/app/privacy/breaches/${saved.id}`);
  });
  const fields = save.error?.fields ?? {};
  const set = (name: keyof Draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value });
  function toggle(categoryId: string, checked: boolean) {
    const ids = checked ? [...draft.data_category_ids, categoryId] : draft.data_category_ids.filter((value) => value !== categoryId);
    setDraft({ ...draft, data_category_ids: ids });
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    void save.run();
  }
  const title = id ? t("officer.breaches.editTitle", { reference: existing.data?.reference ?? "" }) : t("officer.breaches.new");
  return (
    <Page title={title}>
      <Loading loading={activities.loading || existing.loading} error={activities.error ?? existing.error}>
        <form onSubmit={submit} noValidate>
          <TextField label={t("officer.breaches.discoveredAt")} hint={t("officer.breaches.discoveredAtHint")} type="datetime-local" required value={draft.discovered_at} onChange={set("discovered_at")} error={fields.discovered_at} />
          <TextArea label={t("officer.breaches.nature")} required value={draft.nature} onChange={set("nature")} error={fields.nature} />
          <fieldset>
            <legend>{t("officer.breaches.dataCategories")}</legend>
            {(activities.data?.items ?? []).map((activity) => (
              <Checkbox key={activity.id} label={activity.category} checked={draft.data_category_ids.includes(activity.id)} onChange={(e) => toggle(activity.id, e.target.checked)} />
            ))}
            {fields.data_category_ids ? <p className="field-error">{fields.data_category_ids}</p> : null}
          </fieldset>
          <TextArea label={t("officer.breaches.clients")} hint={t("officer.breaches.clientsHint")} required value={draft.tenant_ids} onChange={set("tenant_ids")} error={fields.tenant_ids} />
          <TextField label={t("officer.breaches.records")} type="number" min={0} inputMode="numeric" value={draft.approximate_records} onChange={set("approximate_records")} error={fields.approximate_records} />
          <TextArea label={t("officer.breaches.consequences")} required value={draft.likely_consequences} onChange={set("likely_consequences")} error={fields.likely_consequences} />
          <TextArea label={t("officer.breaches.measuresTaken")} required value={draft.measures_taken} onChange={set("measures_taken")} error={fields.measures_taken} />
          <TextArea label={t("officer.breaches.measuresProposed")} required value={draft.measures_proposed} onChange={set("measures_proposed")} error={fields.measures_proposed} />
          <ErrorMessage error={save.error} />
          <div className="officer-actions">
            <button type="submit" className="primary" disabled={save.busy}>
              {id ? t("form.save") : t("officer.breaches.record")}
            </button>
            <Link className="button" to={id ? `/app/privacy/breaches/${id}` : "/app/privacy/breaches"}>
              {t("form.cancel")}
            </Link>
          </div>
        </form>
      </Loading>
    </Page>
  );
}
