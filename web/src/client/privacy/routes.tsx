import { Route } from "react-router-dom";

import { PrivacyPage } from "./PrivacyPage";
import { RequestDetailPage } from "./RequestDetailPage";

// Paths relative to /app. `privacy/requests/:id` is the path emailed to admins: keep it.
export const privacyRoutes = (
  <>
    <Route path="privacy" element={<PrivacyPage />} />
    <Route path="privacy/requests/:id" element={<RequestDetailPage />} />
  </>
);
