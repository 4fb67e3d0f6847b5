import type { Ctx } from './context';

/**
 * The facts modules tell each other, by name. Each module adds its own events to this interface in its
 * `events.ts` (declaration merging), so `emit` and handlers are typed end to end:
 *
 *   declare module '../../kit/events' { interface DomainEvents { 'positive.registered': { positiveId: number } } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules' declaration merging
export interface DomainEvents {}

export type EventName = keyof DomainEvents;

export type EventHandler<E extends EventName> = (ctx: Ctx, payload: DomainEvents[E]) => Promise<void>;
export type EventHandlers = { [E in EventName]?: EventHandler<E> };

/** The in-process bus: handlers of every module, by event; they run in the emitter's transaction. */
export class EventBus {
  private readonly handlers = new Map<string, EventHandler<EventName>[]>();

  subscribe(handlers: EventHandlers) {
    for (const [name, h] of Object.entries(handlers)) {
      if (!h) continue;
      const list = this.handlers.get(name) ?? [];
      list.push(h as EventHandler<EventName>);
      this.handlers.set(name, list);
    }
  }

  handlersOf(name: EventName): readonly EventHandler<EventName>[] {
    return this.handlers.get(name) ?? [];
  }
}
