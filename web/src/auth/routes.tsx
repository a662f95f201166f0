import { Route } from "react-router-dom";

import { Layout } from "../ui/Layout";

// Login, signup and the pages that take an emailed link's token (accounts' WEB_PATHS).
export const authRoutes = (
  <>
    <Route path="/login" element={<Layout>login</Layout>} />
  </>
);
