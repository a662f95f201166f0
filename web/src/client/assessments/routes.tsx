import { Route } from "react-router-dom";

import { Page } from "../../ui/components";

// Paths relative to /app.
export const assessmentsRoutes = (
  <>
    <Route path="assessments" element={<Page title="Assessments">…</Page>} />
  </>
);
