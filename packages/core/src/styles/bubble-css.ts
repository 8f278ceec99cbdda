import { icon, p, root, s } from './selectors.js';

/** Root, theme, bubble, unread badge and tooltip: what a closed floating widget shows. */
export const bubbleStylesheet = `
:host{all:initial;display:contents!important}
:host([data-cwp-display="block"]){display:block!important}
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
${root}[data-type="floating"]{position:fixed!important;bottom:var(--_offset)!important;right:var(--_offset)!important;left:auto!important;top:auto!important;z-index:var(--_z)!important;display:grid!important;justify-items:right!important;align-content:end!important;gap:12px;width:auto!important;height:auto!important;pointer-events:none!important}
${root}[data-type="floating"][data-position="bottom-left"]{right:auto!important;left:var(--_offset)!important;justify-items:left!important}
${root}[data-type="floating"]>*{pointer-events:auto!important}
${p('bubble')}{all:unset;order:3;position:relative!important;display:inline-flex!important;align-items:center!important;justify-content:center!important;box-sizing:border-box!important;width:var(--_bubble)!important;height:var(--_bubble)!important;min-width:var(--_bubble)!important;padding:0!important;margin:0!important;border:0!important;border-radius:50%!important;background:var(--_primary)!important;color:var(--_on-primary)!important;box-shadow:var(--_shadow);cursor:pointer!important;visibility:visible!important;opacity:1!important;transition:transform var(--_speed)}
${p('bubble')}:hover{transform:scale(1.05)}
${p('bubble')} ${icon('close')},${p('bubble')}[data-state="open"] ${p('icon')}:not([data-icon="close"]){display:none!important}
${p('bubble')}[data-state="open"] ${icon('close')}{display:block!important}
${p('bubble')} ${p('icon')}{width:28px;height:28px;fill:currentColor;display:block;object-fit:contain}
${p('unread-badge')}{position:absolute!important;inset-block-start:-4px;inset-inline-end:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:var(--_danger);color:#fff;font:600 12px/20px var(--_font);text-align:center}
${root}[data-theme="dark"] ${p('unread-badge')}{background:#b91c1c}
${p('tooltip')}{order:2;position:relative;display:flex!important;align-items:center;gap:8px;max-width:260px;padding:10px 12px;border-radius:12px;background:var(--_bg);color:var(--_text);box-shadow:var(--_shadow);border:1px solid var(--_border);cursor:pointer}
${p('tooltip-avatar')}{width:32px;height:32px;border-radius:50%;object-fit:cover;flex:none;display:block!important}
${p('tooltip-close')}{all:unset;display:inline-flex!important;align-items:center;justify-content:center;width:24px;height:24px;border-radius:50%;color:var(--_muted);cursor:pointer;flex:none}
${p('tooltip-close')} ${p('icon')}{width:16px;height:16px;fill:currentColor}
@media (prefers-reduced-motion:reduce){${s},${s} *{transition:none!important;animation:none!important}}
`;
