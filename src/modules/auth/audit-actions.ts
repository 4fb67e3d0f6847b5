import type { AuditAction, AuditFacts } from '../../kit/audit-sentences';
import { ROLES } from '../../kit/roles';

const roleZh = (role: unknown) => (ROLES as Record<string, string>)[String(role)] ?? '未知角色';
const account = (r: AuditFacts) => (r.target && /^\d+$/.test(r.target) ? `编号 ${r.target} 的账号` : `账号 ${r.target ?? ''}`);

/** The accounts' audit actions and how their rows read. */
export const authAuditActions = {
  'auth.login': { label: '登录', sentence: () => '登录系统' },
  'auth.login_failed': { label: '登录失败', sentence: () => '登录失败：密码不正确' },
  'auth.logout': { label: '退出登录', sentence: () => '退出登录' },
  'user.create': { label: '新建账号', sentence: (r) => `新建账号 ${r.target ?? ''}（${roleZh(r.detail.role)}）` },
  'user.disable': { label: '停用账号', sentence: (r) => `停用${account(r)}` },
  'user.enable': { label: '启用账号', sentence: (r) => `启用${account(r)}` },
  'token.create': { label: '创建设备令牌', sentence: (r) => `创建设备令牌“${r.target ?? ''}”` },
  'token.revoke': { label: '吊销设备令牌', sentence: (r) => `吊销设备令牌“${r.target ?? ''}”` },
} satisfies Record<string, AuditAction>;
