import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `npm run dev -w web` proxies the API to a control plane on :8080 (`npm start` in another terminal).
export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy: { '/api': { target: process.env.QUORUM_API ?? 'http://127.0.0.1:8080', ws: true } } },
  build: { target: 'es2022', chunkSizeWarningLimit: 200 },
});
