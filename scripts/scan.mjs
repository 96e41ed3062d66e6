#!/usr/bin/env node
/**
 * `npm run scan`: n8n's verification gate, run here the way n8n runs it. n8n scans a
 * community package with @n8n/scan-community-package twice: the source its npm provenance
 * points at (package.json and nodes/, credentials/) and the published tarball (its .js
 * files and package.json), with inline eslint-disable comments ignored. This script runs
 * the scanner's own `analyzePackage` on this checkout and on `npm pack`'s tarball, and
 * also counts warnings with the scanner's own config: any error or warning fails.
 *
 * Needs a build (dist/) for the tarball leg: `npm run build` first (npm test does).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scannerDir = path.dirname(require.resolve('@n8n/scan-community-package/package.json'));
const scanner = await import(path.join(scannerDir, 'scanner', 'scanner.mjs'));
// The scanner's own ESLint and file finder, so that both counts use what it uses.
const scannerRequire = createRequire(path.join(scannerDir, 'scanner', 'scanner.mjs'));
const { ESLint } = scannerRequire('eslint');
const glob = scannerRequire('fast-glob');

/** Lints `patterns` of `dir` with the scanner's config and options; returns problems and output. */
async function lintLikeTheScanner(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const formatter = await eslint.loadFormatter('stylish');
	return {
		files: files.length,
		errors: results.reduce((sum, result) => sum + result.errorCount, 0),
		warnings: results.reduce((sum, result) => sum + result.warningCount, 0),
		report: await formatter.format(results),
	};
}

async function scanLeg(name, dir, patterns) {
	const verdict = await scanner.analyzePackage(dir, patterns);
	const counted = await lintLikeTheScanner(dir, patterns);
	const passed =
		verdict.passed && counted.errors === 0 && counted.warnings === 0 && counted.files > 0;
	console.log(
		`${passed ? 'ok  ' : 'FAIL'} ${name}: ${counted.files} files, ${counted.errors} errors, ${counted.warnings} warnings` +
			(verdict.passed ? '' : ` (scanner: ${verdict.message})`),
	);
	if (!passed) console.log(counted.report || verdict.details || '');
	return passed;
}

/** Packs the package as `npm publish` would and unpacks it into a temporary folder. */
function packTarball() {
	if (!fs.existsSync(path.join(ROOT, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` before `npm run scan`.');
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-scan-'));
	const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
	const [{ filename }] = JSON.parse(pack.stdout);
	const unpacked = path.join(dir, 'package');
	fs.mkdirSync(unpacked);
	const untar = spawnSync('tar', [
		'-xzf',
		path.join(dir, filename),
		'-C',
		unpacked,
		'--strip-components=1',
	]);
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	return { dir, unpacked };
}

const tarball = packTarball();
try {
	const source = await scanLeg(
		'source (package.json, nodes/, credentials/)',
		ROOT,
		scanner.SOURCE_FILE_PATTERNS,
	);
	const packed = await scanLeg('packed tarball (.js files, package.json)', tarball.unpacked, [
		'**/*.js',
		'package.json',
	]);
	if (!source || !packed) {
		console.log(
			"n8n's community-package scan failed: fix the problems above (inline disables do not count).",
		);
		process.exit(1);
	}
	console.log("n8n's community-package scan passed on both legs: 0 errors, 0 warnings.");
} finally {
	fs.rmSync(tarball.dir, { recursive: true, force: true });
}
