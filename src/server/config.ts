import { z } from 'zod';

/**
 * `TRUST_PROXY`: whom to believe about `X-Forwarded-For/-Proto/-Host` (the audit IP, the request's host).
 * Off by default, so a client cannot choose the IP written to the audit log. `true` trusts every hop (only when
 * the proxy is the sole way in), anything else is a comma-separated list of the proxies' addresses or CIDR
 * ranges (`10.0.0.0/8,127.0.0.1`), as Fastify's `trustProxy` reads them.
 */
const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((v): boolean | string[] => {
    if (v === '' || /^(false|off|no|0)$/i.test(v)) return false;
    if (/^(true|on|yes)$/i.test(v)) return true;
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  });

/** Every setting comes from the environment, is validated once at start and named in errors. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** The owner role: migrations, the seed, the grants. Without it, the embedded cluster under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * The role the API serves requests as (docs/deployment.md): a plain login role the DBA made. Without it the
   * owner makes `<database>_app` itself, which needs CREATEROLE.
   */
  DATABASE_APP_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  SESSION_SECRET: z.string().min(16).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  DEMO_PEOPLE: z.coerce.number().int().min(0).default(20000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where users reach the console (`https://fangyi.example.cn`): https here makes cookies `Secure` and adds HSTS. */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
    .optional(),
  TRUST_PROXY: trustProxy,
  /**
   * Login attempts one address may make a minute (beside the per-name lockout), in each API process. Behind a
   * proxy set TRUST_PROXY, or every user shares the proxy's address.
   */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /**
   * Citizens' code requests and sign-ins one address may make a minute (the health code's page, beside the limits
   * per ID number), in each API process. Generous: a compound's residents may share one carrier NAT address.
   */
  CITIZEN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
});

export type Config = z.infer<typeof schema>;

/** True when the configured public URL is https (never decided from a client's header). */
export const servesHttps = (config: Pick<Config, 'PUBLIC_URL'>) => config.PUBLIC_URL?.startsWith('https://') === true;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration (环境变量配置有误):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
