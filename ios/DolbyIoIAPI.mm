// The `DolbyIoIAPI` TurboModule (New Architecture): React glue only. It conforms to the
// codegen-generated NativeDolbyIoIAPISpec protocol (from src-js/NativeDolbyIoIAPI.ts, codegen
// library RNDolbyIoIAPISpec), emits events through the generated NativeDolbyIoIAPISpecBase, turns
// the generated argument structs into dictionaries and forwards every call to the Swift
// DolbyIoIAPIAdapter -> DolbyIoIAPIImpl (React-free, tested on Linux by scripts/test-ios.sh).
// scripts/test-ios.sh also checks every selector here against the generated header.
// No header file on purpose: the codegen header is Objective-C++ only and must not reach the
// pod's umbrella header, which Swift imports.
#import <Foundation/Foundation.h>
#import <React/RCTBridgeModule.h>
#import <ReactCommon/RCTTurboModule.h>
#import <RNDolbyIoIAPISpec/RNDolbyIoIAPISpec.h>

// The Swift interface of this pod (module react_native_iapi_sdk).
#if __has_include(<react_native_iapi_sdk/react_native_iapi_sdk-Swift.h>)
#import <react_native_iapi_sdk/react_native_iapi_sdk-Swift.h>
#else
#import "react_native_iapi_sdk-Swift.h"
#endif

@interface DolbyIoIAPI : NativeDolbyIoIAPISpecBase <NativeDolbyIoIAPISpec, DolbyIoIAPIEventEmitting>
@end

namespace {
// Optional keys stay absent when unset (the spec: native never sends null for them).
void putObject(NSMutableDictionary *d, NSString *key, id _Nullable value)
{
  if (value != nil) {
    d[key] = value;
  }
}

void putBool(NSMutableDictionary *d, NSString *key, std::optional<bool> value)
{
  if (value.has_value()) {
    d[key] = @(*value);
  }
}

void putDouble(NSMutableDictionary *d, NSString *key, std::optional<double> value)
{
  if (value.has_value()) {
    d[key] = @(*value);
  }
}
} // namespace

@implementation DolbyIoIAPI {
  DolbyIoIAPIAdapter *_impl;
}

+ (NSString *)moduleName
{
  return @"DolbyIoIAPI";
}

- (instancetype)init
{
  if (self = [super init]) {
    _impl = [[DolbyIoIAPIAdapter alloc] initWithEmitter:self];
  }
  return self;
}

- (std::shared_ptr<facebook::react::TurboModule>)getTurboModule:
    (const facebook::react::ObjCTurboModule::InitParams &)params
{
  return std::make_shared<facebook::react::NativeDolbyIoIAPISpecJSI>(params);
}

- (void)invalidate
{
  [_impl invalidate];
}

#pragma mark - DolbyIoIAPIEventEmitting (called on core threads)

- (BOOL)emitEvent:(NSString *)name payload:(NSDictionary *)payload
{
  if (!_eventEmitterCallback) {
    return NO; // JS has not set up the emitters: a token request fails at once, a conference event is dropped.
  }
  if ([name isEqualToString:@"onAccessTokenRequest"]) {
    [self emitOnAccessTokenRequest:payload];
  } else if ([name isEqualToString:@"onConferenceStatusChange"]) {
    [self emitOnConferenceStatusChange:payload];
  } else if ([name isEqualToString:@"onParticipantsChange"]) {
    [self emitOnParticipantsChange:payload];
  } else if ([name isEqualToString:@"onPermissionsChange"]) {
    [self emitOnPermissionsChange:payload];
  } else {
    return NO;
  }
  return YES;
}

#pragma mark - Initialization and access tokens

- (void)initialize:(NSString *)consumerKey
    consumerSecret:(NSString *)consumerSecret
           resolve:(RCTPromiseResolveBlock)resolve
            reject:(RCTPromiseRejectBlock)reject
{
  [_impl initialize:consumerKey consumerSecret:consumerSecret resolve:resolve reject:reject];
}

- (void)initializeToken:(NSString *_Nullable)accessToken
                resolve:(RCTPromiseResolveBlock)resolve
                 reject:(RCTPromiseRejectBlock)reject
{
  [_impl initializeToken:accessToken resolve:resolve reject:reject];
}

- (void)resolveAccessTokenRequest:(NSString *)requestId accessToken:(NSString *)accessToken
{
  [_impl resolveAccessTokenRequest:requestId accessToken:accessToken];
}

