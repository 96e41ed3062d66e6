// n8n discovers this package's node and credential through the "n8n" block of
// package.json, not through this entry point; it exists so `require` of the
// package does not fail.
module.exports = {};
