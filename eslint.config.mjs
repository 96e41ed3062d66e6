// Lints what n8n's community-package scanner checks: the node, the credential and
// package.json, with eslint-plugin-n8n-nodes-base (community, credentials, nodes rule
// sets) and @n8n/eslint-plugin-community-nodes (recommended = n8n Cloud rules).
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const sourceFiles = ['nodes/**/*.ts', 'credentials/**/*.ts'];

export default [
	{
		ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/**', 'simulator/**', 'scripts/**', 'bench/**', 'e2e/**', '*.js', '*.mjs'],
	},
	{
		files: sourceFiles,
		languageOptions: { parser: tseslint.parser, sourceType: 'module' },
		...n8nCommunityNodesPlugin.configs.recommended,
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tseslint.parser, sourceType: 'module' },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// This rule wants an n8n docs slug (camelCase), which only n8n's own credentials
			// have; the scanner's credential-documentation-url rule accepts our README URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tseslint.parser, sourceType: 'module' },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two want the string literal ['main'], which the scanner's own
			// node-connection-type-literal rule forbids in favour of NodeConnectionTypes.Main.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// The typescript-eslint parser reads package.json as a JSON expression, which is
		// the AST shape the community-package-json rules expect.
		files: ['package.json'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
];
