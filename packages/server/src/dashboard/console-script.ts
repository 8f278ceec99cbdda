/**
 * The console's only script, served from /v1/admin/dashboard/console.js (CSP `script-src 'self'`):
 * it shows the copy buttons and copies a snippet's text. Every page works without it; the
 * snippets are selectable text.
 */
export const consoleScript = `'use strict';
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(source.textContent).then(
        function () { button.textContent = 'Copied'; },
        function () { button.textContent = 'Select and copy by hand'; }
      );
    });
  });
});
`;
