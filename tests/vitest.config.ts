import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		root: new URL('..', import.meta.url).pathname,
		include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/contract/**/*.test.ts'],
		// One PostgreSQL with a migrated template database each db test file clones; one local stack
		// (or a real Supabase) for the contract suite.
		globalSetup: ['tests/db/global-setup.ts', 'tests/contract/global-setup.ts'],
		testTimeout: 20_000,
		hookTimeout: 60_000,
	},
});
