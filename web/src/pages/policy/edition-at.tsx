import { useMutation } from '@tanstack/react-query';
import { App, DatePicker, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError, api } from '../../api';
import type { PolicyEdition } from '../../contracts';

/**
 * 查询某一时刻执行的版本: which edition a past decision followed, asked of the server (GET /api/policy/editions/at)
 * for a moment in Beijing time; the answer is chosen on the page.
 */
export function EditionAt({ onFound }: { onFound: (e: PolicyEdition) => void }) {
  const { message } = App.useApp();
  const ask = useMutation({
    mutationFn: (t: Dayjs) =>
      api.get<PolicyEdition>(`/api/policy/editions/at?time=${encodeURIComponent(`${t.format('YYYY-MM-DDTHH:mm:ss')}+08:00`)}`),
    onSuccess: (e) => {
      message.info(`该时刻执行：${e.name}`);
      onFound(e);
    },
    onError: (e) => message.warning(e instanceof ApiError && e.status === 404 ? '该时刻尚无执行中的防控方案' : e.message),
  });
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Typography.Text>查询某一时刻执行的版本</Typography.Text>
      <DatePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        placeholder="选择时间（北京时间）"
        aria-label="查询时间"
        onChange={(t) => t && ask.mutate(t)}
      />
    </Space>
  );
}
