import { Route } from "react-router-dom";

import { AssessmentStatisticsPage } from "./AssessmentStatisticsPage";
import { ParticipantsStatisticsPage } from "./ParticipantsStatisticsPage";
import { ParticipantStatisticsPage } from "./ParticipantStatisticsPage";
import { QuestionStatisticsPage } from "./QuestionStatisticsPage";
import { StatisticsPage } from "./StatisticsPage";
import { TrendsPage } from "./TrendsPage";

// Paths relative to /app.
export const statisticsRoutes = (
  <>
    <Route path="statistics" element={<StatisticsPage />} />
    <Route path="statistics/assessments/:id" element={<AssessmentStatisticsPage />} />
    <Route path="statistics/assessments/:id/questions/:questionId" element={<QuestionStatisticsPage />} />
    <Route path="statistics/participants" element={<ParticipantsStatisticsPage />} />
    <Route path="statistics/participants/:subjectRef" element={<ParticipantStatisticsPage />} />
    <Route path="statistics/trends/:dimension" element={<TrendsPage />} />
  </>
);
