import { Route } from "react-router-dom";

import { Page } from "../../ui/components";

// Paths relative to /app.
export const settingsRoutes = (
  <>
    <Route path="settings" element={<Page title="Settings">…</Page>} />
  </>
);
