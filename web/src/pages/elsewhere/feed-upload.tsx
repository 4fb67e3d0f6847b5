import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import type { FeedOutcome } from '../../contracts';

/** 新增 3 个、调整 1 个、解除 1 个、未变 12 个: what an import did. */
const countsZh = (r: FeedOutcome) => `新增 ${r.added} 个、调整 ${r.changed} 个、解除 ${r.ended} 个、未变 ${r.unchanged} 个`;

/**
 * Imports another city's risk-area feed (the .json its GET /api/public/risk-areas answers): all or nothing, and
 * the same feed again is said to be a replay that changed nothing.
 */
export function FeedUpload({ onResult }: { onResult: (r?: FeedOutcome) => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file);
      const r = await api.post<FeedOutcome>('/api/elsewhere/feeds', form);
      onResult(r);
      qc.invalidateQueries({ queryKey: ['elsewhere'] });
    } catch (e) {
      onResult(undefined);
      message.error(e instanceof Error ? e.message : '导入失败');
    } finally {
      setBusy(false);
    }
    return false;
  };
  return (
    <Upload accept=".json,application/json" showUploadList={false} beforeUpload={upload}>
      <Button icon={<UploadOutlined />} loading={busy} data-testid="feed-upload">
        导入外地数据文件
      </Button>
    </Upload>
  );
}

/** What the last import did, or that it was a replay which changed nothing. */
export function FeedResult({ result, onClose }: { result: FeedOutcome; onClose: () => void }) {
  const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
  const feed = `${result.province}${result.city}风险地区数据（${at(result.generatedAt)}生成）`;
  return (
    <Alert
      data-testid="feed-result"
      style={{ marginBottom: 12 }}
      closable
      onClose={onClose}
      type={result.replayOf ? 'info' : 'success'}
      showIcon
      title={
        result.replayOf ? `${feed}已于${at(result.replayOf.at)}导入过，本次未作任何更改` : `已导入${feed}：${countsZh(result)}`
      }
    />
  );
}
