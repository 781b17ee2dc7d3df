// Docs-only entry point (scripts/docs.sh). The reference shows the DolbyIoIAPI class, the
// package's default instance and the error types at the top level, and every other type
// under <internal>: the layout of the published reference. Apps import from
// src-js/index.ts, which exports all the types.
import DolbyIoIAPIInstance from '../index';

export { DolbyIoIAPI } from '../DolbyIoIAPI';
export { DolbyIoIAPIError, ErrorCode } from '../errors';
export default DolbyIoIAPIInstance;

// The React hooks, at the top level of the reference next to the instance they read.
export {
  useConference,
  useConnectionState,
  useParticipants,
  useSession,
  useTokenState,
} from '../hooks';
