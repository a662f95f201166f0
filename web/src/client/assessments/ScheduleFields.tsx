import { useId } from "react";

import { useLanguage } from "../../i18n";
import { TextField } from "../../ui/components";
import { weekdayName } from "./status";

export interface QuizSchedule {
  opensDate: string;
  opensTime: string;
  closesDate: string;
  closesTime: string;
}

export interface DailySchedule {
  weekdays: number[];
  sendTime: string;
  startsOn: string;
  endsOn: string;
  reaskAfterDays: string;
}

type Errors = Record<string, string>;

/** A quiz's window: local dates and times in the client's time zone. */
export function QuizScheduleFields({ value, onChange, timeZone, errors }: { value: QuizSchedule; onChange: (value: QuizSchedule) => void; timeZone: string; errors: Errors }) {
  const { t } = useLanguage();
  return (
    <fieldset className="picker">
      <legend>{t("assessments.schedule")}</legend>
      <p className="hint">{t("assessments.schedule.zone", { zone: timeZone })}</p>
      <div className="field-row">
        <TextField label={t("assessments.opensOn")} type="date" required value={value.opensDate} onChange={(event) => onChange({ ...value, opensDate: event.target.value })} error={errors.opens_at} />
        <TextField label={t("assessments.opensAt")} type="time" required value={value.opensTime} onChange={(event) => onChange({ ...value, opensTime: event.target.value })} />
      </div>
      <div className="field-row">
        <TextField label={t("assessments.closesOn")} type="date" required value={value.closesDate} onChange={(event) => onChange({ ...value, closesDate: event.target.value })} error={errors.closes_at} />
        <TextField label={t("assessments.closesAt")} type="time" required value={value.closesTime} onChange={(event) => onChange({ ...value, closesTime: event.target.value })} />
      </div>
    </fieldset>
  );
}

/** Daily questions: weekdays, a local send time, the first and (optionally) the last day. */
export function DailyScheduleFields({ value, onChange, timeZone, errors }: { value: DailySchedule; onChange: (value: DailySchedule) => void; timeZone: string; errors: Errors }) {
  const { t, locale } = useLanguage();
  const id = useId();
  return (
    <fieldset className="picker">
      <legend>{t("assessments.schedule")}</legend>
      <p className="hint">{t("assessments.schedule.dailyZone", { zone: timeZone })}</p>
      <fieldset className="weekdays" aria-describedby={errors.weekdays ? `${id}-error` : undefined}>
        <legend>{t("assessments.weekdays")}</legend>
        {[1, 2, 3, 4, 5, 6, 7].map((day) => (
          <span className="checkbox" key={day}>
            <input
              id={`${id}-${day}`}
              type="checkbox"
              checked={value.weekdays.includes(day)}
              onChange={(event) =>
                onChange({ ...value, weekdays: event.target.checked ? [...value.weekdays, day].sort() : value.weekdays.filter((chosen) => chosen !== day) })
              }
            />
            <label htmlFor={`${id}-${day}`}>{weekdayName(day, locale, "long")}</label>
          </span>
        ))}
        {errors.weekdays ? (
          <p className="field-error" id={`${id}-error`}>
            {errors.weekdays}
          </p>
        ) : null}
      </fieldset>
      <TextField label={t("assessments.sendTime")} type="time" required value={value.sendTime} onChange={(event) => onChange({ ...value, sendTime: event.target.value })} error={errors.send_time} />
      <div className="field-row">
        <TextField label={t("assessments.startsOn")} type="date" required value={value.startsOn} onChange={(event) => onChange({ ...value, startsOn: event.target.value })} error={errors.starts_on} />
        <TextField label={t("assessments.endsOn")} type="date" value={value.endsOn} onChange={(event) => onChange({ ...value, endsOn: event.target.value })} error={errors.ends_on} />
      </div>
      <TextField
        label={t("assessments.reask")}
        hint={t("assessments.reask.hint")}
        type="number"
        min={1}
        max={365}
        value={value.reaskAfterDays}
        onChange={(event) => onChange({ ...value, reaskAfterDays: event.target.value })}
        error={errors.reask_wrong_after_days}
      />
    </fieldset>
  );
}
