import { App, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The citizens' phone pages (/public/code, /v/<code>): one narrow column under the page's title. */
export function CitizenFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <App>
      <div style={{ maxWidth: 480, margin: '0 auto', padding: 12 }}>
        <Typography.Title level={4} style={{ textAlign: 'center', marginBottom: 12 }}>
          {title}
        </Typography.Title>
        {children}
      </div>
    </App>
  );
}
