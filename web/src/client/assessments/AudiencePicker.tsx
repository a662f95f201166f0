import { useId, useState } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { Checkbox, Loading, TextField } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { OffsetPager } from "./OffsetPager";
import type { GroupRead, OffsetPage, ParticipantRead } from "./types";

export type AudienceMode = "all" | "participants" | "groups";

export interface Audience {
  mode: AudienceMode;
  participantIds: string[];
  groupIds: string[];
}

const PAGE_SIZE = 20;

/** Who gets it: every participant, chosen participants, or the members of chosen groups. */
export function AudiencePicker({ audience, onChange, groups, participantTotal, error }: { audience: Audience; onChange: (audience: Audience) => void; groups: GroupRead[]; participantTotal: number; error?: string }) {
  const t = useT();
  const name = useId();
  const modes: AudienceMode[] = ["all", "participants", "groups"];
  return (
    <fieldset className="picker" aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{t("assessments.audience")}</legend>
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      <div className="radio-row">
        {modes.map((mode) => (
          <div className="checkbox" key={mode}>
            <input id={`${name}-${mode}`} type="radio" name={name} checked={audience.mode === mode} onChange={() => onChange({ ...audience, mode })} />
            <label htmlFor={`${name}-${mode}`}>{t(`assessments.audience.${mode}`, { count: participantTotal })}</label>
          </div>
        ))}
      </div>
      {audience.mode === "participants" ? <ParticipantChoice selected={audience.participantIds} onChange={(participantIds) => onChange({ ...audience, participantIds })} /> : null}
      {audience.mode === "groups" ? (
        groups.length === 0 ? (
          <p>{t("assessments.audience.noGroups")}</p>
        ) : (
          <ul className="choice-list">
            {groups.map((group) => (
              <li key={group.id}>
                <Checkbox
                  label={t("assessments.audience.group", { name: group.name, count: group.members })}
                  checked={audience.groupIds.includes(group.id)}
                  onChange={(event) =>
                    onChange({ ...audience, groupIds: event.target.checked ? [...audience.groupIds, group.id] : audience.groupIds.filter((id) => id !== group.id) })
                  }
                />
              </li>
            ))}
          </ul>
        )
      ) : null}
    </fieldset>
  );
}

function ParticipantChoice({ selected, onChange }: { selected: string[]; onChange: (ids: string[]) => void }) {
  const t = useT();
  const [search, setSearch] = useState("");
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    (signal) => api<OffsetPage<ParticipantRead>>("assessments", "/participants", { query: { search, limit: PAGE_SIZE, offset }, signal }),
    [search, offset],
  );
  return (
    <div className="participant-choice">
      <p className="hint" aria-live="polite">
        {t("assessments.audience.chosen", { count: selected.length })}
      </p>
      <TextField
        label={t("assessments.audience.search")}
        type="search"
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          setOffset(0);
        }}
      />
      <Loading loading={list.loading && !list.data} error={list.error}>
        <ul className="choice-list">
          {list.data?.items.map((participant) => (
            <li key={participant.id}>
              <Checkbox
                label={`${participant.name} (${participant.email})`}
                checked={selected.includes(participant.id)}
                onChange={(event) => onChange(event.target.checked ? [...selected, participant.id] : selected.filter((id) => id !== participant.id))}
              />
            </li>
          ))}
        </ul>
        {list.data && list.data.items.length === 0 ? <p>{t("assessments.audience.noMatch")}</p> : null}
        {list.data ? <OffsetPager offset={offset} limit={PAGE_SIZE} total={list.data.total} onChange={setOffset} label={t("assessments.audience.pages")} /> : null}
      </Loading>
    </div>
  );
}
