/** The raw functions of the Node host addon (bindings/node/src/lib.rs). */
export interface NodeHostAddon {
  configure(config: { baseUrl?: string; callbackTimeoutMs?: number }): void;
  setAccessTokenRequestListener(
    callback:
      ((request: { requestId: string; isExpired: boolean }) => void) | null
  ): void;
  initialize(consumerKey: string, consumerSecret: string): Promise<boolean>;
  initializeToken(accessToken: string | null): Promise<boolean>;
  resolveAccessTokenRequest(requestId: string, accessToken: string): void;
  rejectAccessTokenRequest(requestId: string, reason: string): void;
  sessionOpen(info?: {
    name?: string;
    externalId?: string;
    avatarUrl?: string;
  }): Promise<{
    id: string;
    info: { name?: string; externalId?: string; avatarUrl?: string };
  }>;
  sessionClose(): Promise<void>;
  sessionIsOpen(): Promise<boolean>;
  sessionGetParticipant(): Promise<{
    id: string;
    info: { name?: string; externalId?: string; avatarUrl?: string };
  }>;
}

/** Loads the addon ($IAPI_NODE_ADDON, else bindings/node/iapi_node.node). */
export function loadAddon(): NodeHostAddon;
/** Where `loadAddon` looks for the addon. */
export function addonPath(): string;
