import { Route } from "react-router-dom";

import { SettingsPage } from "./SettingsPage";

// Paths relative to /app.
export const settingsRoutes = (
  <>
    <Route path="settings" element={<SettingsPage />} />
  </>
);
