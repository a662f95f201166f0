import { Route } from "react-router-dom";

import { DataRequestPage } from "./DataRequestPage";
import { HomePage } from "./HomePage";
import { PolicyPage } from "./PolicyPage";
import { PolicyVersionPage } from "./PolicyVersionPage";
import { RequestStatusPage } from "./RequestStatusPage";

// The pages anyone can open: home, the privacy policy, the data request form and its status.
// /privacy-policy/:label is where the policy-change email links (privacy's policies.page_path);
// /data-request/:intake?status_token=… is the status page (the token is shown once, not emailed).
export const publicRoutes = (
  <>
    <Route path="/" element={<HomePage />} />
    <Route path="/privacy-policy" element={<PolicyPage />} />
    <Route path="/privacy-policy/:label" element={<PolicyVersionPage />} />
    <Route path="/data-request" element={<DataRequestPage />} />
    <Route path="/data-request/:intake" element={<RequestStatusPage />} />
  </>
);
