// A single-page app: every page renders in the browser, the host answers unknown paths with
// index.html (adapter-static's fallback), and the data comes from the API at /api/v1.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
