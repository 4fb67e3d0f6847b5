import { useQuery } from '@tanstack/react-query';
import { Drawer, Tag, Timeline, Typography } from 'antd';
import { api } from '../../api';
import type { ElsewhereArea } from '../../contracts';
import { LEVEL_COLORS, LEVEL_LABELS, placeOf, timeOf } from './labels';

/** Every span of one area, oldest first: when it was at which level, and where each span came from. */
export function AreaHistory({ area, onClose }: { area?: ElsewhereArea; onClose: () => void }) {
  const history = useQuery({
    queryKey: ['elsewhere', 'history', area?.id],
    queryFn: () => api.get<{ items: ElsewhereArea[] }>(`/api/elsewhere/areas/${area?.id}/history`),
    enabled: !!area,
  });
  return (
    <Drawer open={!!area} onClose={onClose} title={area ? `等级历史：${placeOf(area)}` : ''} size={420}>
      <Timeline
        items={(history.data?.items ?? []).map((s) => ({
          color: LEVEL_COLORS[s.level],
          content: (
            <div data-testid="history-span">
              <Tag color={LEVEL_COLORS[s.level]}>{LEVEL_LABELS[s.level]}</Tag>
              {timeOf(s.since)} 起{s.until ? `，至 ${timeOf(s.until)}` : '，至今'}
              <br />
              <Typography.Text type="secondary">
                {s.feed ? `${s.feed.province}${s.feed.city}数据（${timeOf(s.feed.generatedAt)}生成）` : '本市疾控登记'}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    </Drawer>
  );
}
