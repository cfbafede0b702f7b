// Every test talks to a real PostgreSQL; see scripts/test.sh for the env it needs.
module.exports = {
  transform: {
    "^.+\\.[jt]s$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2021" } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["./integration-tests/setup.js"],
  testMatch: ["<rootDir>/integration-tests/**/*.spec.[jt]s"],
  // The package's install test (npm pack, a scratch store, npm install) takes
  // three minutes: `npm run test:package` runs it, and CI (.ci/run) after npm test.
  testPathIgnorePatterns: process.env.RB_TEST_PACKAGE === "1" ? ["/node_modules/"] : ["/node_modules/", "<rootDir>/integration-tests/package/"],
  testTimeout: 120000,
}
