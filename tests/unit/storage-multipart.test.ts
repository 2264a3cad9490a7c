import { describe, expect, it } from 'vitest';
import { firstFile } from '../../supabase/local/storage/multipart.ts';

const form = (fd: FormData) => {
	const req = new Request('http://local/upload', { method: 'POST', body: fd });
	return [req.body!, req.headers.get('content-type')!] as const;
};
const raw = (text: string, boundary = 'BB') => [new Response(text).body!, `multipart/form-data; boundary=${boundary}`] as const;

describe('storage multipart uploads', () => {
	it('takes the fields before the first file and streams that file', async () => {
		const fd = new FormData();
		fd.append('cacheControl', '3600');
		fd.append('metadata', '{"a":1}');
		fd.append('', new Blob(['hello world'], { type: 'image/png' }), 'x.png');
		fd.append('after', 'ignored');
		const part = await firstFile(...form(fd));
		expect(part?.fields).toEqual({ cacheControl: '3600', metadata: '{"a":1}' });
		expect(part?.contentType).toBe('image/png');
		expect(await new Response(part!.stream).text()).toBe('hello world');
	});

	it('defaults the part type to text/plain and has no file without a file part or a boundary', async () => {
		const part = await firstFile(...raw('--BB\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\nabc\r\n--BB--\r\n'));
		expect(part?.contentType).toBe('text/plain');
		expect(await new Response(part!.stream).text()).toBe('abc');
		const fd = new FormData();
		fd.append('a', 'b');
		expect(await firstFile(...form(fd))).toBeUndefined();
		expect(await firstFile(new Response('x').body!, 'multipart/form-data')).toBeUndefined();
	});

	it('answers 400 to a truncated body or an oversized field', async () => {
		const part = await firstFile(...raw('--BB\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\npartial'));
		await expect(new Response(part!.stream).text()).rejects.toMatchObject({ status: 400, message: /Malformed multipart body/ });
		const big = `--BB\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${'x'.repeat(3 * 1024 * 1024)}\r\n--BB--\r\n`;
		await expect(firstFile(...raw(big))).rejects.toMatchObject({ status: 400, message: /too large/ });
	});
});
