// Autolinking of @dolbyio/react-native-iapi-sdk (Android; iOS uses the podspec at the root).
module.exports = {
  dependency: {
    platforms: {
      android: {
        sourceDir: './android',
        packageImportPath: 'import io.dolby.iapi.reactnative.DolbyIoIAPIPackage;',
        packageInstance: 'new DolbyIoIAPIPackage()',
      },
    },
  },
};
