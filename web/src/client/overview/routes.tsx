import { Route } from "react-router-dom";

import { Page } from "../../ui/components";

// Paths relative to /app.
export const overviewRoutes = (
  <>
    <Route index element={<Page title="Overview">…</Page>} />
  </>
);
