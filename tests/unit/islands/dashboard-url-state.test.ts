import { afterEach, describe, expect, it, vi } from 'vitest';
import { readUrl, writeUrl } from '../../../src/islands/dashboard/url-state.ts';

describe('readUrl', () => {
	it('reads organisation and months from the address', () => {
		expect(readUrl('?org=7d1c&from=2026-01&to=2026-06')).toEqual({ organisation: '7d1c', from: '2026-01', to: '2026-06' });
	});

	it('reads an empty organisation as every organisation, and missing months as null', () => {
		expect(readUrl('?org=')).toEqual({ organisation: null, from: null, to: null });
		expect(readUrl('')).toEqual({ organisation: null, from: null, to: null });
	});
});

describe('writeUrl', () => {
	afterEach(() => vi.unstubAllGlobals());

	function browser(pathname: string, search: string) {
		const pushState = vi.fn();
		vi.stubGlobal('location', { pathname, search });
		vi.stubGlobal('history', { pushState });
		return pushState;
	}

	it('pushes the view as a new history entry', () => {
		const pushState = browser('/panel/', '');
		writeUrl({ organisation: 'abc', from: '2026-01', to: '2026-06' });
		expect(pushState).toHaveBeenCalledWith(null, '', '/panel/?org=abc&from=2026-01&to=2026-06');
	});

	it('leaves the organisation out for every organisation', () => {
		const pushState = browser('/en/panel/', '?org=abc&from=2026-01&to=2026-06');
		writeUrl({ organisation: null, from: '2026-01', to: '2026-06' });
		expect(pushState).toHaveBeenCalledWith(null, '', '/en/panel/?from=2026-01&to=2026-06');
	});

	it('adds no history entry when the address already says the same', () => {
		const pushState = browser('/panel/', '?org=abc&from=2026-01&to=2026-06');
		writeUrl({ organisation: 'abc', from: '2026-01', to: '2026-06' });
		expect(pushState).not.toHaveBeenCalled();
	});
});
