import { defineConfig } from 'vite';

// One bundle for the browser (served by `kirinuki serve`) and the Electron renderer (loaded from
// file://, hence relative asset paths). React's JSX needs no plugin: esbuild's automatic runtime.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  esbuild: { jsx: 'automatic', jsxDev: false },
  // React's production build even when the build runs inside vitest (which sets NODE_ENV=test).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
});
