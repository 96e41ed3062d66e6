// End-to-end tests: the package inside the real n8n (n8n-app/), against the simulator.
// Slow (the first run installs n8n), so separate from the unit tests: npm run test:e2e.
// Plain JavaScript: it drives n8n, the simulator and a browser with Node's own modules.
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['**/*.e2e.test.js'],
	testTimeout: 20 * 60_000,
	maxWorkers: 1,
};
