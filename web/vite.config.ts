import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The gateway serves dist/ and sends /api/… to the services; in development, `npm run dev`
// proxies /api to a running gateway (./soket up).
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", sourcemap: false, assetsInlineLimit: 0 },
  server: {
    proxy: { "/api": { target: "https://localhost:8443", secure: false } },
  },
});
