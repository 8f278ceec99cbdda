/**
 * The one stylesheet for every renderer. Every selector is anchored on `[data-scope="cwp"]`, so it
 * styles nothing else on a page; `--cwp-*` custom properties (and `config.theme.tokens`, set on the
 * root as `--cwp-<token>`) theme it. Layout that a hostile host page could break in light-DOM mode
 * is marked `!important`. Split in two so the embed loader ships only what draws the bubble.
 */

const s = '[data-scope="cwp"]';
const p = (part: string) => `${s}[data-part="${part}"]`;
const root = p('root');

/** Root, theme, bubble, unread badge and tooltip: what a closed floating widget shows. */
export const bubbleStylesheet = `
:host{all:initial!important;display:contents!important}
${s}[hidden]:not(#cwp-none){display:none!important}
${root}{
--_primary:var(--cwp-primary,#2563eb);
--_on-primary:var(--cwp-primary-text,#fff);
--_bg:var(--cwp-background,#fff);
--_surface:var(--cwp-surface,#f3f4f6);
--_text:var(--cwp-text,#111827);
--_muted:var(--cwp-muted,#4b5563);
--_border:var(--cwp-border,#d1d5db);
--_user-bg:var(--cwp-user-background,var(--_primary));
--_user-text:var(--cwp-user-text,var(--_on-primary));
--_bot-bg:var(--cwp-bot-background,var(--_surface));
--_bot-text:var(--cwp-bot-text,var(--_text));
--_danger:var(--cwp-danger,#b91c1c);
--_link:var(--cwp-link,#1d4ed8);
--_focus:var(--cwp-focus,#2563eb);
--_radius:var(--cwp-radius,16px);
--_font:var(--cwp-font-family,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
--_size:var(--cwp-font-size,15px);
--_bubble:var(--cwp-bubble-size,56px);
--_offset:var(--cwp-offset,20px);
--_z:var(--cwp-z-index,2147483000);
--_shadow:var(--cwp-shadow,0 8px 30px rgb(0 0 0/.18));
--_speed:var(--cwp-transition,.18s);
color-scheme:light;
font-family:var(--_font);font-size:var(--_size);line-height:1.45;color:var(--_text);
text-align:start;box-sizing:border-box;-webkit-text-size-adjust:100%;
}
${root}[data-theme="dark"]{
--_bg:var(--cwp-background,#111827);--_surface:var(--cwp-surface,#1f2937);--_text:var(--cwp-text,#f3f4f6);
--_muted:var(--cwp-muted,#9ca3af);--_border:var(--cwp-border,#374151);--_link:var(--cwp-link,#93c5fd);
--_danger:var(--cwp-danger,#fca5a5);--_focus:var(--cwp-focus,#93c5fd);color-scheme:dark}
@media (prefers-color-scheme:dark){${root}:not([data-theme="light"]){
--_bg:var(--cwp-background,#111827);--_surface:var(--cwp-surface,#1f2937);--_text:var(--cwp-text,#f3f4f6);
--_muted:var(--cwp-muted,#9ca3af);--_border:var(--cwp-border,#374151);--_link:var(--cwp-link,#93c5fd);
--_danger:var(--cwp-danger,#fca5a5);--_focus:var(--cwp-focus,#93c5fd);color-scheme:dark}}
${s},${s}::before,${s}::after,${s} *,${s} *::before,${s} *::after{box-sizing:border-box}
${s}:focus-visible{outline:2px solid var(--_focus)!important;outline-offset:2px}
${root}[data-type="floating"]{position:fixed!important;inset-block-end:var(--_offset)!important;inset-inline-end:var(--_offset)!important;z-index:var(--_z)!important;display:flex!important;flex-direction:column!important;align-items:flex-end!important;gap:12px;width:auto!important;height:auto!important;pointer-events:none!important}
${root}[data-type="floating"][data-position="bottom-left"]{inset-inline-end:auto!important;inset-inline-start:var(--_offset)!important;align-items:flex-start!important}
${root}[data-type="floating"]>*{pointer-events:auto!important}
${p('bubble')}{all:unset;order:3;position:relative!important;display:inline-flex!important;align-items:center!important;justify-content:center!important;box-sizing:border-box!important;width:var(--_bubble)!important;height:var(--_bubble)!important;min-width:var(--_bubble)!important;padding:0!important;margin:0!important;border:0!important;border-radius:50%!important;background:var(--_primary)!important;color:var(--_on-primary)!important;box-shadow:var(--_shadow);cursor:pointer!important;visibility:visible!important;opacity:1!important;transition:transform var(--_speed)}
${p('bubble')}:hover{transform:scale(1.05)}
${p('bubble')} svg+svg,${p('bubble')}[data-state="open"] svg:first-child{display:none}
${p('bubble')}[data-state="open"] svg+svg{display:block}
${p('bubble')} svg{width:28px;height:28px;fill:currentColor;display:block}
${p('unread-badge')}{position:absolute!important;inset-block-start:-4px;inset-inline-end:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:var(--_danger);color:#fff;font:600 12px/20px var(--_font);text-align:center}
${root}[data-theme="dark"] ${p('unread-badge')}{background:#b91c1c}
${p('tooltip')}{order:2;position:relative;display:flex!important;align-items:center;gap:8px;max-width:260px;padding:10px 12px;border-radius:12px;background:var(--_bg);color:var(--_text);box-shadow:var(--_shadow);border:1px solid var(--_border);cursor:pointer}
${p('tooltip-close')}{all:unset;display:inline-flex!important;align-items:center;justify-content:center;width:24px;height:24px;border-radius:50%;color:var(--_muted);cursor:pointer;flex:none}
${p('tooltip-close')} svg{width:16px;height:16px;fill:currentColor}
@media (prefers-reduced-motion:reduce){${s},${s} *{transition:none!important;animation:none!important}}
`;

