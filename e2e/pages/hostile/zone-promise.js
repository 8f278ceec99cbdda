// zone.js style: the global Promise replaced by a subclass that wraps every callback.
(() => {
  const NativePromise = window.Promise;
  class ZoneAwarePromise extends NativePromise {
    // biome-ignore lint/suspicious/noThenProperty: a Promise subclass overrides then, as zone.js does
    then(onFulfilled, onRejected) {
      const wrap = (fn) => (typeof fn === 'function' ? (value) => fn(value) : fn);
      return super.then(wrap(onFulfilled), wrap(onRejected));
    }
  }
  window.Promise = ZoneAwarePromise;
})();
