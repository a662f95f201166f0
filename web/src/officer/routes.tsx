import { Route, Routes } from "react-router-dom";

import { useT } from "../i18n";
import { Page } from "../ui/components";
import { Layout, type NavItem } from "../ui/Layout";
import { AuditPage } from "./audit/AuditPage";
import { BreachDetailPage } from "./breaches/BreachDetailPage";
import { BreachFormPage } from "./breaches/BreachFormPage";
import { BreachListPage } from "./breaches/BreachListPage";
import { ConsentsPage } from "./consents/ConsentsPage";
import { DashboardPage } from "./dashboard/DashboardPage";
import { HoldsPage } from "./holds/HoldsPage";
import "./officer.css";
import { OffboardingDetailPage } from "./offboardings/OffboardingDetailPage";
import { OffboardingListPage } from "./offboardings/OffboardingListPage";
import { PoliciesPage } from "./policies/PoliciesPage";
import { RegisterPage } from "./register/RegisterPage";
import { NewRequestPage } from "./requests/NewRequestPage";
import { RequestDetailPage } from "./requests/RequestDetailPage";
import { RequestQueuePage } from "./requests/RequestQueuePage";
import { RetentionPage } from "./retention/RetentionPage";

/** The privacy officer's area under /app (paths here are relative to it). */
export function OfficerArea() {
  const t = useT();
  const nav: NavItem[] = [
    { to: "/app", label: t("officer.nav.dashboard"), end: true },
    { to: "/app/privacy/requests", label: t("officer.nav.requests") },
    { to: "/app/privacy/breaches", label: t("officer.nav.breaches") },
    { to: "/app/privacy/register", label: t("officer.nav.register") },
    { to: "/app/privacy/retention", label: t("officer.nav.retention") },
    { to: "/app/privacy/holds", label: t("officer.nav.holds") },
    { to: "/app/privacy/consents", label: t("officer.nav.consents") },
    { to: "/app/privacy/offboardings", label: t("officer.nav.offboardings") },
    { to: "/app/privacy/policies", label: t("officer.nav.policies") },
    { to: "/app/privacy/audit", label: t("officer.nav.audit") },
  ];
  return (
    <Layout nav={nav}>
      <Routes>
        <Route index element={<DashboardPage />} />
        <Route path="privacy/requests" element={<RequestQueuePage />} />
        <Route path="privacy/requests/new" element={<NewRequestPage />} />
        <Route path="privacy/requests/:id" element={<RequestDetailPage />} />
        <Route path="privacy/register" element={<RegisterPage />} />
        <Route path="privacy/retention" element={<RetentionPage />} />
        <Route path="privacy/holds" element={<HoldsPage />} />
        <Route path="privacy/breaches" element={<BreachListPage />} />
        <Route path="privacy/breaches/new" element={<BreachFormPage />} />
        <Route path="privacy/breaches/:id" element={<BreachDetailPage />} />
        <Route path="privacy/breaches/:id/edit" element={<BreachFormPage />} />
        <Route path="privacy/consents" element={<ConsentsPage />} />
        <Route path="privacy/offboardings" element={<OffboardingListPage />} />
        <Route path="privacy/offboardings/:id" element={<OffboardingDetailPage />} />
        <Route path="privacy/policies" element={<PoliciesPage />} />
        <Route path="privacy/audit" element={<AuditPage />} />
        <Route path="*" element={<Page title={t("error.notFound")}>{null}</Page>} />
      </Routes>
    </Layout>
  );
}
