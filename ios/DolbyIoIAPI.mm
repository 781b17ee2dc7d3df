// The `DolbyIoIAPI` TurboModule (New Architecture), codegen glue only: it conforms to the generated
// NativeDolbyIoIAPISpec (src-js/NativeDolbyIoIAPI.ts, library RNDolbyIoIAPISpec), emits through the
// generated NativeDolbyIoIAPISpecBase, turns the generated argument structs into dictionaries (unset
// keys absent) and forwards every spec method to DolbyIoIAPIAdapter.swift -> ios/Impl (React-free).
// scripts/test-ios.sh checks every selector here against the generated header and the adapter.
// No header file on purpose: the codegen header is Objective-C++ only and must stay out of the
// pod's umbrella header, which Swift imports.
#import <Foundation/Foundation.h>
#import <React/RCTBridgeModule.h>
#import <ReactCommon/RCTTurboModule.h>
#import <RNDolbyIoIAPISpec/RNDolbyIoIAPISpec.h>

#if __has_include(<react_native_iapi_sdk/react_native_iapi_sdk-Swift.h>)
#import <react_native_iapi_sdk/react_native_iapi_sdk-Swift.h>
#else
#import "react_native_iapi_sdk-Swift.h"
#endif

@interface DolbyIoIAPI : NativeDolbyIoIAPISpecBase <NativeDolbyIoIAPISpec, DolbyIoIAPIEventEmitting>
@end

namespace {
template <typename T> id box(const std::optional<T> &v) { return v.has_value() ? @(*v) : nil; }
// A dictionary of the set values (a nil value leaves its key absent).
NSDictionary *dict(NSArray<NSString *> *keys, std::initializer_list<id> values)
{
  NSMutableDictionary *d = [NSMutableDictionary new];
  NSUInteger i = 0;
  for (id v : values) {
    if (v != nil) d[keys[i]] = v;
    i++;
  }
  return d;
}
} // namespace

using namespace JS::NativeDolbyIoIAPI;

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

- (std::shared_ptr<facebook::react::TurboModule>)getTurboModule:(const facebook::react::ObjCTurboModule::InitParams &)params
{
  return std::make_shared<facebook::react::NativeDolbyIoIAPISpecJSI>(params);
}

- (void)invalidate
{
  [_impl invalidate];
}

// DolbyIoIAPIEventEmitting, called on core threads.
- (BOOL)emitEvent:(NSString *)name payload:(NSDictionary *)payload
{
  if (!_eventEmitterCallback) return NO; // JS has not set up the emitters
  if ([name isEqualToString:@"onAccessTokenRequest"]) [self emitOnAccessTokenRequest:payload];
  else if ([name isEqualToString:@"onConferenceStatusChange"]) [self emitOnConferenceStatusChange:payload];
  else if ([name isEqualToString:@"onParticipantsChange"]) [self emitOnParticipantsChange:payload];
  else if ([name isEqualToString:@"onPermissionsChange"]) [self emitOnPermissionsChange:payload];
  else if ([name isEqualToString:@"onConnectionStateChange"]) [self emitOnConnectionStateChange:payload];
  else if ([name isEqualToString:@"onTokenStateChange"]) [self emitOnTokenStateChange:payload];
  else if ([name isEqualToString:@"onLog"]) [self emitOnLog:payload];
  else return NO;
  return YES;
}

- (void)initialize:(NSString *)consumerKey consumerSecret:(NSString *)consumerSecret resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl initialize:consumerKey consumerSecret:consumerSecret resolve:resolve reject:reject];
}

- (void)initializeToken:(NSString *_Nullable)accessToken resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
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

- (void)getTokenState:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl getTokenState:resolve reject:reject];
}

- (void)setLogLevel:(NSString *)level platformLog:(BOOL)platformLog resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl setLogLevel:level platformLog:platformLog resolve:resolve reject:reject];
}

- (void)sessionOpen:(NativeParticipantInfo &)info resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  NSDictionary *map = dict(@[ @"name", @"externalId", @"avatarUrl" ], {info.name(), info.externalId(), info.avatarUrl()});
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

- (void)sessionGetConnectionState:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl sessionGetConnectionState:resolve reject:reject];
}

- (void)conferenceCreate:(NativeConferenceCreateOptions &)options resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  auto p = options.params();
  id params = p ? dict(@[ @"dolbyVoice", @"liveRecording", @"ttl", @"videoCodec", @"rtcpMode" ],
                       {box(p->dolbyVoice()), box(p->liveRecording()), box(p->ttl()), p->videoCodec(), p->rtcpMode()})
                : nil;
  NSDictionary *map = dict(@[ @"alias", @"params" ], {options.alias(), params});
  [_impl conferenceCreate:map resolve:resolve reject:reject];
}

- (void)conferenceFetch:(NSString *)conferenceId resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceFetch:conferenceId resolve:resolve reject:reject];
}

- (void)conferenceCurrent:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceCurrent:resolve reject:reject];
}

- (void)conferenceJoin:(NSString *)conferenceId options:(NativeConferenceJoinOptions &)options resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  NSDictionary *map = dict(@[ @"conferenceAccessToken", @"participantType" ],
                           {options.conferenceAccessToken(), options.participantType()});
  [_impl conferenceJoin:conferenceId options:map resolve:resolve reject:reject];
}

- (void)conferenceLeave:(NativeConferenceLeaveOptions &)options resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  NSDictionary *map = dict(@[ @"leaveRoom" ], {box(options.leaveRoom())});
  [_impl conferenceLeave:map resolve:resolve reject:reject];
}

- (void)conferenceGetParticipants:(NSString *)conferenceId resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceGetParticipants:conferenceId resolve:resolve reject:reject];
}

- (void)conferenceGetParticipant:(NSString *)participantId resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceGetParticipant:participantId resolve:resolve reject:reject];
}

- (void)conferenceGetStatus:(NSString *)conferenceId resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceGetStatus:conferenceId resolve:resolve reject:reject];
}

- (void)conferenceKick:(NSString *)participantId resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceKick:participantId resolve:resolve reject:reject];
}

- (void)conferenceMute:(NSString *)participantId isMuted:(BOOL)isMuted resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceMute:participantId isMuted:isMuted resolve:resolve reject:reject];
}

- (void)conferenceIsMuted:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceIsMuted:resolve reject:reject];
}

- (void)conferenceUpdatePermissions:(NSArray *)participantPermissions resolve:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [_impl conferenceUpdatePermissions:participantPermissions resolve:resolve reject:reject];
}

@end
