// Runs a CommonJS file with V8's code cache kept beside it (`<file>.v8cache`): Node 20 has no
// module.enableCompileCache, and compiling the 2 MB CLI bundle cost ~80 ms of every command.
// V8 refuses a cache made from other source or by another V8 (`cachedDataRejected`); then, or
// when there is none, a fresh one is written as the process exits, with every function it ran.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export function runWithCodeCache(file) {
  const cacheFile = `${file}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // first run
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const status = cachedData === undefined ? 'made' : script.cachedDataRejected ? 'rejected' : 'used';
  if (process.env.KIRINUKI_DEBUG_CODE_CACHE) process.stderr.write(`code cache: ${status}\n`);
  if (status !== 'used')
    process.once('exit', () => {
      try {
        const temp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
      } catch {
        // a read-only checkout runs without the cache
      }
    });
  const dir = path.dirname(file);
  const module = new Module(file);
  module.filename = file;
  module.paths = Module._nodeModulePaths(dir);
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dir);
}
