import { Route } from "react-router-dom";

import { Page } from "../../ui/components";

// Paths relative to /app.
export const questionsRoutes = (
  <>
    <Route path="questions" element={<Page title="Questions">…</Page>} />
  </>
);
