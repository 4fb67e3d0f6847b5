import '../../kit/events';

declare module '../../kit/events' {
  interface DomainEvents {
    /** Colours changed (`changed` people, from seq `fromSeq` to `toSeq` of health_code_changes) because of `cause`. */
    'healthcode.colours_changed': { cause: string; changed: number; fromSeq: number; toSeq: number };
    /** An administrator's correction took effect (applied at once, or approved by a second person of the CDC). */
    'healthcode.corrected': { correctionId: number; personIds: number[]; colour: 'green' | 'yellow' | 'red' };
  }
}
