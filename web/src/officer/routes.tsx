import { Route, Routes } from "react-router-dom";

import { useT } from "../i18n";
import { Page } from "../ui/components";
import { Layout, type NavItem } from "../ui/Layout";

/** The privacy officer's dashboard under /app (paths here are relative to it). */
export function OfficerArea() {
  const t = useT();
  const nav: NavItem[] = [{ to: "/app", label: t("officer.title"), end: true }];
  return (
    <Layout nav={nav}>
      <Routes>
        <Route index element={<Page title={t("officer.title")}>…</Page>} />
      </Routes>
    </Layout>
  );
}
