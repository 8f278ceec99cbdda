/// <reference types="svelte" />
/// <reference path="../../support/app/vite-env.d.ts" />
