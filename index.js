// n8n finds this package's node and credential through the "n8n" block of
// package.json, never through an entry point, so the published package has none
// (npm pack ships only dist/). This file only makes `require()` of a checkout work.
module.exports = {};
