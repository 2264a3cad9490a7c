// End-to-end tests against the built site (npm run build) served by `astro preview` and the local
// stack, in the system Chromium (apt-get install chromium); Playwright never downloads a browser here.
import { defineConfig } from '@playwright/test';
import { chromiumPath } from './e2e/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 4329);
// Several runs side by side (e.g. while developing) each take their own ports and build folder:
// E2E_PORT, E2E_STACK_PORT, and MOSTRADOR_OUT_DIR for both the build and the preview.
const stackPort = Number(process.env.E2E_STACK_PORT ?? 54321);
process.env.E2E_STACK_URL ??= `http://127.0.0.1:${stackPort}`;

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
			command: `node node_modules/astro/bin/astro.mjs preview --host 127.0.0.1 --port ${port} --ignore-lock`,
			cwd: '..',
			url: `http://127.0.0.1:${port}/`,
			reuseExistingServer: !process.env.CI,
			timeout: 60_000,
		},
		{
			// The widgets' backend, on the port the built site points at (PUBLIC_SUPABASE_URL at build
			// time; 54321 by default), with its own throwaway data.
			command: 'node supabase/local/main.ts --reset',
			cwd: '..',
			url: `http://127.0.0.1:${stackPort}/`,
			env: {
				MOSTRADOR_STACK_PORT: String(stackPort),
				MOSTRADOR_DB_PORT: String(stackPort + 1),
				// Where the stack takes mail in over SMTP: 54325 beside 54321, as the CLI lays its ports out.
				MOSTRADOR_SMTP_PORT: String(stackPort + 4),
				MOSTRADOR_STACK_DATA: `tests/.tmp/e2e-stack-${stackPort}`,
				// Every test signs its own people in from one address; the limits have their own test.
				MOSTRADOR_AUTH_RATE_LIMIT: '100000',
				// demo.sql's accounts, without the demo history (supabase/local/demo/): the tests make the
				// tickets, downloads and alerts they look for, and count them.
				MOSTRADOR_DEMO: 'off',
			},
			reuseExistingServer: !process.env.CI,
			timeout: 120_000,
		},
	],
});
