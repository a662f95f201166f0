import { Route } from "react-router-dom";

import { Page } from "../../ui/components";

// Paths relative to /app.
export const statisticsRoutes = (
  <>
    <Route path="statistics" element={<Page title="Statistics">…</Page>} />
  </>
);
