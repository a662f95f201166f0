import { Route } from "react-router-dom";

import { Page } from "../../ui/components";

// Paths relative to /app.
export const participantsRoutes = (
  <>
    <Route path="participants" element={<Page title="Participants">…</Page>} />
  </>
);
