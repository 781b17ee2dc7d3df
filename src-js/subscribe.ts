import type { EventSubscription } from 'react-native';
import { assertArgument } from './nativeCall';
import type { UnsubscribeFunction } from './models/events';

/**
 * Subscribes `handler` to one native event, converting each payload with `convert`.
 * Returns a function that removes the native subscription; calling it again does nothing.
 */
export function subscribe<Payload, Event>(
  addListener: (listener: (payload: Payload) => void) => EventSubscription,
  convert: (payload: Payload) => Event,
  handler: (event: Event) => void
): UnsubscribeFunction {
  assertArgument(typeof handler === 'function', 'handler must be a function');
  let subscription: EventSubscription | null = addListener((payload) => {
    handler(convert(payload));
  });
  return () => {
    subscription?.remove();
    subscription = null;
  };
}
