import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'

export default defineConfig({
  plugins: [vue()],
  base: './',
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  clearScreen: false,
  // the core's desk and store sources are read by a test (every logged action has a label)
  server: { port: 1420, strictPort: true, fs: { allow: ['.', '../crates/pingshen-core/src/desk', '../crates/pingshen-core/src/store', '../tests'] } },
  build: { outDir: 'dist', target: 'es2021', chunkSizeWarningLimit: 2500 },
  test: { environment: 'happy-dom', include: ['src/**/*.test.ts'] },
})
