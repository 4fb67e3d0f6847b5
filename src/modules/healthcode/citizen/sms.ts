import type { FastifyBaseLogger } from 'fastify';
import type { Kit } from '../../../kit/context';
import { maskIdNumber, maskPhone } from '../../../kit/personal';

/** A one-time code to send: to whom (the full phone is for the gateway alone), and the code. */
export interface SmsMessage {
  personId: number;
  /** The resident's phone on file, null when the ledger has none. */
  phone: string | null;
  idNumber: string;
  code: string;
  minutes: number;
}

/**
 * The SMS gateway the citizens' sign-in sends its codes through: pluggable (`useSmsGateway(kit, gateway)` before
 * serving, e.g. a carrier's HTTP API), by default written to the server log (docs/architecture.md, README). A
 * gateway's failure is logged, never answered: the answer to a code request is the same whatever happens next.
 */
export interface SmsGateway {
  send(message: SmsMessage): Promise<void>;
}

/**
 * The default: one `info` line per code, `citizen sign-in code`, with the phone and ID number MASKED (138******78,
 * 23****************), the person's id and the code. The code never shares a line with a whole ID number or
 * phone, so the log cannot sign anyone in by itself; a demo or a test reads its code from this line.
 */
export const logGateway = (log: FastifyBaseLogger): SmsGateway => ({
  async send(m) {
    log.info(
      {
        sms: {
          to: m.phone ? maskPhone(m.phone) : null,
          id: maskIdNumber(m.idNumber),
          personId: m.personId,
          code: m.code,
          minutes: m.minutes,
        },
      },
      'citizen sign-in code',
    );
  },
});

const gateways = new WeakMap<Kit['db'], SmsGateway>();

/** Plugs a gateway in for the servers over this kit's database (the default is the log). */
export function useSmsGateway(kit: Kit, gateway: SmsGateway) {
  gateways.set(kit.db, gateway);
}

export const gatewayOf = (kit: Kit, log: FastifyBaseLogger) => gateways.get(kit.db) ?? logGateway(log);
