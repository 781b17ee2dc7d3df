// The Expo config plugin of @dolbyio/react-native-iapi-sdk (`"plugins": ["@dolbyio/react-native-iapi-sdk"]`
// in app.json): see plugin/withDolbyIoIAPI.js.
module.exports = require('./plugin/withDolbyIoIAPI');
