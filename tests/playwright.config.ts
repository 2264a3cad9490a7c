// End-to-end tests against the built site (npm run build) served by `astro preview` and the local
// stack, in the system Chromium (apt-get install chromium); Playwright never downloads a browser here.
import { defineConfig } from '@playwright/test';
import { chromiumPath } from './e2e/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 4329);

export default defineConfig({
	testDir: './e2e',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: 0,
	timeout: 30_000,
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		browserName: 'chromium',
		launchOptions: {
			executablePath: chromiumPath(),
			// The machine has no network beyond loopback: keep Chromium from phoning home.
			args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		},
	},
	webServer: [
		{
			command: `node node_modules/astro/bin/astro.mjs preview --host 127.0.0.1 --port ${port}`,
			cwd: '..',
			url: `http://127.0.0.1:${port}/`,
			reuseExistingServer: !process.env.CI,
			timeout: 60_000,
		},
		{
			// The widgets' backend, on the port the built site points at, with its own throwaway data.
			command: 'node supabase/local/main.ts --reset',
			cwd: '..',
			url: 'http://127.0.0.1:54321/',
			env: { MOSTRADOR_STACK_DATA: 'tests/.tmp/e2e-stack' },
			reuseExistingServer: !process.env.CI,
			timeout: 120_000,
		},
	],
});
