// The GitHub workflows (.github/workflows/) checked by action-validator, the linter that installs from
// npm (GitHub's workflow schema from SchemaStore, plus the globs and paths it can check), so a typo in
// a key fails here and not on the first pull request. The pull-request workflow's steps are the
// README's commands.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const dir = '.github/workflows';
const workflows = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const validate = (file: string) => spawnSync(process.execPath, ['node_modules/@action-validator/cli/cli.mjs', file], { encoding: 'utf8' });

describe('GitHub workflows', () => {
	it('are the pull-request and deploy workflows', () => {
		expect(workflows.sort()).toEqual(['deploy-site.yml', 'pull-request.yml']);
	});

	it.each(workflows)('%s passes action-validator', (file) => {
		const r = validate(join(dir, file));
		expect(r.stdout + r.stderr).toBe('');
		expect(r.status).toBe(0);
	});

	it('action-validator refuses a workflow with a misspelt key (the check can fail)', () => {
		const broken = join(mkdtempSync(join(tmpdir(), 'workflow-')), 'broken.yml');
		writeFileSync(broken, readFileSync(join(dir, 'pull-request.yml'), 'utf8').replace(/^(\s+)steps:/m, '$1stepz:'));
		const r = validate(broken);
		expect(r.status).toBe(1);
		expect(r.stdout + r.stderr).toContain("Additional property 'stepz' is not allowed");
	});

	it('the pull-request workflow runs the README commands: npm ci, check:content, npm test, build', () => {
		const runs = [...readFileSync(join(dir, 'pull-request.yml'), 'utf8').matchAll(/^\s+(?:- )?run: (npm .+)$/gm)].map((m) => m[1]);
		expect(runs).toEqual(['npm ci', 'npm run check:content', 'npm test', 'npm run build']);
		const readme = readFileSync('README.md', 'utf8');
		for (const command of ['npm run check:content', 'npm test']) expect(readme).toContain(command);
	});
});
