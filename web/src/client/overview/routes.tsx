import { Route } from "react-router-dom";

import { OverviewPage } from "./OverviewPage";

// Paths relative to /app.
export const overviewRoutes = (
  <>
    <Route index element={<OverviewPage />} />
  </>
);
