import { Route } from "react-router-dom";

import { NewQuestionPage } from "./NewQuestionPage";
import { QuestionPage } from "./QuestionPage";
import { QuestionsPage } from "./QuestionsPage";

// Paths relative to /app.
export const questionsRoutes = (
  <>
    <Route path="questions" element={<QuestionsPage />} />
    <Route path="questions/new" element={<NewQuestionPage />} />
    <Route path="questions/:id" element={<QuestionPage />} />
  </>
);
