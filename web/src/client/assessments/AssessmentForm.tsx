import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";

import { api, ApiError } from "../../api/http";
import { useLanguage } from "../../i18n";
import { Checkbox, ErrorMessage, Loading, TextField } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { AudiencePicker, type Audience } from "./AudiencePicker";
import { fetchAll, fetchGroups, fetchQuestions } from "./data";
import { DeliveryEstimate } from "./DeliveryEstimate";
import { QuestionPicker } from "./QuestionPicker";
import { DailyScheduleFields, QuizScheduleFields, type DailySchedule, type QuizSchedule } from "./ScheduleFields";
import { utcToZoned, zonedToUtcIso } from "./timezone";
import type { AssessmentIn, AssessmentKind, AssessmentRead, Channel, OffsetPage, ParticipantRead } from "./types";

function initialQuiz(timeZone: string): QuizSchedule {
  const now = utcToZoned(new Date(), timeZone);
  const week = utcToZoned(new Date(Date.now() + 7 * 86_400_000), timeZone);
  return { opensDate: now.date, opensTime: now.time, closesDate: week.date, closesTime: now.time };
}

function initialDaily(timeZone: string): DailySchedule {
  const tomorrow = utcToZoned(new Date(Date.now() + 86_400_000), timeZone);
  return { weekdays: [1, 2, 3, 4, 5], sendTime: "09:00", startsOn: tomorrow.date, endsOn: "", reaskAfterDays: "" };
}

