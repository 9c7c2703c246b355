import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath, URL } from 'node:url'
import { entryBudget } from './build/entryBudget'

export default defineConfig(({ mode }) => ({
  plugins: [
    vue(),
    // Element Plus on demand: each <el-*> a template uses is imported there with its CSS, so the
    // first script holds only what the launch and login pages need (the programmatic ElMessage and
    // ElMessageBox get their CSS in main.ts). Only Element Plus: the project's own components stay
    // imported by hand (`dirs: []`), and no generated declarations file (`dts: false`). Under Vitest
    // without the CSS (Node cannot import a .css file from node_modules; the tests read no style).
    Components({ dirs: [], dts: false, resolvers: [ElementPlusResolver({ importStyle: mode === 'test' ? false : 'css' })] }),
    // the first script stays under 400 KB (`vite build` fails otherwise)
    entryBudget(),
  ],
  base: './',
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  clearScreen: false,
  // the core's desk and store sources are read by a test (every logged action has a label)
  server: { port: 1420, strictPort: true, fs: { allow: ['.', '../crates/pingshen-core/src/desk', '../crates/pingshen-core/src/store', '../tests'] } },
  build: { outDir: 'dist', target: 'es2021', chunkSizeWarningLimit: 2500 },
  test: { environment: 'happy-dom', include: ['src/**/*.test.ts', 'build/**/*.test.ts'] },
}))
