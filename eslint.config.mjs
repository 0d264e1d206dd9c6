import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Layers point down: app -> components -> lib. Other folders use provisioning through its index (or, in the browser,
// its client-safe face); inside it, model <- preflight <- steps <- catalogue <- engine <- registration and rotation.
const P = "./lib/provisioning";
const outerLayers = [
  {
    target: ["./components", "./lib"],
    from: "./app",
    message: "app/ is the top layer: pass what a component needs in from the page, or keep it in the feature.",
  },
  { target: "./lib", from: "./components", message: "lib/ is the bottom layer." },
  {
    target: ["./{app,components,bench,scripts,e2e,test,sandbox}/**/*", "./lib/!(provisioning)/**/*"],
    from: [`${P}/**/*`],
    except: [`**/lib/provisioning/{index,client-safe,test-support,rotation/rotation-test-support}.ts`],
    message: "import provisioning through @/lib/provisioning (browser code: @/lib/provisioning/client-safe).",
  },
];
// Tests may cross provisioning's inner layers (an engine test registers a tenant); code may not.
const innerLayers = [
  {
    target: `${P}/model`,
    from: [`${P}/preflight`, `${P}/steps`, `${P}/catalogue.ts`, `${P}/engine`, `${P}/registration`, `${P}/rotation`],
  },
  {
    target: `${P}/preflight`,
    from: [`${P}/steps`, `${P}/catalogue.ts`, `${P}/engine`, `${P}/registration`, `${P}/rotation`],
  },
  { target: `${P}/steps`, from: [`${P}/catalogue.ts`, `${P}/engine`, `${P}/registration`, `${P}/rotation`] },
  { target: `${P}/catalogue.ts`, from: [`${P}/engine`, `${P}/registration`, `${P}/rotation`] },
  { target: `${P}/engine`, from: [`${P}/registration`, `${P}/rotation`] },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      ".data-*/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import/no-restricted-paths": ["error", { zones: outerLayers }],
      "import/no-duplicates": "error",
    },
  },
  // More than three parameters read better as one options object with named fields (constructors included).
  { files: ["**/*.{ts,tsx,mts,cts}"], rules: { "max-params": ["error", 3] } },
  {
    files: ["**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    rules: { "import/no-restricted-paths": ["error", { zones: [...outerLayers, ...innerLayers] }] },
  },
];

export default config;
