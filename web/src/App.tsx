import { lazy, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router-dom";

import { authRoutes } from "./auth/routes";
import { isOfficer, SessionProvider, useSession } from "./auth/session";
import { LanguageProvider, useT } from "./i18n";
import { publicRoutes } from "./public/routes";
import { Page } from "./ui/components";
import { Layout } from "./ui/Layout";

// Each area is its own download: a participant's form or the public pages load neither.
const ClientArea = lazy(() => import("./client/routes").then((module) => ({ default: module.ClientArea })));
const OfficerArea = lazy(() => import("./officer/routes").then((module) => ({ default: module.OfficerArea })));

/** `/app/…` is the client's workspace, or the privacy officer's dashboard for platform staff. */
function AppArea() {
  const { user } = useSession();
  const location = useLocation();
  const t = useT();
  if (user === undefined) return <p aria-busy="true">{t("app.loading")}</p>;
  if (user === null) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return (
    <Suspense fallback={<p aria-busy="true">{t("app.loading")}</p>}>
      {isOfficer(user) ? <OfficerArea /> : <ClientArea />}
    </Suspense>
  );
}

function NotFound() {
  const t = useT();
  return (
    <Layout>
      <Page title={t("error.notFound")}>
        <p>
          <a href="/">{t("app.name")}</a>
        </p>
      </Page>
    </Layout>
  );
}

function SlackReturn() {
  // Delivery's Slack OAuth callback sends the admin back to /settings?slack=…
  const { search } = useLocation();
  return <Navigate to={`/app/settings${search}`} replace />;
}

export function App() {
  return (
    <BrowserRouter>
      <LanguageProvider>
        <SessionProvider>
          <Routes>
            {publicRoutes}
            {authRoutes}
            <Route path="/app/*" element={<AppArea />} />
            <Route path="/settings" element={<SlackReturn />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </SessionProvider>
      </LanguageProvider>
    </BrowserRouter>
  );
}
