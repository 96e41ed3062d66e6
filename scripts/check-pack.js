// Fails when `npm pack` would ship anything but dist/, README, LICENSE and package.json,
// or would ship a package.json with runtime dependencies.
const { execFileSync } = require('node:child_process');
const pkg = require('../package.json');

const [report] = JSON.parse(
	execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
);
const allowed = (path) =>
	path.startsWith('dist/') || ['README.md', 'LICENSE', 'package.json'].includes(path);
const unexpected = report.files.map((file) => file.path).filter((path) => !allowed(path));
const problems = [];
if (unexpected.length) problems.push(`unexpected files in the package: ${unexpected.join(', ')}`);
if (!report.files.some((file) => file.path === 'dist/nodes/SortedPro/SortedPro.node.js')) {
	problems.push('the built node is missing: run `npm run build` first');
}
if (Object.keys(pkg.dependencies ?? {}).length)
	problems.push('package.json has runtime dependencies');

if (problems.length) {
	console.error(`Package check failed:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(
	`Package check: ${report.files.length} files, only dist/, README.md, LICENSE and package.json.`,
);
