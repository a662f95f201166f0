import { Route } from "react-router-dom";

import { AssessmentDetailPage } from "./AssessmentDetailPage";
import { AssessmentsPage } from "./AssessmentsPage";
import { NewAssessmentPage } from "./NewAssessmentPage";

// Paths relative to /app.
export const assessmentsRoutes = (
  <>
    <Route path="assessments" element={<AssessmentsPage />} />
    <Route path="assessments/new-quiz" element={<NewAssessmentPage kind="quiz" />} />
    <Route path="assessments/new-daily" element={<NewAssessmentPage kind="daily_questions" />} />
    <Route path="assessments/:id" element={<AssessmentDetailPage />} />
  </>
);
