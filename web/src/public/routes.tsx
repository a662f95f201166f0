import { Route } from "react-router-dom";

import { Layout } from "../ui/Layout";

// The pages anyone can open: home, the privacy policy, the data request form and its status.
export const publicRoutes = (
  <>
    <Route path="/" element={<Layout>Soket</Layout>} />
  </>
);
