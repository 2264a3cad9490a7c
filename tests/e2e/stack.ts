// The local stack the browser tests sign in against (started by tests/playwright.config.ts).
export const STACK_URL = process.env.E2E_STACK_URL ?? 'http://127.0.0.1:54321';
