// Registers the phisentry host for one Chromium profile, as the installer does for real users:
// <user-data-dir>/NativeMessagingHosts/org.phisentry.host.json. Every field is required, the
// path must be absolute, and the origin needs its trailing "/".
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { NATIVE_HOST_NAME } from './paths.mjs';

export function nativeHostManifest(hostPath, extensionId) {
  if (!isAbsolute(hostPath)) throw new Error(`the host path must be absolute: ${hostPath}`);
  return {
    name: NATIVE_HOST_NAME,
    description: 'PHI Sentry local scanner',
    path: hostPath,
    type: 'stdio',
    allowed_origins: [`chrome-extension://${extensionId}/`],
  };
}

export function nativeHostManifestPath(userDataDir) {
  return join(userDataDir, 'NativeMessagingHosts', `${NATIVE_HOST_NAME}.json`);
}

export function writeNativeHostManifest(userDataDir, hostPath, extensionId) {
  const file = nativeHostManifestPath(userDataDir);
  mkdirSync(join(userDataDir, 'NativeMessagingHosts'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(nativeHostManifest(hostPath, extensionId), null, 2)}\n`);
  return file;
}

export function removeNativeHostManifest(userDataDir) {
  rmSync(nativeHostManifestPath(userDataDir), { force: true });
}
