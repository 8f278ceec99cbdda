import { icon, p, root } from './selectors.js';

/**
 * The window and everything in it. A fullscreen widget keeps a readable column on a wide screen
 * (centred, its bubbles no longer than a comfortable line). `display` is `!important` on every part
 * so a host page rule like `div{display:none!important}` cannot hide them in light-DOM mode.
 */
export const windowStylesheet = `
${p('window')}{display:flex!important;flex-direction:column!important;overflow:hidden!important;background:var(--_bg)!important;color:var(--_text);border:1px solid var(--_border);border-radius:var(--_radius);box-shadow:var(--_shadow);visibility:visible!important;opacity:1!important}
${root}[data-type="floating"] ${p('window')}{order:1;width:min(var(--cwp-window-width,380px),calc(100vw - 2 * var(--_offset)))!important;height:min(var(--cwp-window-height,600px),calc(100vh - var(--_bubble) - 3 * var(--_offset)))!important;animation:cwp-in var(--_speed) ease-out}
${root}[data-type="inline"]{position:relative!important;display:block!important;width:100%!important;height:100%!important;min-height:320px}
${root}[data-type="inline"] ${p('window')}{width:100%!important;height:100%!important;box-shadow:none}
${root}[data-type="fullscreen"]{position:fixed!important;inset:0!important;z-index:var(--_z)!important;display:block!important;width:100%!important;height:100%!important;background:var(--_bg)}
${root}[data-type="fullscreen"] ${p('window')}{width:100%!important;height:100%!important;border:0;border-radius:0;box-shadow:none}
${root}[data-type="fullscreen"] ${p('messages')},${root}[data-type="fullscreen"] ${p('composer')}{padding-inline:max(14px,calc((100% - 800px) / 2))}
${root}[data-type="fullscreen"] ${p('message')}{max-width:min(85%,680px)}
@media (max-width:479.98px){
${root}[data-type="floating"][data-state="open"]{inset:0!important;display:block!important}
${root}[data-type="floating"][data-state="open"] ${p('window')}{width:100%!important;height:100%!important;border:0;border-radius:0}
${root}[data-type="floating"][data-state="open"] ${p('bubble')}{display:none!important}}
@keyframes cwp-in{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}
${p('header')}{display:flex!important;align-items:center;gap:10px;padding:12px 14px;background:var(--_primary);color:var(--_on-primary);flex:none}
${p('avatar')}{display:block!important;width:36px;height:36px;border-radius:50%;object-fit:cover;flex:none}
${p('header-text')}{flex:1;min-width:0;display:flex!important;flex-direction:column}
${p('title')}{font-weight:600;font-size:1.05em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
${p('subtitle')}{font-size:.85em;opacity:.92}
${p('status')}{display:inline-flex!important;align-items:center;gap:6px;font-size:.8em}
${p('status')}::before{content:"";width:8px;height:8px;border-radius:50%;background:#4ade80}
${p('status')}[data-status="offline"]::before{background:#d1d5db}
${p('close-button')},${p('new-session-button')},${p('mute-button')}{all:unset;display:inline-flex!important;align-items:center;justify-content:center;width:32px;height:32px;border-radius:8px;color:inherit;cursor:pointer;flex:none}
${p('close-button')}:hover,${p('new-session-button')}:hover,${p('mute-button')}:hover{background:rgb(255 255 255/.16)}
${p('header')} ${p('icon')},${p('attach-button')} ${p('icon')},${p('send-button')} ${p('icon')},${p('stop-button')} ${p('icon')}{width:20px;height:20px;fill:currentColor}
${p('mute-button')}[aria-pressed="true"] ${icon('sound')},${p('mute-button')}:not([aria-pressed="true"]) ${icon('muted')}{display:none!important}
${p('messages')}{flex:1 1 auto;min-height:0;overflow-y:auto!important;overscroll-behavior:contain;overflow-anchor:none;padding:14px;display:flex!important;flex-direction:column;gap:10px;background:var(--_bg)}
${p('message')}{display:flex!important;flex-direction:column;max-width:85%;align-self:flex-start;align-items:flex-start;gap:4px}
${p('message')}[data-role="user"]{align-self:flex-end;align-items:flex-end}
${p('message-content')}{padding:9px 13px;border-radius:14px;background:var(--_bot-bg);color:var(--_bot-text);overflow-wrap:anywhere;word-break:break-word;white-space:normal;max-width:100%}
${p('message')}[data-role="user"] ${p('message-content')}{background:var(--_user-bg);color:var(--_user-text);white-space:pre-wrap}
${p('message')}[data-status="failed"] ${p('message-content')}{opacity:.85;outline:1px dashed var(--_danger)}
${p('message-content')}>:first-child,${p('message-avatar')}+*{margin-block-start:0}
${p('message')}:has(${p('message-avatar')}){position:relative;padding-inline-start:34px}
${p('message-avatar')}{position:absolute;inset-inline-start:0;inset-block-start:0;width:26px;height:26px;border-radius:50%;object-fit:cover;display:block!important}
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
${p('message-content')} [data-table]{max-width:100%;overflow-x:auto;margin-block:0 .6em}
${p('message-content')} table{border-collapse:collapse;font-size:.92em}
${p('message-content')} th,${p('message-content')} td{border:1px solid var(--_border);padding:4px 8px;text-align:start;vertical-align:top}
${p('message-content')} th{font-weight:600;background:rgb(127 127 127/.12);white-space:nowrap}
${p('message-content')} td{overflow-wrap:normal;word-break:normal}
${p('message-content')} [data-align="center"]{text-align:center}
${p('message-content')} [data-align="right"]{text-align:right}
${p('message-content')} del{text-decoration:line-through;opacity:.75}
${p('message-content')} [data-task]{list-style:none;margin-inline-start:-1.3em}
${p('message-content')} [data-task] input{margin:0 .3em 0 0;vertical-align:-.1em;accent-color:var(--_primary)}
${p('message-content')} [data-code]{position:relative;margin-block:0 .6em}
${p('message-content')} [data-code] pre{margin:0;padding-block-start:30px}
${p('code-copy')}{all:unset;display:inline-block!important;position:absolute;inset-block-start:4px;inset-inline-end:4px;padding:1px 8px;border-radius:6px;border:1px solid var(--_border);background:var(--_bg);color:var(--_text);font-size:.75em;cursor:pointer}
${p('code-copy')}:focus-visible{outline:2px solid var(--_primary);outline-offset:1px}
${p('message-status')}{font-size:.8em;color:var(--_danger)}
${p('message-status')}[data-status="stopped"]{color:var(--_muted)}
${p('retry-button')}{all:unset;display:inline-flex!important;align-items:center;gap:4px;padding:2px 10px;border-radius:999px;border:1px solid var(--_border);color:var(--_text);background:var(--_bg);font-size:.85em;cursor:pointer}
${p('retry-button')}[disabled]{opacity:.55;cursor:default}
${p('message-actions')}{display:flex!important;align-items:center;gap:2px}
${p('copy-reply')},${p('feedback-up')},${p('feedback-down')}{all:unset;display:inline-flex!important;align-items:center;justify-content:center;min-width:24px;height:24px;padding:0 6px;box-sizing:border-box;border-radius:6px;color:var(--_muted);font-size:.8em;cursor:pointer}
${p('copy-reply')}:hover,${p('feedback-up')}:hover,${p('feedback-down')}:hover{background:rgb(127 127 127/.14)}
${p('feedback-up')}[aria-pressed="true"],${p('feedback-down')}[aria-pressed="true"],${p('copy-reply')}[data-state="copied"]{color:var(--_primary)}
${p('message-actions')} ${p('icon')}{width:16px;height:16px;fill:currentColor}
${p('starter-prompts')}{display:flex!important;flex-wrap:wrap;gap:6px;padding:0 14px 10px;flex:none}
${p('starter-prompt')}{all:unset;display:inline-block!important;padding:6px 12px;border-radius:999px;border:1px solid var(--_primary);color:var(--_text);background:var(--_bg);font-size:.9em;cursor:pointer;overflow-wrap:anywhere}
${p('starter-prompt')}:hover{background:var(--_bot-bg)}
${p('starter-prompt')}[disabled]{opacity:.55;cursor:default}
${p('message-buttons')}{display:flex!important;flex-wrap:wrap;gap:6px;margin-block-start:8px}
${p('message-button')}{all:unset;display:inline-block!important;padding:6px 12px;border-radius:8px;border:1px solid var(--_primary);color:var(--_text);background:var(--_bg);font-size:.9em;cursor:pointer;overflow-wrap:anywhere}
${p('message-button')}[data-type="primary"]{background:var(--_primary);color:var(--_on-primary)}
${p('message-button')}:focus-visible{outline:2px solid var(--_primary);outline-offset:2px}
${p('message-button')}[disabled]{opacity:.5;cursor:default}
${p('message-button')}[aria-pressed="true"]{opacity:1;box-shadow:0 0 0 2px var(--_primary)}
${p('message-error')}{display:block!important;padding:6px 10px;border-inline-start:3px solid var(--_danger);color:var(--_danger)}
${p('typing')}{display:inline-flex!important;align-self:flex-start;gap:4px;padding:12px 14px;border-radius:14px;background:var(--_bot-bg)}
${p('typing-dot')}{display:block!important;width:7px;height:7px;border-radius:50%;background:var(--_muted);animation:cwp-dot 1.2s infinite ease-in-out}
${p('typing-dot')}:nth-child(2){animation-delay:.15s}
${p('typing-dot')}:nth-child(3){animation-delay:.3s}
@keyframes cwp-dot{0%,80%,100%{opacity:.3;transform:none}40%{opacity:1;transform:translateY(-3px)}}
${p('error')}{margin:0 14px 8px;padding:8px 12px;border-radius:8px;border:1px solid var(--_danger);color:var(--_danger);background:var(--_bg);font-size:.9em}
${p('window')}[data-drop="active"]{outline:2px dashed var(--_primary)!important;outline-offset:-6px}
${p('attachments')}{display:flex!important;flex-wrap:wrap;gap:6px;padding:0 12px 8px;flex:none}
${p('attachment')},${p('message-attachment')}{display:inline-flex!important;align-items:center;gap:6px;max-width:100%;padding:3px 6px 3px 8px;box-sizing:border-box;border-radius:8px;border:1px solid var(--_border);background:var(--_bg);color:var(--_text);font-size:.85em}
${p('message-attachments')}{display:flex!important;flex-wrap:wrap;gap:6px;margin-block-start:6px}
${p('attachment-preview')}{display:block!important;width:40px;height:40px;object-fit:cover;border-radius:4px}
${p('message-attachment')}[data-type="image"] ${p('attachment-preview')}{width:120px;height:auto;max-height:120px}
${p('attachment-name')}{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;min-width:0}
${p('attachment-size')}{color:var(--_muted);white-space:nowrap}
${p('attachment-remove')},${p('attach-button')}{all:unset;display:inline-flex!important;align-items:center;justify-content:center;width:24px;height:24px;border-radius:6px;color:var(--_muted);cursor:pointer;flex:none}
${p('attach-button')}{width:40px;height:40px;border-radius:10px}
${p('attach-button')}[disabled]{opacity:.5;cursor:default}
${p('attachment-remove')}:hover,${p('attach-button')}:hover{background:rgb(127 127 127/.14)}
${p('attachment-remove')}:focus-visible,${p('attach-button')}:focus-visible{outline:2px solid var(--_primary)}
${p('attachment-remove')} ${p('icon')}{width:14px;height:14px;fill:currentColor}
${p('composer')}{display:flex!important;align-items:flex-end;gap:8px;padding:10px 12px;border-block-start:1px solid var(--_border);background:var(--_bg);margin:0;flex:none}
${p('input')}{all:unset;flex:1;min-width:0;display:block!important;min-height:24px;max-height:140px;padding:8px 10px;border:1px solid var(--_border);border-radius:10px;background:var(--_bg);color:var(--_text);font:inherit;white-space:pre-wrap;overflow-y:auto;resize:none;field-sizing:content;cursor:text}
${p('input')}::placeholder{color:var(--_muted);opacity:1}
${p('send-button')},${p('stop-button')}{all:unset;display:inline-flex!important;align-items:center;justify-content:center;width:40px;height:40px;border-radius:10px;background:var(--_primary);color:var(--_on-primary);cursor:pointer;flex:none}
${p('stop-button')}{background:var(--_surface);color:var(--_text);border:1px solid var(--_border)}
${p('send-button')}[disabled]{opacity:.5;cursor:default}
${p('footer')}{display:flex!important;flex-wrap:wrap;justify-content:center;gap:4px 12px;padding:6px 12px 8px;font-size:.75em;color:var(--_muted);background:var(--_bg);flex:none}
${p('footer-link')}{color:var(--_link);text-decoration:underline}
${p('title')},${p('subtitle')},${p('message-content')},${p('message-status')},${p('error')}{display:block!important}
${p('footer-link')},${p('footer-text')}:not([hidden]){display:inline!important}
${p('icon')}{display:block!important}
${p('message-content')} p,${p('message-content')} pre,${p('message-content')} blockquote{display:block!important}
${p('message-content')} ul,${p('message-content')} ol{display:block!important;list-style-position:outside}
${p('message-content')} li{display:list-item!important}
${p('message-content')} strong,${p('message-content')} em,${p('message-content')} code,${p('message-content')} a{display:inline!important}
${p('message-content')} [data-table],${p('message-content')} [data-code]{display:block!important}
${p('message-content')} table{display:table!important}
${p('message-content')} tr{display:table-row!important}
${p('message-content')} th,${p('message-content')} td{display:table-cell!important}
${p('message-content')} thead{display:table-header-group!important}
${p('message-content')} tbody{display:table-row-group!important}
${p('message-content')} del,${p('message-content')} label{display:inline!important}
`;
