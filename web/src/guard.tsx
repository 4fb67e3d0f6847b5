import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCan, useCatalogue } from './access';

/**
 * Opens a page only for an account holding its menu entry's permission; anyone else, arriving by URL or an old
 * bookmark, is told so (无权访问) instead of meeting an empty table and a stream of refused requests.
 */
export function Guard({ path, children }: { path: string; children: ReactNode }) {
  const can = useCan();
  const entry = useCatalogue().menu.find((m) => m.path === path);
  return entry && can(entry.permission) ? children : <Forbidden />;
}

export function Forbidden() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有打开此页面的权限，如需使用请联系系统管理员。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}
