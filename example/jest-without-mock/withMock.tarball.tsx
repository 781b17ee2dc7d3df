/**
 * The package's Jest mock from the installed tarball, with a component that uses its hooks:
 * the hooks load from the built CommonJS (lib/commonjs), as Jest does not transform the
 * package's TypeScript sources in node_modules.
 * Run by scripts/test-example.sh with jest-without-mock/jest.config.js.
 */
import ReactTestRenderer, { act } from 'react-test-renderer';
import type { ReactTestRenderer as Renderer } from 'react-test-renderer';
import { Text } from 'react-native';
import {
  ConnectionStatus,
  useConnectionState,
} from '@dolbyio/react-native-iapi-sdk';

jest.mock('@dolbyio/react-native-iapi-sdk', () =>
  require('@dolbyio/react-native-iapi-sdk/jest')
);

function Connection() {
  const { state } = useConnectionState();
  return <Text>{state}</Text>;
}

test("the mock's hooks render from the installed package", async () => {
  let renderer: Renderer | undefined;
  await act(async () => {
    renderer = ReactTestRenderer.create(<Connection />);
  });
  expect(renderer!.toJSON()).toMatchObject({
    children: [ConnectionStatus.DISCONNECTED],
  });
  await act(async () => renderer!.unmount());
});
