import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../kit/module';
import { citizenOf } from '../../../server/access';
import { servesHttps } from '../../../server/config';
import { healthKeys } from '../keys';
import { openSession, SESSION_HOURS } from '../tokens';
import {
  citizenMe,
  codeAnswer,
  codeRequestAnswer,
  codeRequestBody,
  okAnswer,
  travelAnswer,
  travelBody,
  travelList,
  verifyBody,
} from './contract';
import { citizenService as svc } from './service';
import { CITIZEN_COOKIE, registerCitizenSession } from './session';
import { gatewayOf } from './sms';

const tags = ['healthcode'];

/**
 * The citizens' page (龙江健康码, for phones, no app, no account): sign-in with the ID number and a one-time code,
 * the code with its QR token, the 48-hour check and the self-reports. Sign-in is public (limited per address here
 * and per ID number in the service); the rest is `citizen` access, served for the person of the session cookie.
 */
export function registerCitizenRoutes(app: FastifyInstance, { kit, config }: Pick<ModuleDeps, 'kit' | 'config'>) {
  registerCitizenSession(app, kit);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const open = {
    access: { public: true as const },
    rateLimit: { max: config.CITIZEN_RATE_PER_MINUTE, timeWindow: 60_000 },
  };
  const citizen = { access: { citizen: true as const } };
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, path: '/', secure: servesHttps(config) };

  r.post('/api/healthcode/citizen/code-requests', {
    config: open,
    schema: {
      tags,
      summary: '获取登录验证码 (a one-time code by SMS; the same answer whether or not the ID number is known)',
      body: codeRequestBody,
      response: { 200: codeRequestAnswer },
    },
    handler: async (req) => svc.requestCode(kit, req.body.idNumber, gatewayOf(kit, req.log)),
  });

  r.post('/api/healthcode/citizen/sessions', {
    config: open,
    schema: {
      tags,
      summary: '市民登录 (sign in with the ID number and the code: an HttpOnly, SameSite=Strict cookie)',
      body: verifyBody,
      response: { 200: citizenMe },
    },
    handler: async (req, reply) => {
      const s = await svc.verify(kit, req.body.idNumber, req.body.code);
      reply.setCookie(CITIZEN_COOKIE, s.cookie, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });
      const opened = openSession(await healthKeys(kit), s.cookie, kit.clock.now());
      return { personId: s.personId, name: s.name, expiresAt: (opened?.expiresAt ?? kit.clock.now()).toISOString() };
    },
  });

  r.post('/api/healthcode/citizen/logout', {
    config: citizen,
    schema: { tags, summary: '市民退出登录 (log out)', response: { 200: okAnswer } },
    handler: async (_req, reply) => {
      reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  r.get('/api/healthcode/citizen/me', {
    config: citizen,
    schema: { tags, summary: '当前市民 (who is signed in)', response: { 200: citizenMe } },
    handler: async (req) => {
      const c = citizenOf(req);
      const opened = openSession(await healthKeys(kit), req.cookies[CITIZEN_COOKIE] ?? '', kit.clock.now());
      return { personId: c.personId, name: c.name, expiresAt: (opened?.expiresAt ?? kit.clock.now()).toISOString() };
    },
  });

  r.get('/api/healthcode/citizen/code', {
    config: citizen,
    schema: {
      tags,
      summary: '我的健康码 (colour, reasons, QR token, latest tests, the 48-hour check for leaving the city)',
      response: { 200: codeAnswer },
    },
    handler: async (req) => svc.code(kit, citizenOf(req)),
  });

  r.post('/api/healthcode/citizen/travel-reports', {
    config: citizen,
    schema: {
      tags,
      summary: '行程报备 (a trip to another city; idempotent per trip; a risk area colours the code)',
      body: travelBody,
      response: { 200: travelAnswer },
    },
    handler: async (req) => svc.report(kit, citizenOf(req).personId, req.body),
  });

  r.get('/api/healthcode/citizen/travel-reports', {
    config: citizen,
    schema: { tags, summary: '我的行程报备 (my reports, newest first)', response: { 200: travelList } },
    handler: async (req) => svc.travels(kit, citizenOf(req).personId),
  });
}
