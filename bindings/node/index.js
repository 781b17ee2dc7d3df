'use strict';
/**
 * Loader of the Node host addon (`iapi_node.node`, built from bindings/node/src by
 * `bash bindings/node/build.sh`). Plain CommonJS so that both the ESM build
 * (lib/module/node) and Jest can load it. Looks, in order, at:
 *   1. $IAPI_NODE_ADDON (an absolute path to a .node file);
 *   2. bindings/node/iapi_node.node next to this file (what build.sh writes).
 */
const fs = require('fs');
const path = require('path');

const DEFAULT_PATH = path.join(__dirname, 'iapi_node.node');

let addon = null;

function addonPath() {
  const fromEnv = process.env.IAPI_NODE_ADDON;
  return fromEnv && fromEnv.trim()
    ? path.resolve(fromEnv.trim())
    : DEFAULT_PATH;
}

/** Loads the addon once; throws a readable error when it has not been built. */
function loadAddon() {
  if (addon) return addon;
  const file = addonPath();
  if (!fs.existsSync(file)) {
    const error = new Error(
      `DolbyIoIAPI Node host not found at ${file}: build it with 'bash bindings/node/build.sh' ` +
        '(cargo build of the iapi-node crate) or point IAPI_NODE_ADDON at a built iapi_node.node'
    );
    error.code = 'INVALID_STATE';
    throw error;
  }
  addon = require(file);
  return addon;
}

exports.loadAddon = loadAddon;
exports.addonPath = addonPath;
