// Builds the Teams tab into <repo>/dist/web, which the Express server serves at "/" with an SPA fallback.
// `npm run build:web` = `vite build --config src/web/vite.config.ts`.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("../../dist/web", import.meta.url));

export default defineConfig({
  root: webRoot,
  base: "/",
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    // The first screen must stay small (≤ 300 KB gzip JS): areas are split with React.lazy and the
    // report below keeps chunk sizes visible on every build.
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
    // Maps for debugging in the host, not referenced from the bundles (no source disclosure by default).
    sourcemap: "hidden",
    rolldownOptions: {
      output: {
        // teams-js gets a chunk of its own, named so, and stays lazy: it loads only when a host is possible.
        codeSplitting: { groups: [{ name: "teams-js", test: /node_modules[\\/]@microsoft[\\/]teams-js[\\/]/ }] },
      },
    },
  },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
