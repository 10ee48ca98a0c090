import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "node_modules", "src/api/schema.d.ts"] },
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-globals": ["error", { name: "localStorage", message: "The session lives in memory and sessionStorage only." }],
      "no-restricted-properties": ["error", { object: "window", property: "localStorage", message: "The session lives in memory and sessionStorage only." }],
    },
  },
);
