import type { EventSubscription } from 'react-native';
import { assertArgument } from './nativeCall';
import type { UnsubscribeFunction } from './models/events';

/**
 * Subscribes `handler` to one native event, converting each payload with `convert`.
 * Returns a function that removes the native subscription; calling it again does nothing.
 * A handler that throws is reported with `console.error` and does not stop later events
 * (nor the other handlers of the same event).
 */
export function subscribe<Payload, Event>(
  addListener: (listener: (payload: Payload) => void) => EventSubscription,
  convert: (payload: Payload) => Event,
  handler: (event: Event) => void
): UnsubscribeFunction {
  assertArgument(typeof handler === 'function', 'handler must be a function');
  let subscription: EventSubscription | null = addListener((payload) => {
    try {
      handler(convert(payload));
    } catch (error) {
      console.error('DolbyIoIAPI: an event handler threw', error);
    }
  });
  return () => {
    subscription?.remove();
    subscription = null;
  };
}
