import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * A static single-page app: every page renders in the browser (`ssr = false` in the root layout),
 * and any path without a file is answered with `index.html` by the host (the SPA fallback).
 * Precompressed copies (.br, .gz) let the local host send less.
 */
/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', precompress: true, strict: true }),
    // The host (cloud/src/adapters/local/portal.ts) sends the Content-Security-Policy header with
    // the hash of SvelteKit's boot script; nothing else may run inline.
  },
  compilerOptions: { runes: true },
};

export default config;