- (void)rejectAccessTokenRequest:(NSString *)requestId reason:(NSString *)reason
{
  [_impl rejectAccessTokenRequest:requestId reason:reason];
}

#pragma mark - Session

- (void)sessionOpen:(JS::NativeDolbyIoIAPI::NativeParticipantInfo &)info
            resolve:(RCTPromiseResolveBlock)resolve
             reject:(RCTPromiseRejectBlock)reject
{
  NSMutableDictionary *map = [NSMutableDictionary new];
  putObject(map, @"name", info.name());
  putObject(map, @"externalId", info.externalId());
  putObject(map, @"avatarUrl", info.avatarUrl());
  [_impl sessionOpen:map resolve:resolve reject:reject];
}

- (void)sessionClose:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl sessionClose:resolve reject:reject];
}

- (void)sessionIsOpen:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl sessionIsOpen:resolve reject:reject];
}

- (void)sessionGetParticipant:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl sessionGetParticipant:resolve reject:reject];
}

#pragma mark - Conference

- (void)conferenceCreate:(JS::NativeDolbyIoIAPI::NativeConferenceCreateOptions &)options
                 resolve:(RCTPromiseResolveBlock)resolve
                  reject:(RCTPromiseRejectBlock)reject
{
  NSMutableDictionary *map = [NSMutableDictionary new];
  putObject(map, @"alias", options.alias());
  if (auto params = options.params()) {
    NSMutableDictionary *p = [NSMutableDictionary new];
    putBool(p, @"dolbyVoice", params->dolbyVoice());
    putBool(p, @"liveRecording", params->liveRecording());
    putDouble(p, @"ttl", params->ttl());
    putObject(p, @"videoCodec", params->videoCodec());
    putObject(p, @"rtcpMode", params->rtcpMode());
    map[@"params"] = p;
  }
  [_impl conferenceCreate:map resolve:resolve reject:reject];
}

- (void)conferenceFetch:(NSString *)conferenceId
                resolve:(RCTPromiseResolveBlock)resolve
                 reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceFetch:conferenceId resolve:resolve reject:reject];
}

- (void)conferenceCurrent:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceCurrent:resolve reject:reject];
}

- (void)conferenceJoin:(NSString *)conferenceId
               options:(JS::NativeDolbyIoIAPI::NativeConferenceJoinOptions &)options
               resolve:(RCTPromiseResolveBlock)resolve
                reject:(RCTPromiseRejectBlock)reject
{
  NSMutableDictionary *map = [NSMutableDictionary new];
  putObject(map, @"conferenceAccessToken", options.conferenceAccessToken());
  putObject(map, @"participantType", options.participantType());
  [_impl conferenceJoin:conferenceId options:map resolve:resolve reject:reject];
}

- (void)conferenceLeave:(JS::NativeDolbyIoIAPI::NativeConferenceLeaveOptions &)options
                resolve:(RCTPromiseResolveBlock)resolve
                 reject:(RCTPromiseRejectBlock)reject
{
  NSMutableDictionary *map = [NSMutableDictionary new];
  putBool(map, @"leaveRoom", options.leaveRoom());
  [_impl conferenceLeave:map resolve:resolve reject:reject];
}

- (void)conferenceGetParticipants:(NSString *)conferenceId
                          resolve:(RCTPromiseResolveBlock)resolve
                           reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceGetParticipants:conferenceId resolve:resolve reject:reject];
}

- (void)conferenceGetParticipant:(NSString *)participantId
                         resolve:(RCTPromiseResolveBlock)resolve
                          reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceGetParticipant:participantId resolve:resolve reject:reject];
}

- (void)conferenceGetStatus:(NSString *)conferenceId
                    resolve:(RCTPromiseResolveBlock)resolve
                     reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceGetStatus:conferenceId resolve:resolve reject:reject];
}

- (void)conferenceKick:(NSString *)participantId
               resolve:(RCTPromiseResolveBlock)resolve
                reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceKick:participantId resolve:resolve reject:reject];
}

- (void)conferenceMute:(NSString *)participantId
               isMuted:(BOOL)isMuted
               resolve:(RCTPromiseResolveBlock)resolve
                reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceMute:participantId isMuted:isMuted resolve:resolve reject:reject];
}

- (void)conferenceIsMuted:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceIsMuted:resolve reject:reject];
}

- (void)conferenceUpdatePermissions:(NSArray *)participantPermissions
                            resolve:(RCTPromiseResolveBlock)resolve
                             reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceUpdatePermissions:participantPermissions resolve:resolve reject:reject];
}

@end