/** A new quiz or new daily questions: saved as a draft, or saved and published at once. */
export function AssessmentForm({ kind, timeZone }: { kind: AssessmentKind; timeZone: string }) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const sources = useLoad(
    async (signal) => {
      const [questions, groups, participants] = await Promise.all([
        fetchQuestions(signal),
        fetchGroups(signal),
        api<OffsetPage<ParticipantRead>>("assessments", "/participants", { query: { limit: 1 }, signal }),
      ]);
      return { questions, groups, participantTotal: participants.total };
    },
    [],
  );
  const [title, setTitle] = useState("");
  const [questionIds, setQuestionIds] = useState<string[]>([]);
  const [audience, setAudience] = useState<Audience>({ mode: "all", participantIds: [], groupIds: [] });
  const [channels, setChannels] = useState<Channel[]>(["email"]);
  const [emailFallback, setEmailFallback] = useState(false);
  const [showCorrect, setShowCorrect] = useState(true);
  const [reminderHours, setReminderHours] = useState("");
  const [maxReminders, setMaxReminders] = useState("0");
  const [quiz, setQuiz] = useState<QuizSchedule>(() => initialQuiz(timeZone));
  const [daily, setDaily] = useState<DailySchedule>(() => initialDaily(timeZone));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const groups = sources.data?.groups ?? [];
  const participantTotal = sources.data?.participantTotal ?? 0;
  const recipients =
    audience.mode === "all"
      ? participantTotal
      : audience.mode === "participants"
        ? audience.participantIds.length
        : groups.filter((group) => audience.groupIds.includes(group.id)).reduce((sum, group) => sum + group.members, 0);
  const sendsAt = kind === "quiz" && quiz.opensDate && quiz.opensTime ? new Date(zonedToUtcIso(quiz.opensDate, quiz.opensTime, timeZone)) : null;

  const toggleChannel = (channel: Channel, on: boolean) => {
    const next = on ? [...channels, channel] : channels.filter((chosen) => chosen !== channel);
    setChannels((["email", "slack"] as Channel[]).filter((known) => next.includes(known)));
    if (channel === "slack" && !on) setEmailFallback(false);
  };

  const localErrors = (): Record<string, string> => {
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = t("assessments.error.title");
    if (questionIds.length === 0) found.question_ids = t("assessments.error.questions");
    if (channels.length === 0) found.channels = t("assessments.error.channels");
    if (audience.mode === "participants" && audience.participantIds.length === 0) found.audience = t("assessments.error.participants");
    if (audience.mode === "groups" && audience.groupIds.length === 0) found.audience = t("assessments.error.groups");
    if (audience.mode === "all" && participantTotal === 0) found.audience = t("assessments.error.noParticipants");
    if (kind === "daily_questions" && daily.weekdays.length === 0) found.weekdays = t("assessments.error.weekdays");
    if (reminderHours === "" && Number(maxReminders) > 0) found.reminder_after_hours = t("assessments.error.reminderHours");
    return found;
  };

  const save = useAction(async (publish: boolean) => {
    const participantIds =
      audience.mode === "all"
        ? (await fetchAll<ParticipantRead>("/participants")).map((participant) => participant.id)
        : audience.mode === "participants"
          ? audience.participantIds
          : [];
    const body: AssessmentIn = {
      kind,
      title: title.trim(),
      question_ids: questionIds,
      participant_ids: participantIds,
      group_ids: audience.mode === "groups" ? audience.groupIds : [],
      channels,
      email_fallback: emailFallback,
      show_correct: showCorrect,
      max_reminders: Number(maxReminders) || 0,
    };
    if (reminderHours) body.reminder_after_hours = Number(reminderHours);
    if (kind === "quiz") {
      body.opens_at = zonedToUtcIso(quiz.opensDate, quiz.opensTime, timeZone);
      body.closes_at = zonedToUtcIso(quiz.closesDate, quiz.closesTime, timeZone);
    } else {
      body.weekdays = daily.weekdays;
      body.send_time = `${daily.sendTime}:00`;
      body.starts_on = daily.startsOn;
      if (daily.endsOn) body.ends_on = daily.endsOn;
      if (daily.reaskAfterDays) body.reask_wrong_after_days = Number(daily.reaskAfterDays);
    }
    try {
      const created = await api<AssessmentRead>("assessments", "/assessments", { body });
      if (publish) await api<AssessmentRead>("assessments", `/assessments/${created.id}/publish`, { method: "POST" });
      navigate(`/app/assessments/${created.id}`, { state: { saved: publish ? "published" : "draft" } });
    } catch (caught) {
      if (caught instanceof ApiError) setErrors(caught.fields);
      throw caught;
    }
  });

  const submit = (publish: boolean) => {
    const found = localErrors();
    setErrors(found);
    if (Object.keys(found).length) {
      window.requestAnimationFrame(() => document.querySelector<HTMLElement>("[aria-invalid='true'], .field-error")?.scrollIntoView({ block: "center" }));
      return;
    }
    void save.run(publish);
  };

  const invalid = Object.keys(errors).length > 0 && !save.error;
  return (
    <Loading loading={sources.loading} error={sources.error}>
      <form className="assessment-form" noValidate onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          submit(true);
        }}>
        {invalid ? (
          <p className="error" role="alert">
            {t("assessments.error.form")}
          </p>
        ) : null}
        <ErrorMessage error={save.error} />
        <TextField label={t("assessments.field.title")} required value={title} onChange={(event) => setTitle(event.target.value)} error={errors.title} maxLength={200} />
        <QuestionPicker questions={sources.data?.questions ?? []} selected={questionIds} onChange={setQuestionIds} error={errors.question_ids} />
        <AudiencePicker audience={audience} onChange={setAudience} groups={groups} participantTotal={participantTotal} error={errors.audience ?? errors.participant_ids ?? errors.group_ids} />
        <fieldset className="picker" aria-describedby={errors.channels ? "channels-error" : undefined}>
          <legend>{t("assessments.channels")}</legend>
          {errors.channels ? (
            <p className="field-error" id="channels-error">
              {errors.channels}
            </p>
          ) : null}
          <Checkbox label={t("assessments.channel.email")} checked={channels.includes("email")} onChange={(event) => toggleChannel("email", event.target.checked)} />
          <Checkbox label={t("assessments.channel.slack")} checked={channels.includes("slack")} onChange={(event) => toggleChannel("slack", event.target.checked)} />
          {channels.includes("slack") ? (
            <Checkbox label={t("assessments.emailFallback")} checked={emailFallback} onChange={(event) => setEmailFallback(event.target.checked)} />
          ) : null}
        </fieldset>
        {kind === "quiz" ? (
          <QuizScheduleFields value={quiz} onChange={setQuiz} timeZone={timeZone} errors={errors} />
        ) : (
          <DailyScheduleFields value={daily} onChange={setDaily} timeZone={timeZone} errors={errors} />
        )}
        <fieldset className="picker">
          <legend>{t("assessments.afterwards")}</legend>
          <Checkbox label={t("assessments.showCorrect")} checked={showCorrect} onChange={(event) => setShowCorrect(event.target.checked)} />
          <div className="field-row">
            <TextField label={t("assessments.reminderAfter")} type="number" min={1} max={336} value={reminderHours} onChange={(event) => setReminderHours(event.target.value)} error={errors.reminder_after_hours} />
            <TextField label={t("assessments.maxReminders")} type="number" min={0} max={5} value={maxReminders} onChange={(event) => setMaxReminders(event.target.value)} error={errors.max_reminders} />
          </div>
        </fieldset>
        <DeliveryEstimate channels={channels} recipients={recipients} sendsAt={sendsAt} timeZone={timeZone} approximate={audience.mode === "groups"} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.busy}>
            {t(kind === "quiz" ? "assessments.sendQuiz" : "assessments.startDaily")}
          </button>
          <button type="button" disabled={save.busy} onClick={() => submit(false)}>
            {t("assessments.saveDraft")}
          </button>
        </div>
      </form>
    </Loading>
  );
}
