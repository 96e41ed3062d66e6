/**
 * Loaded before every test file (jest setupFilesAfterEnv): nock stands in for SortedPRO
 * and every other network call fails. Each test file gets its own copy of nock, but
 * they all patch the one process-wide http module, so each file's copy is removed
 * when the file ends; otherwise the next file in the same worker would see both.
 */
import nock from 'nock';

beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
});

afterEach(() => {
	nock.cleanAll();
});

afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});
