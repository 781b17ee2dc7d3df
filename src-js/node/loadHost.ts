/// <reference types="node" />
// The Node entry only: Node built-ins (the React Native build has no Node types).
import { readFileSync } from 'fs';
import { createRequire } from 'module';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import type { NodeHostAddon } from './NodeHost';

const PACKAGE_NAME = '@dolbyio/react-native-iapi-sdk';

/**
 * The package's root: the nearest directory above this file whose package.json is ours
 * (`lib/module/package.json` is bob's `{"type":"module"}` marker, not the package).
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(
        readFileSync(join(dir, 'package.json'), 'utf8')
      ) as { name?: unknown };
      if (pkg.name === PACKAGE_NAME) {
        return dir;
      }
    } catch {
      // No package.json here: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        `DolbyIoIAPI: cannot find the ${PACKAGE_NAME} package root`
      );
    }
    dir = parent;
  }
}

/**
 * Loads the Node host addon through `bindings/node/index.js` (CommonJS: it loads the built
 * `iapi_node.node`, or `$IAPI_NODE_ADDON`, and throws INVALID_STATE saying how to build it
 * when missing). Called on first use, so importing the entry works before the addon is built.
 */
export function loadHost(): NodeHostAddon {
  const require = createRequire(import.meta.url);
  return require(
    join(packageRoot(), 'bindings', 'node', 'index.js')
  ) as NodeHostAddon;
}
