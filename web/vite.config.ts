// Builds the dashboard from web/ into web/dist, which the server serves at `/`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `vite --config web/vite.config.ts` during development: the API runs on its own port.
    proxy: { '/api': 'http://127.0.0.1:3000' },
    fs: { allow: [repo] },
  },
});
