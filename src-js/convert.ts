import type {
  NativeConference,
  NativeConferenceCreateOptions,
  NativeConferenceJoinOptions,
  NativeParticipant,
  NativeParticipantInfo,
  NativeParticipantPermissions,
} from './NativeDolbyIoIAPI';
import type { Conference } from './models/Conference';
import type { ConferenceStatus } from './models/ConferenceStatus';
import type {
  ConferenceCreateOptions,
  ConferenceJoinOptions,
} from './models/ConferenceOptions';
import type { Participant } from './models/Participant';
import type { ParticipantInfo } from './models/ParticipantInfo';
import type { ParticipantPermissions } from './models/ParticipantPermissions';
import type { ParticipantStatus } from './models/ParticipantStatus';
import type { ParticipantType } from './models/ParticipantType';

// Conversions between the models and their wire shapes in NativeDolbyIoIAPI.ts.
// Enumerations cross as their string values; optional keys are dropped when absent.

function defined<T extends object>(value: T): T {
  const out = {} as Record<string, unknown>;
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) {
      out[key] = entry;
    }
  }
  return out as T;
}

export function toNativeParticipantInfo(
  info: ParticipantInfo = {}
): NativeParticipantInfo {
  return defined({
    name: info.name,
    externalId: info.externalId,
    avatarUrl: info.avatarUrl,
  });
}

export function fromNativeParticipant(native: NativeParticipant): Participant {
  return defined({
    id: native.id,
    info: defined({ ...native.info }),
    status: native.status as ParticipantStatus | undefined,
    type: native.type as ParticipantType | undefined,
  });
}

export function fromNativeConference(native: NativeConference): Conference {
  return defined({
    id: native.id,
    alias: native.alias,
    isNew: native.isNew,
    participants: (native.participants ?? []).map(fromNativeParticipant),
    status: native.status as ConferenceStatus,
  });
}

export function toNativeCreateOptions(
  options: ConferenceCreateOptions = {}
): NativeConferenceCreateOptions {
  return defined({
    alias: options.alias,
    params: options.params ? defined({ ...options.params }) : undefined,
  });
}

export function toNativeJoinOptions(
  options: ConferenceJoinOptions = {}
): NativeConferenceJoinOptions {
  return defined({
    conferenceAccessToken: options.conferenceAccessToken,
    participantType: options.participantType,
  });
}

export function toNativePermissions(
  list: ParticipantPermissions[]
): NativeParticipantPermissions[] {
  return list.map((entry) => ({
    participantId: entry.participant.id,
    permissions: [...entry.permissions],
  }));
}
