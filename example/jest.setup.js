// Every test that imports the SDK gets the package's in-memory mock.
jest.mock('@dolbyio/react-native-iapi-sdk', () =>
  require('@dolbyio/react-native-iapi-sdk/jest')
);
