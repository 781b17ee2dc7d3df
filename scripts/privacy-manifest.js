#!/usr/bin/env node
// Writes ios/PrivacyInfo.xcprivacy (Apple's privacy manifest of the pod) from
// plugin/privacy-manifest.json, the one list of the SDK's required-reason API entries (also read
// by the Expo config plugin and scripts/check-privacy-manifest.sh).
//   node scripts/privacy-manifest.js           write it
//   node scripts/privacy-manifest.js --check   fail if the file is not what would be written
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'plugin/privacy-manifest.json');
const target = path.join(root, 'ios/PrivacyInfo.xcprivacy');

/** The manifest as Apple's XML property list: no tracking, no data collected by the SDK itself. */
function render(manifest) {
  const types = manifest.accessedAPITypes
    .map(
      (entry) => `\t\t<dict>
\t\t\t<key>NSPrivacyAccessedAPIType</key>
\t\t\t<string>${entry.type}</string>
\t\t\t<key>NSPrivacyAccessedAPITypeReasons</key>
\t\t\t<array>
${entry.reasons.map((reason) => `\t\t\t\t<string>${reason}</string>`).join('\n')}
\t\t\t</array>
\t\t</dict>`
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Generated from plugin/privacy-manifest.json by scripts/privacy-manifest.js: do not edit. -->
<plist version="1.0">
<dict>
\t<key>NSPrivacyTracking</key>
\t<${manifest.tracking ? 'true' : 'false'}/>
\t<key>NSPrivacyTrackingDomains</key>
\t<array/>
\t<key>NSPrivacyCollectedDataTypes</key>
\t<array/>
\t<key>NSPrivacyAccessedAPITypes</key>
\t<array>
${types}
\t</array>
</dict>
</plist>
`;
}

const text = render(JSON.parse(fs.readFileSync(source, 'utf8')));
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error(
      'ios/PrivacyInfo.xcprivacy is not generated from plugin/privacy-manifest.json: run node scripts/privacy-manifest.js'
    );
    process.exit(1);
  }
  console.log('ios/PrivacyInfo.xcprivacy matches plugin/privacy-manifest.json');
} else {
  fs.writeFileSync(target, text);
  console.log('wrote ios/PrivacyInfo.xcprivacy');
}
