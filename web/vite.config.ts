import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The query service the dev server proxies to (`npm run dev`); the built app is served by the query
// service itself from the classpath folder devlogs-web/, which is where `npm run build` writes.
const queryUrl = process.env.DEVLOGS_QUERY_URL ?? "http://127.0.0.1:18090";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "target/classes/devlogs-web",
    emptyOutDir: true,
    // No source maps in the jar; the chunk budget warns before the dashboard gets heavy.
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: {
      "/v1": { target: queryUrl, ws: true },
      "/openapi.json": queryUrl,
      "/healthz": queryUrl,
    },
  },
});
