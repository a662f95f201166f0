import { Route } from "react-router-dom";

import { Page } from "../../ui/components";

// Paths relative to /app.
export const privacyRoutes = (
  <>
    <Route path="privacy" element={<Page title="Privacy">…</Page>} />
  </>
);
