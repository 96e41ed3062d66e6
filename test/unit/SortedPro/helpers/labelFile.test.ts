/** The label file rules: formats, signatures, MIME types and safe file names. */
import {
	isFormatOption,
	readLabelFile,
	safeFileName,
} from '../../../../nodes/SortedPro/helpers/labelFile';
import { smallPdf, smallPng } from '../../../../simulator/files';

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const zpl = '^XA^FO50,50^FDEC-1^FS^XZ';

describe('readLabelFile', () => {
	test('each format is recognised by its first bytes and stored under its MIME type', () => {
		expect(readLabelFile(b64(smallPdf()), 'application/pdf', 'PDF')).toMatchObject({
			ok: true,
			mimeType: 'application/pdf',
			extension: 'pdf',
		});
		expect(readLabelFile(b64(smallPng(2, 2)), undefined, 'PNG')).toMatchObject({
			ok: true,
			mimeType: 'image/png',
			extension: 'png',
		});
		expect(readLabelFile(b64(zpl), undefined, 'ZPLII')).toMatchObject({
			ok: true,
			mimeType: 'application/zpl',
			extension: 'zpl',
		});
		expect(readLabelFile(b64(zpl), 'application/x-zpl', 'ZPL')).toMatchObject({
			ok: true,
			mimeType: 'application/x-zpl',
		});
	});

	test('the account default format is read from the bytes', () => {
		expect(readLabelFile(b64(smallPng(1, 1)), '', 'default')).toMatchObject({
			ok: true,
			extension: 'png',
		});
		expect(readLabelFile(b64(zpl), '', 'default')).toMatchObject({ ok: true, extension: 'zpl' });
	});

	test("SortedPRO's MIME type is replaced when it is not a label type of that format", () => {
		expect(readLabelFile(b64(smallPdf()), 'text/html', 'PDF')).toMatchObject({
			ok: true,
			mimeType: 'application/pdf',
		});
		expect(readLabelFile(b64(smallPdf()), 'image/png', 'default')).toMatchObject({
			ok: true,
			mimeType: 'application/pdf',
		});
		expect(readLabelFile(b64(zpl), 'text/plain', 'ZPL')).toMatchObject({
			ok: true,
			mimeType: 'application/zpl',
		});
	});

	test.each([
		['no file', undefined, 'PDF', 'held no label file'],
		['an empty file', '', 'PDF', 'held no label file'],
		['a file that is not base64', '%%%not-base64%%%', 'PDF', 'not valid base64'],
		['a file of one byte ("A")', 'A', 'PDF', 'not valid base64'],
		['a file too small to be a label', b64('%PDF-1'), 'PDF', 'of only 6 bytes'],
		['a PNG asked for as PDF', b64(smallPng(2, 2)), 'PDF', 'not a PDF label'],
		[
			'an HTML page asked for as ZPL',
			b64('<html><body>^XA Sign in</body>\u0000</html>'),
			'ZPL',
			'not a ZPL label',
		],
		[
			'unknown bytes for the default format',
			b64(Buffer.alloc(64, 7)),
			'default',
			'not a PDF, PNG or ZPL label',
		],
	])('%s is refused', (_case, file, format, problem) => {
		const result = readLabelFile(file, 'application/pdf', format);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problem).toContain(problem);
	});
});

describe('isFormatOption', () => {
	test('only the offered values', () => {
		for (const format of ['default', 'PDF', 'PNG', 'ZPL', 'ZPLII'])
			expect(isFormatOption(format)).toBe(true);
		for (const format of ['..', '', 'pdf', 'constructor', '__proto__', 'PDF/../x'])
			expect(isFormatOption(format)).toBe(false);
	});
});

describe('safeFileName', () => {
	test('keeps a normal reference', () => {
		expect(safeFileName('EC-000-05B-MMA', 'pdf')).toBe('EC-000-05B-MMA.pdf');
	});

	test('removes control and bidi characters, path separators and leading dots', () => {
		expect(safeFileName('EC-1\u202Efdp.exe', 'pdf')).toBe('EC-1fdp.exe.pdf');
		expect(safeFileName('a\u0000b\u0007c\u2066d\u200Fe', 'png')).toBe('abcde.png');
		expect(safeFileName('../../etc/passwd', 'zpl')).toBe('etc_passwd.zpl');
		expect(safeFileName('C:\\x\\y z', 'pdf')).toBe('C_x_y_z.pdf');
		expect(safeFileName('\u202E', 'pdf')).toBe('label.pdf');
		expect(safeFileName('x'.repeat(300), 'pdf')).toHaveLength(104);
	});
});
