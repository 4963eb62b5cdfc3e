// The layer rule of DESIGN §1: a folder's name is its layer, and imports may only point down.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

const isElectron = (source) => source === 'electron' || source.startsWith('electron/');
const isNodeBuiltin = (source) => source.startsWith('node:') || NODE_BUILTINS.has(source.split('/')[0]);
const isWorkspacePackage = (source) => source.startsWith('@kirinuki/');
// Layers whose code may use node or electron; a layer without either may not import them.
const NODE_OR_ELECTRON_LAYERS = new Set(['node', 'electron', 'pipeline', 'db', 'social']);

/** The layer a file belongs to, from its path; null where no rule applies. */
export function layerOfPath(filePath) {
  const parts = filePath.split(/[\\/]/);
  const packageName = parts.includes('packages') ? parts[parts.indexOf('packages') + 1] : undefined;
  if (packageName === 'ui') {
    // End-to-end tests drive a browser from Node; they are not UI code.
    return parts[parts.indexOf('packages') + 2] === 'e2e' ? null : 'ui';
  }
  if (['pipeline', 'contracts', 'db', 'social'].includes(packageName)) return packageName;
  // The innermost layer folder wins (e.g. src/node/common is 'common').
  for (let i = parts.length - 2; i >= 0; i -= 1) {
    const part = parts[i];
    if (part === 'common' || part === 'node' || part === 'browser') return part;
    if (part.startsWith('electron-') || part === 'preload' || part === 'renderer') return 'electron';
    // The CLI runs the same services as the app, in child processes, without Electron.
    if (part === 'cli' && parts[i - 1] === 'src') return 'node';
  }
  return null;
}

/** Why `source` may not be imported from a file of `layer` (and that file's path), or null when it may. */
export function layerViolation(layer, source, fromFile) {
  const targetLayer =
    source.startsWith('.') && fromFile ? layerOfPath(path.resolve(path.dirname(fromFile), source)) : null;
  switch (layer) {
    case 'pipeline':
    case 'db':
    case 'social':
      return isElectron(source) ? `packages/${layer} never imports electron` : null;
    case 'contracts':
      if (isElectron(source)) return 'packages/contracts imports nothing electron-specific';
      if (isNodeBuiltin(source)) return 'packages/contracts imports no node built-ins';
      if (NODE_OR_ELECTRON_LAYERS.has(targetLayer))
        return `packages/contracts may not import code from the '${targetLayer}' layer`;
      if (isWorkspacePackage(source) && !/^@kirinuki\/contracts(\/|$)/.test(source))
        return 'packages/contracts is the bottom layer: it imports no other workspace package';
      return null;
    case 'ui':
      if (isElectron(source)) return 'packages/ui never imports electron (use the tRPC client)';
      return isNodeBuiltin(source) ? 'packages/ui never imports node built-ins' : null;
    case 'common':
    case 'browser':
      if (isElectron(source)) return `a '${layer}' folder imports nothing electron-specific`;
      if (isNodeBuiltin(source)) return `a '${layer}' folder imports no node built-ins`;
      if (NODE_OR_ELECTRON_LAYERS.has(targetLayer))
        return `a '${layer}' folder may not import code from a '${targetLayer}' layer folder`;
      return null;
    case 'node':
      if (isElectron(source)) return "a 'node' folder imports nothing electron-specific";
      if (targetLayer === 'electron')
        return "a 'node' folder may not import code from an 'electron-*' folder";
      return null;
    default:
      return null;
  }
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the process layers of DESIGN §1' },
    messages: {
      forbidden: "Layer rule: '{{source}}' cannot be imported here: {{why}} (DESIGN §1).",
    },
    schema: [],
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const layer = layerOfPath(filename);
    if (!layer) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const why = layerViolation(layer, source, filename);
      if (why) context.report({ node, messageId: 'forbidden', data: { source, why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          const arg = node.arguments[0];
          if (arg && arg.type === 'Literal') check(node, arg.value);
        }
      },
    };
  },
};

export default { meta: { name: 'eslint-plugin-layers' }, rules: { layers: layersRule } };
