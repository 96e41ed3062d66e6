// Unit and engine tests: the built node inside n8n-core's engine, SortedPRO played by nock
// or loopback servers. Kept out of package.json, where n8n's scanner lints every string.
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	testTimeout: 30_000,
	setupFilesAfterEnv: ['<rootDir>/test/helpers/network.ts'],
};
