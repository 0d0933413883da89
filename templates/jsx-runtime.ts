// The JSX runtime a site's template overrides are compiled against (`hastscript/jsx-runtime`,
// see src/overrides/compile.ts): hastscript's, from wiredesk's bundle, so that an override loads
// no second copy of hastscript from `node_modules`.
export { Fragment, jsx, jsxDEV, jsxs } from 'hastscript/jsx-runtime';
