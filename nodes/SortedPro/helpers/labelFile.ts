/**
 * SortedPRO label files: which formats exist, how each one's bytes begin, and how a label
 * becomes a safe file. Pure functions, no n8n: the Get operation turns their answers
 * into errors and binary data.
 */

export interface LabelFormat {
	mimeType: string;
	extension: string;
	/** MIME types SortedPRO may send for this format, kept as sent. */
	mimeTypes: string[];
	/** Whether a decoded file's bytes are of this format. */
	matches(bytes: Buffer): boolean;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Tab, line feed, vertical tab, form feed and carriage return: the control bytes text may hold. */
const isTextByte = (byte: number) =>
	(byte >= 0x20 && byte !== 0x7f) || (byte >= 0x09 && byte <= 0x0d);

/** ZPL is printable text holding at least one label (^XA ... ^XZ). */
function isZpl(bytes: Buffer): boolean {
	return bytes.every(isTextByte) && /\^XA/i.test(bytes.toString('latin1'));
}

const PDF: LabelFormat = {
	mimeType: 'application/pdf',
	extension: 'pdf',
	mimeTypes: ['application/pdf'],
	matches: (bytes) => bytes.subarray(0, 1024).includes('%PDF-', 0, 'latin1'),
};
const PNG: LabelFormat = {
	mimeType: 'image/png',
	extension: 'png',
	mimeTypes: ['image/png'],
	matches: (bytes) => bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE),
};
const ZPL: LabelFormat = {
	mimeType: 'application/zpl',
	extension: 'zpl',
	mimeTypes: ['application/zpl', 'application/x-zpl', 'text/zpl', 'text/plain'],
	matches: isZpl,
};

/** The formats of the Format option; "default" lets SortedPRO pick the carrier's format. */
export const LABEL_FORMATS: Record<string, LabelFormat> = { PDF, PNG, ZPL, ZPLII: ZPL };
export const ACCOUNT_DEFAULT_FORMAT = 'default';

export function isFormatOption(value: string): boolean {
	return (
		value === ACCOUNT_DEFAULT_FORMAT || Object.prototype.hasOwnProperty.call(LABEL_FORMATS, value)
	);
}

const KNOWN = [PDF, PNG, ZPL];

/** Base64 text as bytes, or undefined when it is not base64. */
function decodeBase64(text: string): Buffer | undefined {
	if (!text || !/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
	return Buffer.from(text, 'base64');
}

/** Fewer bytes than this cannot be a printable label. */
export const MIN_LABEL_BYTES = 16;

export type LabelFileResult =
	| { ok: true; bytes: Buffer; mimeType: string; extension: string }
	| { ok: false; problem: string };

/**
 * Decodes SortedPRO's base64 `File` and checks that it is a label of the asked format
 * (or, for the account default, of any known format), with the MIME type to store it under:
 * SortedPRO's own when it names that format, otherwise the format's.
 */
export function readLabelFile(
	file: unknown,
	contentType: unknown,
	formatOption: string,
): LabelFileResult {
	const base64 = typeof file === 'string' ? file.replace(/\s+/g, '') : '';
	if (!base64) return { ok: false, problem: 'held no label file' };
	const once = decodeBase64(base64);
	if (!once) return { ok: false, problem: 'held a label file that is not valid base64' };
	const asked = LABEL_FORMATS[formatOption];
	const formatOf = (bytes: Buffer) =>
		asked
			? asked.matches(bytes)
				? asked
				: undefined
			: KNOWN.find((known) => known.matches(bytes));
	// SortedPRO's own documented label examples hold base64 of the base64 text of the file
	// (decoded once: "JVBERi0x…", twice: "%PDF-1.4"). The second decoding is used only when
	// the first is not the format and is itself base64 text whose decoding is.
	let bytes = once;
	let format = formatOf(once);
	if (!format) {
		const twice = decodeBase64(once.toString('latin1').replace(/\s+/g, ''));
		const inner = twice && formatOf(twice);
		if (twice && inner) [bytes, format] = [twice, inner];
	}
	if (bytes.length < MIN_LABEL_BYTES) {
		return { ok: false, problem: `held a label file of only ${bytes.length} bytes` };
	}
	if (!format) {
		return {
			ok: false,
			problem: asked
				? `held a file that is not a ${formatOption} label (its first bytes do not match)`
				: 'held a file that is not a PDF, PNG or ZPL label',
		};
	}
	const sent =
		typeof contentType === 'string' ? contentType.split(';')[0].trim().toLowerCase() : '';
	return {
		ok: true,
		bytes,
		mimeType: format.mimeTypes.includes(sent) && sent !== 'text/plain' ? sent : format.mimeType,
		extension: format.extension,
	};
}

/**
 * A reference as a file name: no path separators or characters file systems refuse, no
 * control or invisible formatting characters (such as right-to-left overrides, which can
 * disguise an extension), no leading dots, at most 100 characters.
 */
export function safeFileName(reference: string, extension: string): string {
	const base = reference
		.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
		.replace(/[\\/:*?"<>|\s]+/g, '_')
		.replace(/^[._]+/, '')
		.slice(0, 100);
	return `${base || 'label'}.${extension}`;
}
