// A monitoring script (RUM/APM style) that wraps fetch to time every request.
(() => {
  const original = window.fetch;
  window.__monitoredFetches = 0;
  window.fetch = function monitoredFetch(...args) {
    window.__monitoredFetches += 1;
    const started = performance.now();
    return original.apply(this, args).then((response) => {
      void (performance.now() - started);
      return response;
    });
  };
})();
