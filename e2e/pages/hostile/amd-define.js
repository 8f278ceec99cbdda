// An AMD loader (RequireJS style) on the page: UMD bundles that see define.amd register with it
// instead of setting their global.
window.__amdModules = [];
window.define = (name, deps, factory) => {
  window.__amdModules.push(typeof name === 'string' ? name : '(anonymous)');
  void deps;
  void factory;
};
window.define.amd = { jQuery: true };
window.require = () => {};
