import { defineConfig } from 'vite';

// The renderer: plain Vite (JSX via esbuild, jsx: react-jsx); relative asset paths so the
// same build loads from file:// in Electron and from the Node host.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome130',
  },
  esbuild: { jsx: 'automatic' },
});
