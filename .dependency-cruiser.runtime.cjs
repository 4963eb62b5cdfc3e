// What a host process loads at run time (type-only imports are erased by the compiler, so they
// do not count here): the rules of .dependency-cruiser.cjs are about the design, this one about memory.
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'host-never-loads-onnxruntime',
      severity: 'error',
      comment:
        'The CLI and the app main process never load onnxruntime-node (a native module of hundreds of ' +
        'MB at run time): only the stage services that run models do.',
      from: { path: '^apps/desktop/src/(cli/main|electron-main/main)\\.ts$' },
      to: { path: 'node_modules/onnxruntime-node/', reachable: true },
    },
  ],
  options: { ...base.options, tsPreCompilationDeps: false },
};
