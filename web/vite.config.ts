import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes `.br` and `.gz` beside every built file worth compressing, once at build time, at the highest levels:
 * the server sends them as they are (@fastify/static `preCompressed`), spending no CPU per request.
 */
function precompress(): Plugin {
  return {
    name: 'fangyi-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((f) => {
          const p = path.join(dir, f);
          return statSync(p).isDirectory() ? walk(p) : [p];
        });
      for (const file of walk(path.resolve(__dirname, 'dist'))) {
        if (!/\.(js|css|html|svg|json)$/.test(file) || statSync(file).size < 1024) continue;
        const data = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * Libraries in chunks of their own: they change less often than the console, so browsers keep them longer.
 * Ant Design is left to the bundler: the components only later pages use load with those pages, so the login
 * form waits only for the few it draws.
 */
const VENDOR: [string, RegExp][] = [
  ['react', /node_modules\/(react|react-dom|react-router|react-router-dom|scheduler|@tanstack)\//],
  ['echarts', /node_modules\/(echarts|zrender)\//],
  ['cytoscape', /node_modules\/(cytoscape[^/]*|dagre|elkjs)\//],
];

export default defineConfig({
  root: 'web',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: (id) => VENDOR.find(([, re]) => re.test(id))?.[0],
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000' } },
});
