import type { FastifyReply, FastifyRequest } from 'fastify';
import { groupCommitStats } from '../../../kit/group-commit';
import { AppError, tooMany } from '../../../server/errors';

/**
 * Load levels of the scan routes, read from what the process holds now: requests in flight and scans waiting
 * for their group commit. Above `lean` the answers leave out their optional part (the reasons, the one thing
 * read from the database), as Hainan switched off its vaccination badge under load in April 2022; above `shed`
 * a request is refused at once, before its body is read, with a 429 and Retry-After: 1, so the requests the
 * process keeps are answered in time and it recovers by itself as soon as the burst passes.
 */
export const LOAD = {
  leanInFlight: Number(process.env.FANGYI_VERIFY_LEAN) || 256,
  shedInFlight: Number(process.env.FANGYI_VERIFY_SHED) || 1_024,
  shedQueued: Number(process.env.FANGYI_VERIFY_SHED_QUEUED) || 4_096,
};

export const loadState = { inFlight: 0, shed: 0 };

const busy = () => tooMany('核验繁忙，请稍后重扫（1秒后）', 'verification is busy: scan again in a second', 1, 'healthcode.busy');

/** Whether the answers should leave out their optional parts now. */
export const lean = () => loadState.inFlight > LOAD.leanInFlight;

const counted = new WeakSet<FastifyRequest>();

/** Route hooks of a shedding route: count it in, refuse it when over, count it out however it ends. */
export const shedding = {
  onRequest: async (req: FastifyRequest) => {
    if (loadState.inFlight >= LOAD.shedInFlight || groupCommitStats.queued >= LOAD.shedQueued) {
      loadState.shed++;
      throw busy();
    }
    loadState.inFlight++;
    counted.add(req);
  },
  onResponse: async (req: FastifyRequest, _reply: FastifyReply) => release(req),
  onRequestAbort: async (req: FastifyRequest) => release(req),
};

function release(req: FastifyRequest) {
  if (!counted.delete(req)) return;
  loadState.inFlight--;
}

/** Until the projection is loaded, a scan cannot be judged: 503 with Retry-After. */
export const starting = () => {
  const e = new AppError(
    503,
    'healthcode.starting',
    '健康码核验服务正在启动，请稍后重扫',
    'verification is starting: scan again shortly',
  );
  e.retryAfter = 2;
  return e;
};
