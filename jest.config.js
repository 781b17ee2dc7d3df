/** @type {import('jest').Config} */
module.exports = {
  preset: '@react-native/jest-preset',
  roots: ['<rootDir>/src-js', '<rootDir>/jest', '<rootDir>/plugin'],
  testEnvironmentOptions: {
    customExportConditions: ['require', 'react-native', 'source'],
  },
  modulePathIgnorePatterns: ['<rootDir>/lib/', '<rootDir>/build/'],
  testPathIgnorePatterns: ['/node_modules/', '/helpers/'],
  // Resolve the package by its own name, as an app's tests would.
  moduleNameMapper: {
    '^@dolbyio/react-native-iapi-sdk$': '<rootDir>/src-js/index.ts',
    '^@dolbyio/react-native-iapi-sdk/jest$': '<rootDir>/jest/index.js',
  },
};
