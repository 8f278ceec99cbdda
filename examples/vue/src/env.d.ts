/// <reference path="../../support/app/vite-env.d.ts" />

// tsc does not read .vue files: their types come from plugin-vue at build time.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';

  const component: DefineComponent;
  export default component;
}
