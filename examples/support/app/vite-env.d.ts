/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The local bot (default http://127.0.0.1:5678, the one `npm run demo` starts). */
  readonly VITE_BOT_URL?: string;
  /** @cwp/server for managed mode (default http://127.0.0.1:8787). */
  readonly VITE_CWP_SERVER_URL?: string;
  /** A widget on that server; managed mode is offered only with one. */
  readonly VITE_CWP_WIDGET_ID?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