/** The window and everything in it. */
export const windowStylesheet = `
${p('window')}{display:flex!important;flex-direction:column!important;overflow:hidden!important;background:var(--_bg)!important;color:var(--_text);border:1px solid var(--_border);border-radius:var(--_radius);box-shadow:var(--_shadow);visibility:visible!important;opacity:1!important}
${root}[data-type="floating"] ${p('window')}{order:1;width:min(380px,calc(100vw - 2 * var(--_offset)))!important;height:min(600px,calc(100vh - var(--_bubble) - 3 * var(--_offset)))!important;animation:cwp-in var(--_speed) ease-out}
${root}[data-type="inline"]{position:relative!important;display:block!important;width:100%!important;height:100%!important;min-height:320px}
${root}[data-type="inline"] ${p('window')}{width:100%!important;height:100%!important;box-shadow:none}
${root}[data-type="fullscreen"]{position:fixed!important;inset:0!important;z-index:var(--_z)!important;display:block!important;width:100%!important;height:100%!important;background:var(--_bg)}
${root}[data-type="fullscreen"] ${p('window')}{width:100%!important;height:100%!important;border:0;border-radius:0;box-shadow:none}
@media (max-width:479.98px){
${root}[data-type="floating"][data-state="open"]{inset:0!important;gap:0}
${root}[data-type="floating"][data-state="open"] ${p('window')}{width:100%!important;height:100%!important;border:0;border-radius:0}
${root}[data-type="floating"][data-state="open"] ${p('bubble')}{display:none!important}}
@keyframes cwp-in{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}
${p('header')}{display:flex!important;align-items:center;gap:10px;padding:12px 14px;background:var(--_primary);color:var(--_on-primary);flex:none}
${p('avatar')}{width:36px;height:36px;border-radius:50%;object-fit:cover;flex:none}
${p('header')}>div{flex:1;min-width:0;display:flex;flex-direction:column}
${p('title')}{font-weight:600;font-size:1.05em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
${p('subtitle')}{font-size:.85em;opacity:.92}
${p('status')}{display:inline-flex;align-items:center;gap:6px;font-size:.8em}
${p('status')}::before{content:"";width:8px;height:8px;border-radius:50%;background:#4ade80}
${p('status')}[data-status="offline"]::before{background:#d1d5db}
${p('close-button')},${p('new-session-button')}{all:unset;display:inline-flex!important;align-items:center;justify-content:center;width:32px;height:32px;border-radius:8px;color:inherit;cursor:pointer;flex:none}
${p('close-button')}:hover,${p('new-session-button')}:hover{background:rgb(255 255 255/.16)}
${p('header')} svg{width:20px;height:20px;fill:currentColor}
${p('messages')}{flex:1 1 auto;min-height:0;overflow-y:auto!important;overscroll-behavior:contain;padding:14px;display:flex!important;flex-direction:column;gap:10px;background:var(--_bg)}
${p('message')}{display:flex!important;flex-direction:column;max-width:85%;align-self:flex-start;align-items:flex-start;gap:4px}
${p('message')}[data-role="user"]{align-self:flex-end;align-items:flex-end}
${p('message-content')}{padding:9px 13px;border-radius:14px;background:var(--_bot-bg);color:var(--_bot-text);overflow-wrap:anywhere;word-break:break-word;white-space:normal;max-width:100%}
${p('message')}[data-role="user"] ${p('message-content')}{background:var(--_user-bg);color:var(--_user-text);white-space:pre-wrap}
${p('message')}[data-status="failed"] ${p('message-content')}{opacity:.85;outline:1px dashed var(--_danger)}
${p('message-content')}>:first-child{margin-block-start:0}
${p('message-content')}>:last-child{margin-block-end:0}
${p('message-content')} p,${p('message-content')} ul,${p('message-content')} ol,${p('message-content')} pre,${p('message-content')} blockquote{margin-block:0 .6em;margin-inline:0}
${p('message-content')} ul,${p('message-content')} ol{padding-inline-start:1.3em}
${p('message-content')} code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;background:rgb(127 127 127/.16);border-radius:4px;padding:.1em .3em}
${p('message-content')} pre{overflow-x:auto;padding:8px 10px;border-radius:8px;background:rgb(127 127 127/.16);white-space:pre}
${p('message-content')} pre code{background:none;padding:0}
${p('message-content')} blockquote{border-inline-start:3px solid var(--_border);padding-inline-start:10px;color:var(--_muted)}
${p('message-content')} a{color:var(--_link);text-decoration:underline}
${p('message-content')} img{max-width:100%;height:auto;border-radius:8px}
${p('message-content')} [data-heading]{font-size:1.05em}
${p('message-status')}{font-size:.8em;color:var(--_danger)}
${p('retry-button')}{all:unset;display:inline-flex!important;align-items:center;gap:4px;padding:2px 10px;border-radius:999px;border:1px solid var(--_border);color:var(--_text);background:var(--_bg);font-size:.85em;cursor:pointer}
${p('retry-button')}[disabled]{opacity:.55;cursor:default}
${p('typing')}{display:inline-flex!important;align-self:flex-start;gap:4px;padding:12px 14px;border-radius:14px;background:var(--_bot-bg)}
${p('typing')} span{width:7px;height:7px;border-radius:50%;background:var(--_muted);animation:cwp-dot 1.2s infinite ease-in-out}
${p('typing')} span:nth-child(2){animation-delay:.15s}
${p('typing')} span:nth-child(3){animation-delay:.3s}
@keyframes cwp-dot{0%,80%,100%{opacity:.3;transform:none}40%{opacity:1;transform:translateY(-3px)}}
${p('error')}{margin:0 14px 8px;padding:8px 12px;border-radius:8px;border:1px solid var(--_danger);color:var(--_danger);background:var(--_bg);font-size:.9em}
${p('composer')}{display:flex!important;align-items:flex-end;gap:8px;padding:10px 12px;border-block-start:1px solid var(--_border);background:var(--_bg);margin:0;flex:none}
${p('input')}{all:unset;flex:1;min-width:0;display:block!important;min-height:24px;max-height:140px;padding:8px 10px;border:1px solid var(--_border);border-radius:10px;background:var(--_bg);color:var(--_text);font:inherit;white-space:pre-wrap;overflow-y:auto;resize:none;field-sizing:content;cursor:text}
${p('input')}::placeholder{color:var(--_muted);opacity:1}
${p('send-button')},${p('stop-button')}{all:unset;display:inline-flex!important;align-items:center;justify-content:center;width:40px;height:40px;border-radius:10px;background:var(--_primary);color:var(--_on-primary);cursor:pointer;flex:none}
${p('stop-button')}{background:var(--_surface);color:var(--_text);border:1px solid var(--_border)}
${p('send-button')}[disabled]{opacity:.5;cursor:default}
${p('send-button')} svg,${p('stop-button')} svg{width:20px;height:20px;fill:currentColor}
${p('footer')}{display:flex!important;flex-wrap:wrap;justify-content:center;gap:4px 12px;padding:6px 12px 8px;font-size:.75em;color:var(--_muted);background:var(--_bg);flex:none}
${p('footer-link')}{color:var(--_link);text-decoration:underline}
${s} [data-visually-hidden]{position:absolute!important;width:1px!important;height:1px!important;overflow:hidden!important;clip-path:inset(50%)!important;white-space:nowrap!important}
`;

/** The whole stylesheet, as the string shadow roots adopt; `dist/cwp.css` holds the same text. */
export const stylesheet = bubbleStylesheet + windowStylesheet;
