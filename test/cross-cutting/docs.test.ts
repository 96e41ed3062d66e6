// The README is the entry page and the reference lives in docs/: the README stays short, every
// link between them resolves (files and #anchors), every docs page is reachable from the README,
// and the documentation links n8n shows in the editor name files that exist, without #fragments
// (n8n appends ?utm_source=… to them, which breaks a fragment). Plain files, no network; the
// file access is in test/helpers/local.js, as n8n's lint config forbids Node's modules here.
import {
	exists,
	fileSize,
	listFiles,
	listFilesDeep,
	readText,
	resolveLink,
} from '../helpers/local';

const README = 'README.md';
const REPO_BLOB = 'https://github.com/n8n-nodes-sortedpro/n8n-nodes-sortedpro/blob/main/';

const docsPages = () =>
	listFiles('docs')
		.filter((name) => name.endsWith('.md'))
		.map((name) => `docs/${name}`);

/** Markdown outside fenced code blocks and inline code, where links are links. */
function prose(markdown: string): string {
	return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation but `-` and spaces removed, spaces to `-`. */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\- _]/gu, '')
		.replace(/ /g, '-');
}

/** The anchors of a page's headings, numbered as GitHub numbers repeated ones (-1, -2…). */
function anchorsOf(file: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const match of readText(file)
		.replace(/^```[\s\S]*?^```/gm, '')
		.matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
		const base = slug(match[1].replace(/`/g, ''));
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count === 0 ? base : `${base}-${count}`);
	}
	return anchors;
}

/** Every link target in a page: [text](target) and ![alt](target), titles dropped. */
function linksOf(file: string): string[] {
	return [
		...prose(readText(file)).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g),
	].map((match) => match[1]);
}

const isRelative = (target: string) => !/^[a-z][a-z0-9+.-]*:/i.test(target);

describe('documentation', () => {
	const pages = [README, ...docsPages()];

	test('README.md is at most 20 KB', () => {
		expect(fileSize(README)).toBeLessThanOrEqual(20480);
	});

	test("the README keeps CI's test commands", () => {
		const readme = readText(README);
		for (const command of ['npm test', 'npm run test:e2e', 'npm run test:queue']) {
			expect(readme).toContain(command);
		}
	});

	test.each(pages)('every relative link in %s resolves, #anchors included', (file) => {
		const broken: string[] = [];
		for (const target of linksOf(file).filter(isRelative)) {
			const [filePart, anchor] = target.split('#', 2);
			const resolved = filePart ? resolveLink(file, decodeURI(filePart)) : file;
			if (resolved.startsWith('..') || !exists(resolved)) {
				broken.push(`${target}: no file ${resolved}`);
				continue;
			}
			if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
				broken.push(`${target}: no heading #${anchor} in ${resolved}`);
			}
		}
		expect(broken).toEqual([]);
	});

	test('every docs page is linked from the README', () => {
		const linked = new Set(
			linksOf(README)
				.filter(isRelative)
				.map((target) => resolveLink(README, decodeURI(target.split('#')[0]))),
		);
		expect(docsPages().filter((page) => !linked.has(page))).toEqual([]);
	});

	test("the editor's documentation links name files of the repository, without #fragments", () => {
		const sources = [
			...listFilesDeep('nodes').filter((file) => file.endsWith('.json')),
			...listFilesDeep('credentials').filter((file) => file.endsWith('.ts')),
		];
		const urls = sources.flatMap((file) =>
			[
				...readText(file).matchAll(
					/https:\/\/github\.com\/n8n-nodes-sortedpro\/n8n-nodes-sortedpro[^\s'"`)]*/g,
				),
			].map((match) => ({ file, url: match[0] })),
		);
		// Both nodes' credential and primary documentation, and the credential's documentationUrl.
		expect(urls.length).toBeGreaterThanOrEqual(5);
		const wrong = urls.filter(
			({ url }) =>
				url.includes('#') || !url.startsWith(REPO_BLOB) || !exists(url.slice(REPO_BLOB.length)),
		);
		expect(wrong).toEqual([]);
	});
});
