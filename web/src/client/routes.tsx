import { Route, Routes } from "react-router-dom";

import { useT } from "../i18n";
import { Page } from "../ui/components";
import { Layout, type NavItem } from "../ui/Layout";
import { assessmentsRoutes } from "./assessments/routes";
import { overviewRoutes } from "./overview/routes";
import { participantsRoutes } from "./participants/routes";
import { privacyRoutes } from "./privacy/routes";
import { questionsRoutes } from "./questions/routes";
import { settingsRoutes } from "./settings/routes";
import { statisticsRoutes } from "./statistics/routes";

/** The client's workspace under /app (each section's paths are relative to it). */
export function ClientArea() {
  const t = useT();
  const nav: NavItem[] = [
    { to: "/app", label: t("overview.nav"), end: true },
    { to: "/app/participants", label: t("participants.nav") },
    { to: "/app/questions", label: t("questions.nav") },
    { to: "/app/assessments", label: t("assessments.nav") },
    { to: "/app/statistics", label: t("statistics.nav") },
    { to: "/app/settings", label: t("settings.nav") },
    { to: "/app/privacy", label: t("privacy.nav") },
  ];
  return (
    <Layout nav={nav}>
      <Routes>
        {overviewRoutes}
        {participantsRoutes}
        {questionsRoutes}
        {assessmentsRoutes}
        {statisticsRoutes}
        {settingsRoutes}
        {privacyRoutes}
        <Route path="*" element={<Page title={t("error.notFound")}>{null}</Page>} />
      </Routes>
    </Layout>
  );
}
