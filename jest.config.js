/** One jest, four layers: each layer is a project so `npm test` runs them in order of cost. */
const swc = [
  '@swc/jest',
  {
    jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } },
    module: { type: 'commonjs' },
  },
];
const base = { transform: { '^.+\\.(ts|tsx)$': swc }, testEnvironment: 'node', moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' } };

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'cloud',
      testMatch: ['<rootDir>/tests/cloud/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/support/network-guard.cjs'],
      globalSetup: '<rootDir>/tests/support/build-functions.global-setup.ts',
    },
    { ...base, displayName: 'weapp', testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'] },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/support/network-guard.cjs'],
      globalSetup: '<rootDir>/tests/support/build-functions.global-setup.ts',
    },
  ],
};
