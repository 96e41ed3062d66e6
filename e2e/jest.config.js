// End-to-end tests: the package inside the real n8n (n8n-app/), against the simulator.
// Slow (the first run installs n8n), so separate from the unit tests: npm run test:e2e.
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	testTimeout: 20 * 60_000,
	maxWorkers: 1,
};
