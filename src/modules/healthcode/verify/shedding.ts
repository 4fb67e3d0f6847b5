import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { groupCommitStats } from '../../../kit/group-commit';
import { AppError, tooMany } from '../../../server/errors';
import type { FrontDoor } from '../../../server/front-door';

/**
 * Load levels of the scan routes, read from what the process holds now: requests in flight and scans waiting
 * for their group commit. Above `lean` the answers leave out their optional part (the reasons, the one thing
 * read from the database), as Hainan switched off its vaccination badge under load in April 2022; above `shed`
 * a request is refused at once, before its body is read, with a 429 and Retry-After: 1, so the requests the
 * process keeps are answered in time and it recovers by itself as soon as the burst passes.
 *
 * Counts alone let a process slow down before it sheds: at 7,000 scans a second, 1,024 in flight is 150 ms of
 * queue. So the routes also shed on a standing queue, the way CoDel tells one from a passing burst: when even the
 * fastest answer of the last `intervalMs` took longer than `targetMs`, or the event loop ran that late on average
 * (requests then wait before they reach Fastify at all), the process is over capacity, and requests beyond
 * `floorInFlight` are refused until a window passes fast again. The floor keeps enough requests admitted for
 * the next window to measure, so the process notices by itself, one window after the burst, that it has room.
 */
export const LOAD = {
  leanInFlight: Number(process.env.FANGYI_VERIFY_LEAN) || 256,
  shedInFlight: Number(process.env.FANGYI_VERIFY_SHED) || 1_024,
  shedQueued: Number(process.env.FANGYI_VERIFY_SHED_QUEUED) || 4_096,
  targetMs: Number(process.env.FANGYI_VERIFY_TARGET_MS) || 40,
  intervalMs: 100,
  floorInFlight: Number(process.env.FANGYI_VERIFY_FLOOR) || 64,
};

/** What the process holds now; `standing` is the verdict of the last window, `windows` counts them (tests wait on it). */
export const loadState = { inFlight: 0, shed: 0, standing: false, windows: 0 };

const win = { fastest: Number.POSITIVE_INFINITY, answered: 0 };
let lag: ReturnType<typeof monitorEventLoopDelay> | null = null;

/** Closes a window: standing when its fastest answer, or the event loop's mean delay, was past the target. */
function closeWindow() {
  const loopLate = lag ? lag.mean / 1e6 - 10 : 0; // the histogram's resolution (10 ms) is its floor
  lag?.reset();
  // A window with no answer keeps the last verdict only while requests are still held: idle means room.
  const slow = win.answered > 0 ? win.fastest > LOAD.targetMs : loadState.standing && loadState.inFlight > 0;
  loadState.standing = slow || loopLate > LOAD.targetMs;
  loadState.windows++;
  win.fastest = Number.POSITIVE_INFINITY;
  win.answered = 0;
}

/** The window clock starts with the first scan a process serves (none runs in a process that serves none). */
function watch() {
  if (lag) return;
  lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  setInterval(closeWindow, LOAD.intervalMs).unref();
}

const over = () =>
  loadState.inFlight >= LOAD.shedInFlight ||
  groupCommitStats.queued >= LOAD.shedQueued ||
  (loadState.standing && loadState.inFlight >= LOAD.floorInFlight);

const busy = () => tooMany('核验繁忙，请稍后重扫（1秒后）', 'verification is busy: scan again in a second', 1, 'healthcode.busy');

/**
 * The routes' front door (src/server/front-door.ts): the same verdict before Fastify sees the request, answered
 * with the same 429 written as fixed bytes. A refusal there costs a few microseconds instead of a pass through
 * Fastify's hooks and error handler, so a burst at several times capacity does not spend the process on refusing.
 */
export const door: FrontDoor = {
  shut: () => {
    watch();
    if (!over()) return false;
    loadState.shed++;
    return true;
  },
  answer: busy(),
};

/** Whether the answers should leave out their optional parts now. */
export const lean = () => loadState.inFlight > LOAD.leanInFlight;

const counted = new WeakSet<FastifyRequest>();

/** Route hooks of a shedding route: count it in, refuse it when over, count it out however it ends. */
export const shedding = {
  onRequest: async (req: FastifyRequest) => {
    watch();
    if (over()) {
      loadState.shed++;
      throw busy();
    }
    loadState.inFlight++;
    counted.add(req);
  },
  onResponse: async (req: FastifyRequest, reply: FastifyReply) => {
    if (!release(req)) return;
    win.fastest = Math.min(win.fastest, reply.elapsedTime);
    win.answered++;
  },
  onRequestAbort: async (req: FastifyRequest) => {
    release(req);
  },
};

/** Counts an admitted request out; false for one that was refused (it was never counted in). */
function release(req: FastifyRequest) {
  if (!counted.delete(req)) return false;
  loadState.inFlight--;
  return true;
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
