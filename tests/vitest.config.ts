import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		root: new URL('..', import.meta.url).pathname,
		include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts', 'tests/db/**/*.test.ts'],
		// One PostgreSQL for the run, with a migrated template database each db test file clones.
		globalSetup: ['tests/db/global-setup.ts'],
		testTimeout: 20_000,
		hookTimeout: 60_000,
	},
});
